import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Relationship feature lands. */
export default function RelationshipPage() {
  return <PageHeader title="Relationship" />;
}
