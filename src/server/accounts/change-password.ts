import type { ChangePasswordRequest } from "../../contracts/accounts.ts";
import type { SessionId, UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";

/**
 * Changes the password after checking the current one; every other session is signed out and
 * any reset link still in a mailbox stops working.
 */
export async function changePassword(
  deps: ServerDeps,
  userId: UserId,
  keepSession: SessionId,
  input: ChangePasswordRequest,
): Promise<void> {
  const currentHash = await deps.repos.users.findPasswordHash(userId);
  if (!currentHash || !(await verifyPassword(currentHash, input.currentPassword))) {
    throw new AppError("validation_failed", "Your current password is not right.", [
      { path: "body.currentPassword", message: "is not your current password" },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (repos) => {
    await repos.users.update(userId, { passwordHash });
    await repos.users.deleteOtherSessions(userId, keepSession);
    await repos.users.useUpEmailTokens(userId, "password_reset", deps.now());
  });
}
