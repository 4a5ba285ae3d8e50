import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Relationships feature lands. */
export default function ProgrammeRelationshipsPage() {
  return <PageHeader title="Relationships" />;
}
