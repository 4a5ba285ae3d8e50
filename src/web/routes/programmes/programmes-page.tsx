import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Programmes feature lands. */
export default function ProgrammesPage() {
  return <PageHeader title="Programmes" />;
}
