/** Branded ids: a UserId cannot be passed where an OrgId is expected. */
export type UserId = string & { readonly __brand: "UserId" };
export type OrgId = string & { readonly __brand: "OrgId" };
export type SessionId = string & { readonly __brand: "SessionId" };
export type InvitationId = string & { readonly __brand: "InvitationId" };

export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];
export type MemberStatus = "active" | "deactivated";

export interface User {
  id: UserId;
  email: string;
  name: string;
  emailVerifiedAt: Date | null;
  lastOrgId: OrgId | null;
  createdAt: Date;
}

export interface Membership {
  orgId: OrgId;
  orgName: string;
  userId: UserId;
  role: Role;
  status: MemberStatus;
  createdAt: Date;
}

export interface MemberRecord extends Membership {
  name: string;
  email: string;
}

export interface SessionRecord {
  id: SessionId;
  userId: UserId;
  csrfToken: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface InvitationRecord {
  id: InvitationId;
  orgId: OrgId;
  email: string;
  role: Role;
  invitedByName: string | null;
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";
