import { Link } from "react-router";
import { describeError } from "../../api/api-error.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDateTime } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { DeliveryState } from "./delivery-state.tsx";
import { ResendButton } from "./resend-button.tsx";
import { useSentEmails } from "./use-sent-emails.ts";

export default function SentEmailsPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Sent email" />;
  return <SentEmails orgId={me.currentOrgId} />;
}

function SentEmails({ orgId }: { orgId: string }) {
  const emails = useSentEmails(orgId);
  return (
    <>
      <PageHeader
        title="Sent email"
        description="Every email Trellis sent for your organisation: invitations, password resets, verifications."
        actions={
          <Button
            variant="secondary"
            busy={emails.isFetching}
            busyLabel="Refreshing…"
            onClick={() => emails.refetch()}
          >
            Refresh
          </Button>
        }
      />
      {emails.data?.delivery === "outbox" ? (
        <Alert tone="info" title="No mail server is set up">
          Emails are kept here instead of being delivered. Open one to copy its link and pass it on, or set{" "}
          <code>SMTP_URL</code> to deliver them. Links that sign someone else in (password resets, email
          confirmations) show as [hidden]; to help a member who forgot their password, issue a reset link from
          Members.
        </Alert>
      ) : null}
      {emails.data?.delivery === "smtp" ? (
        <Alert tone="info">Emails are delivered through your mail server. Copies are listed here.</Alert>
      ) : null}
      {emails.isPending ? <Loading label="Loading sent email…" /> : null}
      {emails.isError ? <Alert tone="error">{describeError(emails.error)}</Alert> : null}
      {emails.data && emails.data.emails.length === 0 ? (
        <EmptyState title="No email sent yet">
          <p>Invitations and password resets appear here as soon as they are sent.</p>
        </EmptyState>
      ) : null}
      {emails.data && emails.data.emails.length > 0 ? (
        <ul className="item-list email-list" aria-label="Sent email">
          {emails.data.emails.map((email) => (
            <li key={email.id} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">
                  <Link to={`/emails/${email.id}`} className="email-list__link">
                    {email.subject}
                  </Link>
                </p>
                <p className="item-list__meta">
                  To {email.to} · {formatDateTime(email.createdAt)}
                </p>
                <p className="item-list__meta">
                  <DeliveryState email={email} />
                </p>
              </div>
              {emails.data.delivery === "smtp" ? <ResendButton orgId={orgId} email={email} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
