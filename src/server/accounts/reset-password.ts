import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { hashPassword } from "../security/passwords.ts";
import { hashToken } from "../security/tokens.ts";

/**
 * Sets a new password from an emailed token, signs out every existing session, makes every
 * other reset link of the person stop working, and marks the email verified (following the link proves it). One transaction: the token is used only if the
 * password changed.
 */
export async function resetPassword(
  deps: ServerDeps,
  input: { token: string; password: string },
): Promise<UserId> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps.db, async (repos) => {
    const now = deps.now();
    const userId = await repos.users.consumeEmailToken(
      hashToken(deps.secret, input.token),
      "password_reset",
      now,
    );
    if (!userId)
      throw new AppError("token_invalid", "This reset link is invalid, used or expired. Ask for a new one.");
    const user = await repos.users.findById(userId);
    await repos.users.update(userId, {
      passwordHash,
      ...(user?.emailVerifiedAt ? {} : { emailVerifiedAt: now }),
    });
    await repos.users.deleteOtherSessions(userId, null);
    await repos.users.useUpEmailTokens(userId, "password_reset", now);
    return userId;
  });
}
