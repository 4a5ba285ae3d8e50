import type { OrgId } from "../../core/accounts/types.ts";
import type { StoredEmail } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";

/**
 * Sends one of the organisation's emails again, as a new copy queued for delivery (the original
 * keeps its history). Another organisation's email, or an account email (no organisation), is
 * "not found". Without an SMTP server there is nothing to resend to.
 */
export async function resendEmail(deps: ServerDeps, orgId: OrgId, emailId: string): Promise<StoredEmail> {
  const original = await deps.repos.emails.findForOrg(orgId, emailId);
  if (!original) throw notFound("No such email.");
  if (deps.mailer.delivery !== "smtp") {
    throw new AppError(
      "conflict",
      "No SMTP server is configured: emails stay in the outbox, so there is nothing to resend.",
    );
  }
  const id = await deps.mailer.send({
    to: original.to,
    orgId,
    email: { subject: original.subject, text: original.text, html: original.html },
    resendOf: original.id,
    attachments: await deps.repos.emails.attachmentsOf(original.id),
  });
  const copy = await deps.repos.emails.findForOrg(orgId, id);
  if (!copy) throw notFound("No such email.");
  return copy;
}
