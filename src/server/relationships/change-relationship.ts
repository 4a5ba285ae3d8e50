import type { Relationship } from "../../contracts/relationships.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { isoDay, type Side } from "../../core/relationships/agreement.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { RelationshipView } from "../../db/repositories/relationships.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import type { RelationshipNoticeContext } from "../notifications/relationship-notices.ts";
import { loadRelationship } from "./load-relationship.ts";
import { participantSide } from "./relationships.policy.ts";

/** What a change of one relationship works with, under the relationship's row lock. */
export interface ChangeContext {
  repos: Repositories;
  /** The relationship as it was when the lock was taken, with names and agreement. */
  view: RelationshipView;
  side: Side;
  actorId: UserId;
  now: Date;
  today: string;
  /** Addresses an event to the other side of the pair, from the actor. */
  toOtherSide: RelationshipNoticeContext;
}

/**
 * Runs one change of a relationship by one of its pair: takes the row lock (concurrent changes
 * queue behind it), checks the caller is in the pair (managers 403, anyone else 404), lets `work`
 * write the change, its history events and its domain events in the same transaction, then has the
 * domain events delivered once committed. Returns the relationship as the caller now sees it.
 */
export async function changeRelationship(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
  work: (context: ChangeContext) => Promise<DomainEvent[]>,
): Promise<Relationship> {
  const now = deps.now();
  await inTransaction(deps.db, async (repos) => {
    const locked = await repos.relationships.findForUpdate(membership.orgId, relationshipId);
    const side = participantSide(locked, membership);
    const view = await repos.relationships.findView(membership.orgId, relationshipId);
    if (!view) throw notFound("Relationship not found.");
    const actor = side === "mentee" ? view.mentee : view.mentor;
    const other = side === "mentee" ? view.mentor : view.mentee;
    const events = await work({
      repos,
      view,
      side,
      actorId: membership.userId,
      now,
      today: isoDay(now),
      toOtherSide: {
        orgId: membership.orgId,
        relationshipId,
        recipientId: other.userId,
        actorName: actor.name,
        programmeName: view.programmeName,
        actorId: membership.userId,
      },
    });
    await recordEvents(repos, events);
  });
  await deps.events.afterCommit();
  return loadRelationship(deps, membership, relationshipId);
}
