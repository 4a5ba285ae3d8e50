import type { EmailTemplate } from "../../contracts/email-templates.ts";
import { EMAIL_KINDS, type EmailKindDefinition, type EmailKind } from "../../core/email/email-kinds.ts";
import type { StoredEmailTemplate } from "../../db/repositories/email-templates.repository.ts";

/** One kind of email as the editor shows it: the organisation's wording (or the default) and its variables. */
export function presentEmailTemplate(
  kind: EmailKind,
  own: StoredEmailTemplate | null,
  updatedByName: string | null,
): EmailTemplate {
  const definition: EmailKindDefinition = EMAIL_KINDS[kind];
  return {
    kind,
    title: definition.title,
    sentWhen: definition.sentWhen,
    variables: definition.variables.map((variable) => ({ ...variable })),
    subject: own?.subject ?? definition.defaults.subject,
    body: own?.body ?? definition.defaults.body,
    defaultSubject: definition.defaults.subject,
    defaultBody: definition.defaults.body,
    customised: own !== null,
    updatedAt: own?.updatedAt.toISOString() ?? null,
    updatedByName: own ? updatedByName : null,
  };
}
