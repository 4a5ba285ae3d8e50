import type { UpdateMemberRequest } from "../../contracts/organisations.ts";
import { refuseMemberChange } from "../../core/accounts/rules.ts";
import type { MemberRecord, Membership, UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";

/**
 * Changes a member's role or status. The owner count is read under a row lock in the same
 * transaction, so two admins demoting the last two owners at once cannot leave none.
 */
export async function updateMember(
  deps: ServerDeps,
  actor: Membership,
  userId: UserId,
  input: UpdateMemberRequest,
): Promise<MemberRecord> {
  return inTransaction(deps.db, async (repos) => {
    const activeOwnerCount = await repos.organisations.countActiveOwnersForUpdate(actor.orgId);
    const member = await repos.organisations.findMember(actor.orgId, userId);
    if (!member) throw notFound("Member not found.");
    const next = { role: input.role ?? member.role, status: input.status ?? member.status };
    const refusal = refuseMemberChange({ actorRole: actor.role, current: member, next, activeOwnerCount });
    if (refusal?.kind === "last_owner") throw new AppError("last_owner", refusal.message);
    if (refusal) throw forbidden(refusal.message);
    await repos.organisations.updateMember(actor.orgId, userId, next);
    return { ...member, ...next };
  });
}
