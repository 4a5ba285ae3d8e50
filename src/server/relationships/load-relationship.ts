import type { Agreement, Relationship, RelationshipEvent } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { presentAgreement, presentEvent, presentRelationship } from "./relationship.presenter.ts";
import { viewerRole } from "./relationships.policy.ts";

/** One relationship as the caller may see it (a member outside the pair gets 404). */
export async function loadRelationship(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
): Promise<Relationship> {
  const view = await deps.repos.relationships.findView(membership.orgId, relationshipId);
  const role = viewerRole(view?.relationship ?? null, membership);
  if (!view) throw notFound("Relationship not found.");
  return presentRelationship(view, role, deps.now());
}

/** The agreement as the caller may see it (managers: no goals, no confidentiality text). */
export async function loadAgreement(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
): Promise<Agreement> {
  const relationship = await deps.repos.relationships.find(membership.orgId, relationshipId);
  const role = viewerRole(relationship, membership);
  const agreement = await deps.repos.relationships.findAgreement(membership.orgId, relationshipId);
  if (!agreement) throw notFound("Relationship not found.");
  return presentAgreement(agreement, role);
}

/** Every change of the relationship, oldest first (states and dates: managers may read it). */
export async function loadRelationshipHistory(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
): Promise<{ events: RelationshipEvent[] }> {
  const relationship = await deps.repos.relationships.find(membership.orgId, relationshipId);
  viewerRole(relationship, membership);
  const events = await deps.repos.relationshipHistory.listEvents(membership.orgId, relationshipId);
  return { events: events.map(presentEvent) };
}
