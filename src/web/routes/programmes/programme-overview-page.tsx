import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Programme feature lands. */
export default function ProgrammeOverviewPage() {
  return <PageHeader title="Programme" />;
}
