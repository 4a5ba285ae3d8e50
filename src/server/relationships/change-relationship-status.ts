import type { Relationship } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { EVENT_KIND, transition } from "../../core/relationships/relationship-status.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { relationshipNotice } from "../notifications/relationship-notices.ts";
import { changeRelationship } from "./change-relationship.ts";

export type StatusAction = "pause" | "resume" | "complete" | "end";

/**
 * Pauses, resumes, completes or ends a relationship early, for one of its pair. An illegal move
 * (resuming an active pair, ending a completed one) is a 409 that says why. The history records
 * who and why; the other side is told in the app and by email.
 */
export async function changeRelationshipStatus(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
  action: StatusAction,
  reason: string | null,
): Promise<Relationship> {
  return changeRelationship(deps, membership, relationshipId, async (context) => {
    const { repos, view, now } = context;
    const current = view.relationship;
    const move = transition(current.status, action);
    if (!move.ok) throw new AppError("conflict", move.message);
    const isEnd = action === "complete" || action === "end";
    const changed = await repos.relationships.update(current.orgId, current.id, current.status, {
      status: move.to,
      at: now,
      ...(isEnd ? { endedAt: now, endedBy: context.actorId } : {}),
      ...(action === "end" ? { endReason: reason } : {}),
    });
    if (!changed) throw new AppError("conflict", "The relationship changed meanwhile. Reload and try again.");
    await repos.relationshipHistory.addEvent(
      current.orgId,
      current.id,
      {
        kind: EVENT_KIND[action],
        fromStatus: move.from,
        toStatus: move.to,
        actorId: context.actorId,
        detail: reason,
      },
      now,
    );
    const recipientIsMentee = context.side === "mentor";
    const event =
      action === "pause"
        ? ({ kind: "paused", reason } as const)
        : action === "resume"
          ? ({ kind: "resumed" } as const)
          : action === "complete"
            ? ({ kind: "completed" } as const)
            : ({ kind: "ended_early", reason: reason ?? "", recipientIsMentee } as const);
    return [relationshipNotice(event, context.toOtherSide)];
  });
}
