/**
 * Shared vocabulary of programmes and mentoring relationships. Plain data; each feature's rules
 * live beside it in core/programmes (programme states, request states, relationship states).
 */
import type { OrgId, UserId } from "../accounts/types.ts";

export type ProgrammeId = string & { readonly __brand: "ProgrammeId" };
export type RelationshipId = string & { readonly __brand: "RelationshipId" };
export type RequestId = string & { readonly __brand: "RequestId" };

export const PROGRAMME_TYPES = ["one_to_one", "group", "peer", "reverse", "flash", "coaching"] as const;
export type ProgrammeType = (typeof PROGRAMME_TYPES)[number];

export const PROGRAMME_STATUSES = [
  "draft",
  "registration_open",
  "matching",
  "running",
  "completed",
  "archived",
] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const MATCHING_MODES = ["admin", "self", "both"] as const;
export type MatchingMode = (typeof MATCHING_MODES)[number];

export const ENROLMENT_ROLES = ["mentee", "mentor", "both"] as const;
export type EnrolmentRole = (typeof ENROLMENT_ROLES)[number];

export const ENROLMENT_STATUSES = ["pending_approval", "active", "paused", "left", "declined"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const REQUEST_STATUSES = [
  "pending",
  "needs_info",
  "accepted",
  "declined",
  "withdrawn",
  "expired",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const RELATIONSHIP_STATUSES = ["proposed", "active", "paused", "completed", "ended_early"] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

export const MEETING_FORMATS = ["video", "in_person", "phone", "messaging"] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const CADENCES = ["weekly", "fortnightly", "monthly", "as_needed"] as const;
export type Cadence = (typeof CADENCES)[number];

/** A programme as the rest of the system reads it (the programmes feature owns its writes). */
export interface ProgrammeRecord {
  id: ProgrammeId;
  orgId: OrgId;
  name: string;
  description: string;
  type: ProgrammeType;
  status: ProgrammeStatus;
  template: string | null;
  evergreen: boolean;
  /** "YYYY-MM-DD" or null. */
  startsOn: string | null;
  endsOn: string | null;
  rolesOffered: string[];
  defaultMentorCapacity: number;
  matchingMode: MatchingMode;
  registrationForm: unknown[];
  matchConfig: { criteria: unknown[] };
  requestExpiryDays: number;
  requestReminderDays: number;
  pendingRequestCap: number;
  requiresApproval: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnrolmentRecord {
  id: string;
  orgId: OrgId;
  programmeId: ProgrammeId;
  userId: UserId;
  role: EnrolmentRole;
  status: EnrolmentStatus;
  mentorCapacity: number;
  answers: Record<string, unknown>;
  source: "self" | "invite" | "import" | "admin";
  pausedUntil: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A person may mentor in a programme when enrolled as mentor or both, and active. */
export function mayMentor(enrolment: Pick<EnrolmentRecord, "role" | "status">): boolean {
  return enrolment.status === "active" && enrolment.role !== "mentee";
}

/** A person may be mentored in a programme when enrolled as mentee or both, and active. */
export function mayBeMentored(enrolment: Pick<EnrolmentRecord, "role" | "status">): boolean {
  return enrolment.status === "active" && enrolment.role !== "mentor";
}
