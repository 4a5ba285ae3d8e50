import type { IssuedResetLink } from "../../contracts/member-reset.routes.ts";
import { PASSWORD_RESET_LIFETIME_MINUTES } from "../../core/accounts/rules.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { recordEvents } from "../events/record-events.ts";
import { recordAudit } from "../identity/audit.ts";
import { hashToken, newToken } from "../security/tokens.ts";

/** Who may issue a reset for whom: owners for admins and members, admins for members. */
const OUTRANKS: Record<string, readonly string[]> = { owner: ["admin", "member"], admin: ["member"] };

/**
 * An admin issues a one-time password reset link for a member: the safe path when no SMTP server
 * is set (docs/adr/0003-resets-without-smtp.md). The link is returned once, to this admin, and
 * stored nowhere readable (only its hash). The member is told in the app and by email, naming
 * the admin; the audit log records who issued it for whom (in the same transaction), with a
 * server log line without the token.
 *
 * Refused: a person outside this organisation (404), yourself, someone of your rank or above, a
 * deactivated member (403), and a person who also belongs to another organisation (409): an admin
 * here must not gain an account that holds another organisation's data.
 */
export async function issueMemberReset(
  deps: ServerDeps,
  actor: Membership & { name: string },
  userId: UserId,
): Promise<IssuedResetLink> {
  const token = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MINUTES * 60_000);
  await inTransaction(deps.db, async (repos) => {
    const member = await repos.organisations.findMember(actor.orgId, userId);
    if (!member) throw notFound("Member not found.");
    if (member.userId === actor.userId) throw forbidden("Change your own password from your account page.");
    if (!OUTRANKS[actor.role]?.includes(member.role)) {
      throw forbidden("Only an owner can issue a reset link for an admin or another owner.");
    }
    if (member.status !== "active") throw forbidden("This member is deactivated.");
    const elsewhere = (await repos.organisations.membershipsOf(userId)).filter(
      (m) => m.orgId !== actor.orgId,
    );
    if (elsewhere.length > 0) {
      throw new AppError(
        "conflict",
        "This person also belongs to another organisation, so only they can reset their password (from the sign-in page).",
      );
    }
    await repos.users.createEmailToken({
      tokenHash: hashToken(deps.secret, token),
      userId,
      purpose: "password_reset",
      expiresAt,
    });
    await recordEvents(repos, [
      {
        kind: "account.reset_issued",
        orgId: actor.orgId,
        actorId: actor.userId,
        subjectId: userId,
        payload: {
          userId,
          actorName: actor.name,
          actorRole: actor.role,
          orgName: member.orgName,
          issuedAt: now.toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
      },
    ]);
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "member.reset_link_issued",
        subjectId: userId,
        details: { expiresAt: expiresAt.toISOString() },
      },
    ]);
  });
  await deps.events.afterCommit();
  return {
    url: `${deps.config.publicUrl}/reset-password?token=${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}
