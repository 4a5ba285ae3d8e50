import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Relationships feature lands. */
export default function RelationshipsPage() {
  return <PageHeader title="Relationships" />;
}
