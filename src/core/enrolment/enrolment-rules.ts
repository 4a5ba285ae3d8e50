/**
 * Who may join a programme, in which role, and how a person's place in it may change: register,
 * pause ("holiday mode"), resume, leave, and an admin's approval. Pure rules; the server applies
 * them inside a transaction with the enrolment row locked.
 */
import type { EnrolmentRole, EnrolmentStatus, ProgrammeRecord } from "../programmes/types.ts";

/** Most mentees one mentor may take at once (a guard against typing 100 for 10). */
export const MAX_MENTOR_CAPACITY = 50;

/**
 * Whether a programme offers a role. "both" (mentor and mentee at once) is offered when the
 * programme lists it, or lists mentee and mentor.
 *
 * Example: isRoleOffered(["mentee", "mentor"], "both") === true; isRoleOffered(["mentee"], "mentor") === false
 */
export function isRoleOffered(rolesOffered: readonly string[], role: EnrolmentRole): boolean {
  if (rolesOffered.includes(role)) return true;
  return role === "both" && rolesOffered.includes("mentee") && rolesOffered.includes("mentor");
}

/** The roles a person may choose in a programme, in a stable order. */
export function offeredRoles(rolesOffered: readonly string[]): EnrolmentRole[] {
  return (["mentee", "mentor", "both"] as const).filter((role) => isRoleOffered(rolesOffered, role));
}

/**
 * The mentor capacity to store: mentees mentor nobody (0); mentors and "both" get what they
 * asked for, or the programme's default.
 *
 * Example: capacityFor("mentee", 3, 2) === 0; capacityFor("mentor", undefined, 2) === 2
 */
export function capacityFor(
  role: EnrolmentRole,
  requested: number | null | undefined,
  programmeDefault: number,
) {
  if (role === "mentee") return 0;
  return requested ?? programmeDefault;
}

/** The status of a new registration: waiting for an admin when the programme asks for approval. */
export function statusOnRegistration(programme: Pick<ProgrammeRecord, "requiresApproval">): EnrolmentStatus {
  return programme.requiresApproval ? "pending_approval" : "active";
}

/**
 * Why a person may not register (again) given their current enrolment, or null when they may.
 * Someone who left may come back; a declined registration stays declined until an admin acts.
 */
export function refuseRegistration(existing: { status: EnrolmentStatus } | null): string | null {
  if (!existing || existing.status === "left") return null;
  if (existing.status === "declined")
    return "Your registration for this programme was declined. Ask the programme's admins if you think that is a mistake.";
  return "You are already registered for this programme.";
}

export type EnrolmentMove = "pause" | "resume" | "leave" | "approve" | "decline";

const ALLOWED_FROM: Readonly<Record<EnrolmentMove, readonly EnrolmentStatus[]>> = {
  pause: ["active"],
  resume: ["paused"],
  leave: ["active", "paused", "pending_approval"],
  approve: ["pending_approval"],
  decline: ["pending_approval"],
};

const RESULT: Readonly<Record<EnrolmentMove, EnrolmentStatus>> = {
  pause: "paused",
  resume: "active",
  leave: "left",
  approve: "active",
  decline: "declined",
};

/** The statuses a move starts from (used as the condition of the UPDATE that makes it). */
export function statusesAllowing(move: EnrolmentMove): readonly EnrolmentStatus[] {
  return ALLOWED_FROM[move];
}

/** The status a move leads to. */
export function statusAfter(move: EnrolmentMove): EnrolmentStatus {
  return RESULT[move];
}

const STATUS_WORDS: Readonly<Record<EnrolmentStatus, string>> = {
  pending_approval: "waiting for approval",
  active: "active",
  paused: "paused",
  left: "no longer in the programme",
  declined: "declined",
};

/**
 * Why a move is refused from `status`, in words a person understands, or null when allowed.
 *
 * Example: refuseMove("pause", "pending_approval") === "You can pause only an active place in a programme; this one is waiting for approval."
 */
export function refuseMove(move: EnrolmentMove, status: EnrolmentStatus): string | null {
  if (ALLOWED_FROM[move].includes(status)) return null;
  const now = STATUS_WORDS[status];
  switch (move) {
    case "pause":
      return `You can pause only an active place in a programme; this one is ${now}.`;
    case "resume":
      return `Only a paused place can be resumed; this one is ${now}.`;
    case "leave":
      return `This place is already ${now}.`;
    case "approve":
    case "decline":
      return `Only a registration waiting for approval can be approved or declined; this one is ${now}.`;
  }
}

/**
 * Whether a "paused until" date is acceptable: today or later (dates are "YYYY-MM-DD", compared
 * as text, which orders them correctly).
 */
export function isPauseEndAcceptable(until: string, today: string): boolean {
  return until >= today;
}
