import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CreateInvitationRequestSchema } from "../../../contracts/index.ts";
import { describeError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { InvitationList } from "./invitation-list.tsx";

export default function InvitationsPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Invitations" />;
  const isOwner = me.memberships.some((item) => item.orgId === me.currentOrgId && item.role === "owner");
  return <Invitations orgId={me.currentOrgId} isOwner={isOwner} />;
}

function Invitations({ orgId, isOwner }: { orgId: string; isOwner: boolean }) {
  const client = useQueryClient();
  const invitations = useQuery({
    queryKey: queryKeys.invitations(orgId),
    queryFn: () => api.call("listInvitations", { params: { orgId } }),
  });
  const invite = useMutation({
    mutationFn: (body: BodyOf<"createInvitation">) =>
      api.call("createInvitation", { params: { orgId }, body }),
    onSuccess: () => {
      form.formRef.current?.reset();
      client.invalidateQueries({ queryKey: queryKeys.invitations(orgId) });
      client.invalidateQueries({ queryKey: queryKeys.emails(orgId) });
    },
  });
  const form = useContractForm(CreateInvitationRequestSchema, (body) => invite.mutate(body), invite.error);
  const list = invitations.data?.invitations ?? [];
  const pending = list.filter((item) => item.status === "pending");
  const past = list.filter((item) => item.status !== "pending");

  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invite people by email. Each link works once and expires."
      />
      <Card title="Invite someone">
        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="invite-form">
          {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
          <Field
            label="Email address"
            name="email"
            type="email"
            autoComplete="off"
            required
            error={form.fieldError("email")}
            className="invite-form__email"
            onChange={() => invite.isSuccess && invite.reset()}
          />
          <SelectField label="Role" name="role" defaultValue="member" error={form.fieldError("role")}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            {isOwner ? <option value="owner">Owner</option> : null}
          </SelectField>
          <Button type="submit" busy={invite.isPending} busyLabel="Sending…" className="invite-form__submit">
            Send invitation
          </Button>
        </form>
        <LiveRegion>
          {invite.isSuccess ? (
            <Alert tone="success">
              Invitation sent to <strong>{invite.data.email}</strong>.
            </Alert>
          ) : null}
        </LiveRegion>
      </Card>
      {invitations.isPending ? <Loading label="Loading invitations…" /> : null}
      {invitations.isError ? <Alert tone="error">{describeError(invitations.error)}</Alert> : null}
      {invitations.data ? (
        <>
          <section className="section" aria-labelledby="pending-heading">
            <h2 id="pending-heading">Pending ({pending.length})</h2>
            {pending.length === 0 ? (
              <EmptyState title="No pending invitations">
                <p>Invitations waiting for an answer show here, so you can resend or revoke them.</p>
              </EmptyState>
            ) : (
              <InvitationList orgId={orgId} invitations={pending} />
            )}
          </section>
          {past.length > 0 ? (
            <section className="section" aria-labelledby="past-heading">
              <h2 id="past-heading">Past invitations</h2>
              <InvitationList orgId={orgId} invitations={past} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
