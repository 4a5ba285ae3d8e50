import type { UpdateMemberRequest } from "../../contracts/organisations.ts";
import { refuseMemberChange } from "../../core/accounts/rules.ts";
import type { MemberRecord, Membership, UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { type AuditEntry, recordAudit } from "../identity/audit.ts";

/**
 * Changes a member's role or status (recorded in the audit log). The owner count is read under a row lock in the same
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
    const entries: AuditEntry[] = [];
    const base = { orgId: actor.orgId, actorId: actor.userId, subjectId: userId } as const;
    if (next.role !== member.role) {
      entries.push({ ...base, action: "member.role_changed", details: { from: member.role, to: next.role } });
    }
    if (next.status !== member.status) {
      entries.push({
        ...base,
        action: next.status === "deactivated" ? "member.deactivated" : "member.reactivated",
        details: { role: next.role },
      });
    }
    await recordAudit(repos, deps.now(), entries);
    return { ...member, ...next };
  });
}
