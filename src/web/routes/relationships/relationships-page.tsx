import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { PageHeader } from "../../components/page.tsx";
import { RelationshipsView } from "./relationships-view.tsx";

/** Every relationship of the organisation, for managers. */
export default function RelationshipsPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Relationships" />;
  return (
    <>
      <PageHeader
        title="Relationships"
        description="Every mentoring pair: states, dates and days since the last activity. What pairs write to each other stays private."
      />
      <RelationshipsView orgId={me.currentOrgId} />
    </>
  );
}
