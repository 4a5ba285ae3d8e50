import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { EmailTemplate } from "../../../contracts/email-templates.ts";
import {
  EMAIL_BODY_MAX_LENGTH,
  EMAIL_SUBJECT_MAX_LENGTH,
  findTemplateProblems,
} from "../../../core/email/template.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TemplatePreview } from "./template-preview.tsx";
import { emailTemplateKeys, useEmailTemplates } from "./use-email-templates.ts";
import { VariableList } from "./variable-list.tsx";
import "./email-templates.css";

export default function EmailTemplatePage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Email templates" />;
  return <EmailTemplateLoader orgId={me.currentOrgId} />;
}

function EmailTemplateLoader({ orgId }: { orgId: string }) {
  const { kind } = useParams();
  const templates = useEmailTemplates(orgId);
  const template = templates.data?.templates.find((item) => item.kind === kind);
  // Kept here: a save or reset starts the editor again (a new key), and the news must outlive it.
  const [outcome, setOutcome] = useState<string | null>(null);
  const back = (
    <Link to="/settings/email-templates" className="back-link">
      <span aria-hidden="true">←</span> All email templates
    </Link>
  );
  if (templates.isPending) return <Loading label="Loading the template…" />;
  if (templates.isError) return <Alert tone="error">{describeError(templates.error)}</Alert>;
  if (!template) {
    return (
      <>
        {back}
        <PageHeader title="Email template not found" />
        <EmptyState title="There is no such kind of email">
          <p>Pick one from the list of email templates.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={template.title} description={template.sentWhen} />
      <LiveRegion>{outcome ? <Alert tone="success">{outcome}</Alert> : null}</LiveRegion>
      {/* A new key after a save or reset starts the form again from what the server holds. */}
      <Editor
        key={`${template.kind}:${template.updatedAt ?? "default"}`}
        orgId={orgId}
        template={template}
        onOutcome={setOutcome}
      />
    </>
  );
}

/** "1,234 of 10,000 characters", and over the limit, by how much. */
function counter(length: number, max: number): string {
  const count = `${length.toLocaleString("en-GB")} of ${max.toLocaleString("en-GB")} characters`;
  return length > max ? `${count}: ${(length - max).toLocaleString("en-GB")} too many` : count;
}

function Editor({
  orgId,
  template,
  onOutcome,
}: {
  orgId: string;
  template: EmailTemplate;
  onOutcome: (message: string | null) => void;
}) {
  const client = useQueryClient();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: emailTemplateKeys.all(orgId) });
  const save = useMutation({
    mutationFn: () =>
      api.call("saveEmailTemplate", { params: { orgId, kind: template.kind }, body: { subject, body } }),
    onSuccess: async () => {
      await refresh();
      onOutcome(`Saved. The next “${template.title}” email uses this wording.`);
    },
  });
  const reset = useMutation({
    mutationFn: () => api.call("resetEmailTemplate", { params: { orgId, kind: template.kind } }),
    onSuccess: async () => {
      await refresh();
      onOutcome(`“${template.title}” is back to the default wording.`);
    },
  });

  const names = template.variables.map((variable) => variable.name);
  const live = findTemplateProblems({ subject, body }, names);
  const server = isApiError(save.error, "validation_failed") ? save.error.fieldErrors() : {};
  const fieldError = (field: "subject" | "body", max: number, value: string) =>
    server[field] ??
    (value.length > max ? `must be at most ${max.toLocaleString("en-GB")} characters` : undefined) ??
    live.find((problem) => problem.field === field && problem.variable)?.message;
  const edited = subject !== template.subject || body !== template.body;

  return (
    <>
      {save.isError && !isApiError(save.error, "validation_failed") ? (
        <Alert tone="error">{describeError(save.error)}</Alert>
      ) : null}
      {save.isError && isApiError(save.error, "validation_failed") ? (
        <Alert tone="error" title="Not saved">
          {save.error.message}
        </Alert>
      ) : null}
      {reset.isError ? <Alert tone="error">{describeError(reset.error)}</Alert> : null}
      <div className="template-editor">
        <form
          className="card stack template-editor__form"
          aria-label={`Wording of “${template.title}”`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onOutcome(null);
            save.mutate();
          }}
        >
          <Field
            label="Subject"
            name="subject"
            autoComplete="off"
            value={subject}
            hint={counter(subject.length, EMAIL_SUBJECT_MAX_LENGTH)}
            error={fieldError("subject", EMAIL_SUBJECT_MAX_LENGTH, subject)}
            onChange={(event) => {
              setSubject(event.target.value);
              save.reset();
              onOutcome(null);
            }}
          />
          <TextAreaField
            label="Body"
            name="body"
            rows={16}
            className="template-editor__body"
            value={body}
            hint={`${counter(body.length, EMAIL_BODY_MAX_LENGTH)}. A blank line starts a paragraph; "# " starts the heading; [label]({{url}}) alone on a line is the button; text after a line of --- is the small print.`}
            error={fieldError("body", EMAIL_BODY_MAX_LENGTH, body)}
            onChange={(event) => {
              setBody(event.target.value);
              save.reset();
              onOutcome(null);
            }}
          />
          <div className="template-editor__actions">
            <Button type="submit" busy={save.isPending} busyLabel="Saving…">
              Save
            </Button>
            {edited ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setSubject(template.subject);
                  setBody(template.body);
                  save.reset();
                }}
              >
                Undo my changes
              </Button>
            ) : null}
            {template.customised && !confirmingReset ? (
              <Button variant="secondary" onClick={() => setConfirmingReset(true)}>
                Reset to default
              </Button>
            ) : null}
          </div>
          {confirmingReset ? (
            <fieldset className="template-editor__confirm">
              <legend>
                Go back to Trellis's default wording? Your organisation's wording of this email is deleted.
              </legend>
              <Button
                variant="danger"
                busy={reset.isPending}
                busyLabel="Resetting…"
                onClick={() => reset.mutate()}
              >
                Yes, reset to default
              </Button>
              <Button variant="ghost" onClick={() => setConfirmingReset(false)}>
                Keep my wording
              </Button>
            </fieldset>
          ) : null}
        </form>
        <div className="template-editor__side">
          <VariableList variables={template.variables} />
          <TemplatePreview subject={subject} body={body} variables={template.variables} />
        </div>
      </div>
    </>
  );
}
