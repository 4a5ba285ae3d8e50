import { useState } from "react";
import type { EmailVariableInfo } from "../../../contracts/email-templates.ts";
import { renderTemplate } from "../../../core/email/template.ts";
import { EmailHtmlFrame } from "../sent-emails/email-html-frame.tsx";

/**
 * The email as it would be sent, with each variable's sample value: rendered here by the same
 * code the server sends with (core/email/template.ts), so it changes as the admin types.
 */
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
      <fieldset className="segmented">
        <legend className="visually-hidden">Show the preview as</legend>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={view === "html"}
          onClick={() => setView("html")}
        >
          HTML
        </button>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={view === "text"}
          onClick={() => setView("text")}
        >
          Text
        </button>
      </fieldset>
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
