import type { OrgId } from "../../core/accounts/types.ts";
import { EMAIL_KINDS, type EmailKind, type EmailValues } from "../../core/email/email-kinds.ts";
import { type EmailTemplateText, type RenderedEmail, renderTemplate } from "../../core/email/template.ts";
import type { Repositories } from "../../db/index.ts";

export type { RenderedEmail } from "../../core/email/template.ts";

/** Renders a kind of email in its default wording (account emails, which no organisation rewords). */
export function renderDefaultEmail<K extends EmailKind>(kind: K, values: EmailValues<K>): RenderedEmail {
  return renderTemplate(EMAIL_KINDS[kind].defaults, values);
}

/**
 * The wording an organisation sends a kind of email in: its own if an admin saved one, else the
 * default. For a sender of many emails of one kind (an import), to read it once.
 */
export async function orgEmailTemplate(
  repos: Pick<Repositories, "emailTemplates">,
  orgId: OrgId,
  kind: EmailKind,
): Promise<EmailTemplateText> {
  const own =
    EMAIL_KINDS[kind].scope === "organisation" ? await repos.emailTemplates.find(orgId, kind) : null;
  return own ?? EMAIL_KINDS[kind].defaults;
}

/** Renders a template of a kind with that kind's values (see orgEmailTemplate). */
export function renderKind<K extends EmailKind>(
  _kind: K,
  template: EmailTemplateText,
  values: EmailValues<K>,
): RenderedEmail {
  return renderTemplate(template, values);
}

/**
 * Renders a kind of email for an organisation at send time: in the organisation's own wording
 * when its admins saved one (Settings → Email templates), else the default. The wording was
 * checked when it was saved, so every placeholder it holds is one of the kind's variables.
 */
export async function renderOrgEmail<K extends EmailKind>(
  repos: Pick<Repositories, "emailTemplates">,
  orgId: OrgId,
  kind: K,
  values: EmailValues<K>,
): Promise<RenderedEmail> {
  return renderTemplate(await orgEmailTemplate(repos, orgId, kind), values);
}
