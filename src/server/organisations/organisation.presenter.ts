import type { Invitation, Member, SentEmail } from "../../contracts/organisations.ts";
import { invitationStatus } from "../../core/accounts/rules.ts";
import type { InvitationRecord, MemberRecord } from "../../core/accounts/types.ts";
import type { StoredEmail } from "../../db/index.ts";
import { maskLinkSecrets } from "../email/mask-link-secrets.ts";

export function presentMember(member: MemberRecord): Member {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    status: member.status,
    joinedAt: member.createdAt.toISOString(),
  };
}

export function presentInvitation(invitation: InvitationRecord, now: Date): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    invitedByName: invitation.invitedByName,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    lastSentAt: invitation.lastSentAt.toISOString(),
  };
}

/**
 * An email as Sent email shows it. Sign-in links (`?token=`) are hidden unless the route decided
 * this viewer may see them (server/email/link-visibility.ts).
 */
export function presentEmail(email: StoredEmail, showLinks = false): SentEmail {
  const mask = showLinks ? (text: string) => text : maskLinkSecrets;
  return {
    id: email.id,
    to: email.to,
    subject: email.subject,
    text: mask(email.text),
    html: mask(email.html),
    createdAt: email.createdAt.toISOString(),
    state: email.state,
    attempts: email.attempts,
    nextAttemptAt:
      email.state === "queued" || email.state === "retrying"
        ? (email.nextAttemptAt?.toISOString() ?? null)
        : null,
    deliveredAt: email.deliveredAt?.toISOString() ?? null,
    lastError: email.state === "sent" ? null : email.lastError,
  };
}
