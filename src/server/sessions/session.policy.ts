import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeType } from "../../core/programmes/types.ts";
import type { PairContext, SessionView } from "../../db/repositories/sessions.repository.ts";
import { forbidden, notFound } from "../http/app-error.ts";

/** Who is looking at a session: one of its people (by their role in it), or a manager. */
export type SessionViewerRole = "mentee" | "mentor" | "member" | "admin";

/**
 * The viewer's role, or a 404 for anyone else (a member outside the session cannot learn it
 * exists; another organisation's lookups find nothing).
 */
export function sessionViewerRole(view: SessionView | null, membership: Membership): SessionViewerRole {
  if (!view) throw notFound("Session not found.");
  const me = view.attendees.find((attendee) => attendee.userId === membership.userId);
  if (me) return me.role;
  if (isOrgAdmin(membership.role)) return "admin";
  throw notFound("Session not found.");
}

/** The caller's role among the session's people; managers may look but not act (403), others 404. */
export function sessionParticipant(
  view: SessionView | null,
  membership: Membership,
): "mentee" | "mentor" | "member" {
  const role = sessionViewerRole(view, membership);
  if (role === "admin") throw forbidden("Only the people in this session can do that.");
  return role;
}

/** The caller's side of a pair (404 outside it; managers 403 for acting, allowed to read with `read`). */
export function pairSide(
  pair: PairContext | null,
  membership: Membership,
  mode: "act" | "read" = "act",
): "mentee" | "mentor" | "admin" {
  if (!pair) throw notFound("Relationship not found.");
  if (pair.menteeId === membership.userId) return "mentee";
  if (pair.mentorId === membership.userId) return "mentor";
  if (isOrgAdmin(membership.role)) {
    if (mode === "read") return "admin";
    throw forbidden("Only the mentee and the mentor of this relationship can book its sessions.");
  }
  throw notFound("Relationship not found.");
}

/**
 * Who owns the agenda: the mentee in mentoring (they bring what they want to solve), the coach
 * (the "mentor" side) in coaching. The other side suggests items the owner takes or leaves.
 */
export function ownsAgenda(programmeType: ProgrammeType | string, role: SessionViewerRole): boolean {
  if (role === "admin") return false;
  if (role === "member") return true;
  return programmeType === "coaching" ? role === "mentor" : role === "mentee";
}
