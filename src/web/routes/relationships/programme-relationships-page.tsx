import { useParams } from "react-router";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { PageHeader } from "../../components/page.tsx";
import { RelationshipsView } from "./relationships-view.tsx";

/** The programme's relationships tab: the managers' table for one programme. */
export default function ProgrammeRelationshipsPage() {
  const me = useMe().data!;
  const { programmeId = "" } = useParams();
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Relationships" />;
  return (
    <>
      <PageHeader
        title="Relationships"
        description="The pairs of this programme: states, dates and days since the last activity."
      />
      <RelationshipsView orgId={me.currentOrgId} programmeId={programmeId} />
    </>
  );
}
