import { useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../api/api-error.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatDateTime } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { SegmentedChoice } from "../../components/segmented-choice.tsx";
import { EmailHtmlFrame } from "./email-html-frame.tsx";
import { DeliveryState } from "./delivery-state.tsx";
import { LinkifiedText } from "./linkified-text.tsx";
import { ResendButton } from "./resend-button.tsx";
import { useSentEmails } from "./use-sent-emails.ts";

const EMAIL_VIEWS = [
  { value: "text", label: "Text" },
  { value: "html", label: "HTML" },
] as const;

export default function SentEmailPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Sent email" />;
  return <SentEmail orgId={me.currentOrgId} />;
}

function SentEmail({ orgId }: { orgId: string }) {
  const { emailId } = useParams();
  const emails = useSentEmails(orgId);
  const [view, setView] = useState<"text" | "html">("text");
  const email = emails.data?.emails.find((item) => item.id === emailId);
  const back = (
    <Link to="/emails" className="back-link">
      <span aria-hidden="true">←</span> All sent email
    </Link>
  );

  if (emails.isPending) return <Loading label="Loading email…" />;
  if (emails.isError) return <Alert tone="error">{describeError(emails.error)}</Alert>;
  if (!email) {
    return (
      <>
        {back}
        <PageHeader title="Email not found" />
        <EmptyState title="This email is not in the list">
          <p>It may belong to another organisation.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader title={email.subject} />
      <dl className="email-meta">
        <div>
          <dt>To</dt>
          <dd>{email.to}</dd>
        </div>
        <div>
          <dt>Recorded</dt>
          <dd>{formatDateTime(email.createdAt)}</dd>
        </div>
        <div>
          <dt>Delivery</dt>
          <dd>
            <DeliveryState email={email} />
          </dd>
        </div>
      </dl>
      {emails.data.delivery === "smtp" ? <ResendButton orgId={orgId} email={email} /> : null}
      <SegmentedChoice legend="Show the email as" options={EMAIL_VIEWS} value={view} onChange={setView} />
      <section className="email-body" aria-label={view === "text" ? "Email text" : "Email as HTML"}>
        {view === "text" ? (
          <LinkifiedText text={email.text} />
        ) : (
          <EmailHtmlFrame title={`HTML of “${email.subject}”`} html={email.html} />
        )}
      </section>
    </>
  );
}
