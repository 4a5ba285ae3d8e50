import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the New programme feature lands. */
export default function NewProgrammePage() {
  return <PageHeader title="New programme" />;
}
