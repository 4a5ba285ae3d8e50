import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { describeError } from "../../api/api-error.ts";
import { api, currentMembership, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, Loading, PageHeader } from "../../components/page.tsx";

export const securityKey = (orgId: string) => [...queryKeys.org(orgId), "security"] as const;

/** Settings → Security: the organisation's sign-in rules (owners change them; admins see them). */
export default function SecurityPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Security" />;
  return <Security orgId={me.currentOrgId} isOwner={currentMembership(me)?.role === "owner"} />;
}

function Security({ orgId, isOwner }: { orgId: string; isOwner: boolean }) {
  const client = useQueryClient();
  const security = useQuery({
    queryKey: securityKey(orgId),
    queryFn: () => api.call("orgSecurity", { params: { orgId } }),
  });
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (requireTwoFactorForAdmins: boolean) =>
      api.call("updateOrgSecurity", { params: { orgId }, body: { requireTwoFactorForAdmins } }),
    onSuccess: (data) => {
      setSaved(true);
      client.setQueryData(securityKey(orgId), data);
    },
  });
  return (
    <>
      <PageHeader
        title="Security"
        description="How people sign in to your organisation, and its data exports."
      />
      {security.isPending ? <Loading /> : null}
      {security.isError ? <Alert tone="error">{describeError(security.error)}</Alert> : null}
      {security.data ? (
        <Card title="Two-factor sign-in">
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              setSaved(false);
              const checked = new FormData(event.currentTarget).get("requireTwoFactorForAdmins") === "on";
              update.mutate(checked);
            }}
          >
            {saved ? <Alert tone="success">Saved. The change is recorded in the audit log.</Alert> : null}
            {update.isError ? <Alert tone="error">{describeError(update.error)}</Alert> : null}
            <label className="choice">
              <input
                type="checkbox"
                name="requireTwoFactorForAdmins"
                defaultChecked={security.data.requireTwoFactorForAdmins}
                disabled={!isOwner}
              />
              Require two-factor sign-in for owners and admins
            </label>
            <p className="muted">
              Owners and admins without it are sent to <Link to="/account#two-factor">My account</Link> to
              turn it on before they can use the admin pages. Turn it on for yourself first.
            </p>
            {isOwner ? (
              <div className="form-actions">
                <Button type="submit" busy={update.isPending} busyLabel="Saving…">
                  Save
                </Button>
              </div>
            ) : (
              <p className="muted">Only owners can change this.</p>
            )}
          </form>
        </Card>
      ) : null}
      <Card title="Exports">
        <p className="muted">
          Spreadsheets (CSV) of your organisation: names, roles, states and dates, never private content. Each
          export is recorded in the audit log.
        </p>
        <div className="form-actions">
          <a className="button button--secondary" href={`/api/orgs/${orgId}/exports/members`} download>
            Members (CSV)
          </a>
          <a className="button button--secondary" href={`/api/orgs/${orgId}/exports/participants`} download>
            Participants (CSV)
          </a>
          <a className="button button--secondary" href={`/api/orgs/${orgId}/exports/relationships`} download>
            Relationships (CSV)
          </a>
        </div>
      </Card>
    </>
  );
}
