import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { Side } from "../../core/relationships/agreement.ts";
import type { RelationshipRecord } from "../../db/index.ts";
import { forbidden, notFound } from "../http/app-error.ts";

/** Who is looking: one of the pair, or a manager of the organisation (who sees no private content). */
export type ViewerRole = Side | "admin";

/**
 * The viewer's role, or a 404 for anyone else: a member who is not in the pair cannot learn that
 * it exists (nor can anyone of another organisation, whose lookups find nothing).
 */
export function viewerRole(relationship: RelationshipRecord | null, membership: Membership): ViewerRole {
  if (!relationship) throw notFound("Relationship not found.");
  if (relationship.menteeId === membership.userId) return "mentee";
  if (relationship.mentorId === membership.userId) return "mentor";
  if (isOrgAdmin(membership.role)) return "admin";
  throw notFound("Relationship not found.");
}

/** The caller's side of the pair; managers may look but not act for the pair (403), others get 404. */
export function participantSide(relationship: RelationshipRecord | null, membership: Membership): Side {
  const role = viewerRole(relationship, membership);
  if (role === "admin") throw forbidden("Only the mentee and the mentor of this relationship can do that.");
  return role;
}
