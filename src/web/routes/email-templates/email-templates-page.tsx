import { Link } from "react-router";
import { describeError } from "../../api/api-error.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatDateTime } from "../../components/format.ts";
import { Loading, PageHeader } from "../../components/page.tsx";
import { useEmailTemplates } from "./use-email-templates.ts";
import "./email-templates.css";

export default function EmailTemplatesPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Email templates" />;
  return <EmailTemplates orgId={me.currentOrgId} />;
}

function EmailTemplates({ orgId }: { orgId: string }) {
  const templates = useEmailTemplates(orgId);
  return (
    <>
      <PageHeader
        title="Email templates"
        description="Every kind of email Trellis sends for your organisation. Reword any of them; the variables in {{braces}} are filled in when each email is sent."
      />
      {templates.isPending ? <Loading label="Loading email templates…" /> : null}
      {templates.isError ? <Alert tone="error">{describeError(templates.error)}</Alert> : null}
      {templates.data ? (
        <ul className="item-list" aria-label="Email templates">
          {templates.data.templates.map((template) => (
            <li key={template.kind} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">
                  <Link to={`/settings/email-templates/${template.kind}`}>{template.title}</Link>{" "}
                  {template.customised ? (
                    <span className="badge badge--info">Reworded</span>
                  ) : (
                    <span className="badge badge--neutral">Default</span>
                  )}
                </p>
                <p className="item-list__meta">{template.sentWhen}</p>
                {template.customised && template.updatedAt ? (
                  <p className="item-list__meta">
                    Changed {formatDateTime(template.updatedAt)}
                    {template.updatedByName ? ` by ${template.updatedByName}` : ""}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="email-templates__note">
        Password resets and email address confirmations belong to each person's account, not to an
        organisation, so they keep Trellis's wording.
      </p>
    </>
  );
}
