/**
 * The life of an email on its way to the SMTP server.
 *
 * queued ──send──▶ sent
 *   │
 *   └─fail─▶ retrying (next try after 1 min, 5, 30, 2 h) ──▶ sent | failed (after the 5th try)
 *
 * A permanent refusal (an SMTP 5xx answer, say "550 no such mailbox") fails at once: trying again
 * cannot help. "stored" is an email kept in the outbox because no SMTP server is configured.
 */
export const EMAIL_STATES = ["queued", "sent", "retrying", "failed", "stored"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** Waits after the 1st, 2nd, 3rd and 4th failed try; the 5th failure is final. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * How long a sender holds a claimed email before another may take it: longer than one bounded
 * SMTP conversation (10 s to connect, 10 s for the greeting, 30 s of silence at most per step),
 * so only a sender that died mid-send loses its claim.
 */
export const DELIVERY_LEASE_MS = 5 * 60_000;

export type AfterFailure =
  | { state: "retrying"; nextAttemptAt: Date }
  | { state: "failed"; nextAttemptAt: null };

/**
 * What becomes of an email whose `attempts`-th try just failed.
 * Example: attempts 1 at 12:00 → retrying at 12:01; attempts 4 → retrying 2 h later;
 * attempts 5 → failed; any attempt with a 5xx answer → failed.
 */
export function afterFailedAttempt(input: { attempts: number; now: Date; permanent: boolean }): AfterFailure {
  const delay = RETRY_DELAYS_MS[input.attempts - 1];
  if (input.permanent || delay === undefined) return { state: "failed", nextAttemptAt: null };
  return { state: "retrying", nextAttemptAt: new Date(input.now.getTime() + delay) };
}

/** An SMTP reply code of 5xx says the server will never accept this message as it is. */
export function isPermanentSmtpFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}
