import type { CreateInvitationRequest } from "../../contracts/organisations.ts";
import { INVITATION_LIFETIME_DAYS, mayInviteWithRole } from "../../core/accounts/rules.ts";
import type { InvitationId, InvitationRecord, Membership, Role } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { renderOrgEmail } from "../email/render.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { hashToken, newToken } from "../security/tokens.ts";

const DAY_MS = 86_400_000;

async function emailInvitation(
  deps: ServerDeps,
  actor: Membership & { name: string },
  invitation: { email: string; role: Role },
  token: string,
): Promise<void> {
  const url = `${deps.config.publicUrl}/invitations/${token}`;
  await deps.mailer.send({
    to: invitation.email,
    orgId: actor.orgId,
    email: await renderOrgEmail(deps.repos, actor.orgId, "invitation", {
      orgName: actor.orgName,
      inviterName: actor.name,
      roleWithArticle: invitation.role === "admin" ? "an admin" : `a ${invitation.role}`,
      url,
      expiresInDays: INVITATION_LIFETIME_DAYS,
    }),
  });
}

/**
 * Invites an email to the actor's organisation with a role, or refreshes the pending invitation
 * for that email (new link, new role) rather than creating a duplicate. Refused for someone who
 * is already an active member.
 */
export async function inviteMember(
  deps: ServerDeps,
  actor: Membership & { name: string },
  input: CreateInvitationRequest,
): Promise<InvitationRecord> {
  if (!mayInviteWithRole(actor.role, input.role)) throw forbidden("Only an owner can invite another owner.");
  const token = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * DAY_MS);
  const id = await inTransaction(deps.db, async (repos) => {
    const existingUser = await repos.users.findByEmailWithHash(input.email);
    if (existingUser) {
      const member = await repos.organisations.findMember(actor.orgId, existingUser.id);
      if (member?.status === "active") {
        throw new AppError("conflict", `${input.email} is already a member.`, [
          { path: "body.email", message: "is already a member" },
        ]);
      }
    }
    const open = await repos.organisations.findOpenInvitationByEmail(actor.orgId, input.email);
    if (open) {
      await repos.organisations.refreshInvitation(open.id, {
        tokenHash: hashToken(deps.secret, token),
        role: input.role,
        lastSentAt: now,
        expiresAt,
      });
      return open.id;
    }
    return repos.organisations.createInvitation({
      orgId: actor.orgId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(deps.secret, token),
      invitedBy: actor.userId,
      expiresAt,
    });
  });
  await emailInvitation(deps, actor, input, token);
  return (await deps.repos.organisations.findInvitation(actor.orgId, id))!;
}

/** Sends a pending (or expired) invitation again with a fresh link; the old link stops working. */
export async function resendInvitation(
  deps: ServerDeps,
  actor: Membership & { name: string },
  invitationId: InvitationId,
): Promise<InvitationRecord> {
  const invitation = await deps.repos.organisations.findInvitation(actor.orgId, invitationId);
  if (!invitation) throw notFound("Invitation not found.");
  if (invitation.acceptedAt || invitation.revokedAt)
    throw new AppError("domain_rule", "Only a pending or expired invitation can be sent again.");
  if (!mayInviteWithRole(actor.role, invitation.role))
    throw forbidden("Only an owner can invite another owner.");
  const token = newToken();
  const now = deps.now();
  await deps.repos.organisations.refreshInvitation(invitation.id, {
    tokenHash: hashToken(deps.secret, token),
    lastSentAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * DAY_MS),
  });
  await emailInvitation(deps, actor, invitation, token);
  return (await deps.repos.organisations.findInvitation(actor.orgId, invitation.id))!;
}
