import { afterFailedAttempt, DELIVERY_LEASE_MS, isPermanentSmtpFailure } from "../../core/email/delivery.ts";
import type { EmailsRepository, StoredEmail } from "../../db/index.ts";
import type { SmtpSender } from "./mailer.ts";

export interface EmailDeliveryDeps {
  repos: { emails: EmailsRepository };
  mailer: { smtp: SmtpSender | null };
  now: () => Date;
  /** Told about each failed try (for the log); the failure itself is kept on the row. */
  onError?: (error: unknown, email: { id: string; attempts: number }) => void;
}

export interface DeliveryRun {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** The server's answer ("451 4.3.0 Try again later") when there was one, else the error. */
function describeFailure(error: unknown): { message: string; responseCode: number | undefined } {
  const detail = error as { response?: unknown; responseCode?: unknown; message?: unknown };
  const message =
    typeof detail?.response === "string" && detail.response !== ""
      ? detail.response
      : error instanceof Error
        ? error.message
        : String(error);
  return {
    message,
    responseCode: typeof detail?.responseCode === "number" ? detail.responseCode : undefined,
  };
}

async function deliverOne(deps: EmailDeliveryDeps, smtp: SmtpSender, email: StoredEmail) {
  try {
    const attachments = await deps.repos.emails.attachmentsOf(email.id);
    await smtp.send({
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments,
    });
  } catch (error) {
    deps.onError?.(error, email);
    const failure = describeFailure(error);
    const next = afterFailedAttempt({
      attempts: email.attempts,
      now: deps.now(),
      permanent: isPermanentSmtpFailure(failure.responseCode),
    });
    await deps.repos.emails.recordAttempt(email.id, email.attempts, { ...next, error: failure.message });
    return next.state;
  }
  await deps.repos.emails.recordAttempt(email.id, email.attempts, { state: "sent", at: deps.now() });
  return "sent" as const;
}

/**
 * Sends the emails that are due (new ones, and retries whose time has come), up to `limit`, at
 * once. Any number of instances may run it at the same time: each row is claimed by one of them
 * (see repos.emails.claimDue), so an email is sent once. A failed try is scheduled again with
 * backoff (core/email/delivery.ts), or marked failed with the server's answer after the last one.
 * Without an SMTP server it does nothing (emails stay in the outbox).
 */
export async function deliverDueEmails(
  deps: EmailDeliveryDeps,
  options: { limit: number },
): Promise<DeliveryRun> {
  const run: DeliveryRun = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const smtp = deps.mailer.smtp;
  if (!smtp) return run;
  const now = deps.now();
  const claimed = await deps.repos.emails.claimDue({
    now,
    leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS),
    limit: options.limit,
  });
  run.claimed = claimed.length;
  const outcomes = await Promise.all(claimed.map((email) => deliverOne(deps, smtp, email)));
  for (const outcome of outcomes) run[outcome] += 1;
  return run;
}
