import type { ServerDeps } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { runAfterResponse } from "./after-response.ts";
import { sendPasswordResetLink } from "./email-links.ts";

/** Spread of the moment the email work starts after the answer (see runAfterResponse). */
const RESET_JITTER_MS = 200;

/**
 * Answers a password-reset request without revealing whether the address has an account.
 * Before the answer both paths do the same work: one lookup by email, a new token and its hash.
 * Storing the token, composing and recording the email happen after the answer, for a known
 * address only, at a random moment within 200 ms so that it does not land on the
 * caller's next request. (Before this, a known address answered in about 6 ms and an unknown one in 3.)
 */
export async function requestPasswordReset(
  deps: ServerDeps,
  email: string,
  onError: (error: unknown) => void,
): Promise<void> {
  const token = newToken();
  const tokenHash = hashToken(deps.secret, token);
  const user = await deps.repos.users.findByEmailWithHash(email);
  runAfterResponse(
    deps,
    async () => {
      if (user) await sendPasswordResetLink(deps, user, { token, tokenHash });
    },
    onError,
    { jitterMs: RESET_JITTER_MS },
  );
}
