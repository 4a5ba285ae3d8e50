import type { AcceptInvitationRequest, InvitationPreview } from "../../contracts/organisations.ts";
import { invitationStatus } from "../../core/accounts/rules.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import { hashToken } from "../security/tokens.ts";

const invalidLink = () =>
  new AppError(
    "token_invalid",
    "This invitation link is invalid, revoked, used or expired. Ask for a new one.",
  );

async function findPending(deps: ServerDeps, token: string) {
  const invitation = await deps.repos.organisations.findInvitationByTokenHash(hashToken(deps.secret, token));
  if (!invitation || invitationStatus(invitation, deps.now()) !== "pending") throw invalidLink();
  return invitation;
}

export async function previewInvitation(deps: ServerDeps, token: string): Promise<InvitationPreview> {
  const invitation = await findPending(deps, token);
  const user = await deps.repos.users.findByEmailWithHash(invitation.email);
  return {
    orgName: invitation.orgName,
    email: invitation.email,
    role: invitation.role,
    hasAccount: user !== null,
  };
}

/**
 * Accepts an invitation: a new person sets their name and password; someone who already has an
 * account proves it with their password. Following the emailed link verifies the email. One
 * transaction; a second acceptance of the same link fails.
 */
export async function acceptInvitation(
  deps: ServerDeps,
  token: string,
  input: AcceptInvitationRequest,
): Promise<UserId> {
  const invitation = await findPending(deps, token);
  const existing = await deps.repos.users.findByEmailWithHash(invitation.email);
  if (existing) {
    if (!(await verifyPassword(existing.passwordHash, input.password))) {
      throw new AppError(
        "invalid_credentials",
        "That is not the password of the existing account for this email.",
        [{ path: "body.password", message: "does not match the existing account" }],
      );
    }
  } else if (!input.name) {
    throw new AppError("validation_failed", "Tell us your name.", [
      { path: "body.name", message: "is required" },
    ]);
  }
  const passwordHash = existing ? null : await hashPassword(input.password);
  return inTransaction(deps.db, async (repos) => {
    const now = deps.now();
    if (
      !(await repos.organisations.markInvitationAccepted(invitation.id, hashToken(deps.secret, token), now))
    )
      throw invalidLink();
    let userId = existing?.id;
    if (!userId) {
      const user = await repos.users.create({
        email: invitation.email,
        name: input.name!,
        passwordHash: passwordHash!,
        emailVerifiedAt: now,
      });
      if (!user) throw new AppError("conflict", "An account for this email was just created. Try again.");
      userId = user.id;
    } else if (!existing?.emailVerifiedAt) {
      await repos.users.update(userId, { emailVerifiedAt: now });
    }
    // Someone already active here (made owner by the CLI, say) keeps their role: accepting an
    // old invitation must not demote them, nor leave the organisation without an owner.
    const current = await repos.organisations.findMember(invitation.orgId, userId);
    if (current?.status !== "active")
      await repos.organisations.addMember(invitation.orgId, userId, invitation.role);
    await repos.users.update(userId, { lastOrgId: invitation.orgId });
    return userId;
  });
}
