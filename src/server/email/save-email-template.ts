import type { EmailTemplate, SaveEmailTemplateRequest } from "../../contracts/email-templates.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { type EmailKind, variableNames } from "../../core/email/email-kinds.ts";
import { findTemplateProblems } from "../../core/email/template.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { presentEmailTemplate } from "./email-template.presenter.ts";

/**
 * Saves an organisation's wording of one kind of email. Refused (400) when it uses a variable the
 * kind does not have, naming the variable and the field, so no email is ever sent with a hole.
 */
export async function saveEmailTemplate(
  deps: ServerDeps,
  actor: Membership & { name: string },
  kind: EmailKind,
  input: SaveEmailTemplateRequest,
): Promise<EmailTemplate> {
  const problems = findTemplateProblems(input, variableNames(kind));
  if (problems.length > 0) {
    throw new AppError(
      "validation_failed",
      problems.map((problem) => `${problem.field}: ${problem.message}`).join(" "),
      problems.map((problem) => ({ path: `body.${problem.field}`, message: problem.message })),
    );
  }
  const saved = await deps.repos.emailTemplates.save({
    orgId: actor.orgId,
    kind,
    subject: input.subject,
    body: input.body,
    updatedBy: actor.userId,
    now: deps.now(),
  });
  return presentEmailTemplate(kind, saved, actor.name);
}
