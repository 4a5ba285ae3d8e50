import type { InvitationRecord, InvitationStatus, MemberStatus, Role } from "./types.ts";

/** How long an emailed link stays valid. */
export const INVITATION_LIFETIME_DAYS = 14;
export const PASSWORD_RESET_LIFETIME_MINUTES = 60;
export const EMAIL_VERIFICATION_LIFETIME_DAYS = 7;
export const SESSION_LIFETIME_DAYS = 30;

/**
 * The status of an invitation at `now`.
 *
 * Example: an invitation neither accepted nor revoked whose expiresAt is yesterday → "expired".
 */
export function invitationStatus(
  invitation: Pick<InvitationRecord, "acceptedAt" | "revokedAt" | "expiresAt">,
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** Admins and owners manage members and invitations. */
export function isOrgAdmin(role: Role): boolean {
  return role === "owner" || role === "admin";
}

export type MemberChangeRefusal =
  | { kind: "last_owner"; message: string }
  | { kind: "forbidden"; message: string };

/**
 * Decides whether `actorRole` may change a member from `current` to `next`, given how many
 * active owners the organisation has. Returns the refusal, or null when allowed.
 *
 * Rules: only an owner may make someone an owner or change an owner; the last active owner can
 * be neither demoted nor deactivated (an organisation always keeps someone who can manage it).
 *
 * Example: the only owner demoting themselves to admin → { kind: "last_owner" }.
 */
export function refuseMemberChange(input: {
  actorRole: Role;
  current: { role: Role; status: MemberStatus };
  next: { role: Role; status: MemberStatus };
  activeOwnerCount: number;
}): MemberChangeRefusal | null {
  const { actorRole, current, next, activeOwnerCount } = input;
  const touchesOwner = current.role === "owner" || next.role === "owner";
  if (touchesOwner && actorRole !== "owner") {
    return { kind: "forbidden", message: "Only an owner can grant, change or remove the owner role." };
  }
  const wasActiveOwner = current.role === "owner" && current.status === "active";
  const staysActiveOwner = next.role === "owner" && next.status === "active";
  if (wasActiveOwner && !staysActiveOwner && activeOwnerCount <= 1) {
    return {
      kind: "last_owner",
      message: "This is the organisation's last owner. Make someone else an owner first.",
    };
  }
  return null;
}

/** Who may invite whom: admins invite admins and members; only owners invite owners. */
export function mayInviteWithRole(actorRole: Role, invitedRole: Role): boolean {
  if (!isOrgAdmin(actorRole)) return false;
  return invitedRole !== "owner" || actorRole === "owner";
}
