import { useState } from "react";
import type { EmailVariableInfo } from "../../../contracts/email-templates.ts";
import { renderTemplate } from "../../../core/email/template.ts";
import { SegmentedChoice } from "../../components/segmented-choice.tsx";
import { EmailHtmlFrame } from "../sent-emails/email-html-frame.tsx";

/**
 * The email as it would be sent, with each variable's sample value: rendered here by the same
 * code the server sends with (core/email/template.ts), so it changes as the admin types.
 */
const PREVIEW_VIEWS = [
  { value: "html", label: "HTML" },
  { value: "text", label: "Text" },
] as const;

export function TemplatePreview({
  subject,
  body,
  variables,
}: {
  subject: string;
  body: string;
  variables: readonly EmailVariableInfo[];
}) {
  const [view, setView] = useState<"html" | "text">("html");
  const values = Object.fromEntries(variables.map((variable) => [variable.name, variable.sample]));
  const email = renderTemplate({ subject, body }, values);
  return (
    <section className="card template-preview" aria-labelledby="template-preview-title">
      <h2 id="template-preview-title" className="card__title">
        Preview with sample values
      </h2>
      <p className="template-preview__subject">
        <span className="template-preview__label">Subject:</span>{" "}
        <span data-testid="preview-subject">{email.subject}</span>
      </p>
      <SegmentedChoice legend="Show the preview as" options={PREVIEW_VIEWS} value={view} onChange={setView} />
      {view === "html" ? (
        <EmailHtmlFrame title="Preview of the email as HTML" html={email.html} />
      ) : (
        <pre className="template-preview__text" data-testid="preview-text">
          {email.text}
        </pre>
      )}
    </section>
  );
}
