import type { Membership } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden } from "../http/app-error.ts";
import { recordAudit } from "./audit.ts";

/**
 * Owners change whether the organisation requires two-factor of its owners and admins. Turning it
 * on needs the owner's own two-factor first (else they would lock themselves out of admin pages).
 * A change is recorded in the audit log in the same transaction.
 */
export async function updateOrgSecurity(
  deps: ServerDeps,
  actor: Membership,
  input: { requireTwoFactorForAdmins: boolean },
): Promise<{ requireTwoFactorForAdmins: boolean }> {
  if (actor.role !== "owner") throw forbidden("Only an owner can change the sign-in rules.");
  if (input.requireTwoFactorForAdmins) {
    const own = await deps.repos.identity.findTwoFactor(actor.userId);
    if (!own?.enabledAt) {
      throw new AppError(
        "domain_rule",
        "Turn on two-factor sign-in for yourself first (My account), then require it of admins.",
        [{ path: "body.requireTwoFactorForAdmins", message: "needs your own two-factor sign-in on first" }],
      );
    }
  }
  const now = deps.now();
  await inTransaction(deps.db, async (repos) => {
    const before = await repos.identity.orgSecurity(actor.orgId);
    if (before.requireTwoFactorForAdmins === input.requireTwoFactorForAdmins) return;
    await repos.identity.setOrgSecurity(actor.orgId, input, now);
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "security.two_factor_requirement_changed",
        details: { requireTwoFactorForAdmins: input.requireTwoFactorForAdmins },
      },
    ]);
  });
  return input;
}
