import type { FitCheckRequest, Relationship } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { isFitCheckDue } from "../../core/relationships/agreement.ts";
import { transition } from "../../core/relationships/relationship-status.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { formatDay, relationshipNotice } from "../notifications/relationship-notices.ts";
import { changeRelationship } from "./change-relationship.ts";

/** The end reason a fit check writes, which managers see in the history. */
export const FIT_CHECK_REASON = "fit check";

/**
 * One side's answer to the fit check, from its due day while the pair is active. "good" is noted;
 * "end" ends the pair early (reason "fit check"): the mentee's enrolment stays active, so they can
 * be matched again, and the matcher leaves this pair out as one that met before.
 */
export async function answerFitCheck(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
  input: FitCheckRequest,
): Promise<Relationship> {
  return changeRelationship(deps, membership, relationshipId, async (context) => {
    const { repos, view, now } = context;
    const { relationship } = view;
    const answered = relationship.fitCheck[context.actorId] !== undefined;
    if (answered) throw new AppError("conflict", "You have already answered the fit check.");
    if (
      !isFitCheckDue({
        status: relationship.status,
        fitCheckDueOn: relationship.fitCheckDueOn,
        answered,
        today: context.today,
      })
    ) {
      throw new AppError(
        "conflict",
        relationship.status !== "active"
          ? "The fit check is for active relationships."
          : relationship.fitCheckDueOn
            ? `The fit check opens on ${formatDay(relationship.fitCheckDueOn)}.`
            : "This relationship has no fit check.",
      );
    }
    const note = input.note ? input.note : undefined;
    const fitCheck = {
      ...relationship.fitCheck,
      [context.actorId]: { answer: input.answer, at: now.toISOString(), ...(note ? { note } : {}) },
    };
    if (input.answer === "good") {
      await repos.relationships.update(relationship.orgId, relationship.id, relationship.status, {
        fitCheck,
        at: now,
      });
      await repos.relationshipHistory.addEvent(
        relationship.orgId,
        relationship.id,
        {
          kind: "fit_check",
          fromStatus: null,
          toStatus: null,
          actorId: context.actorId,
          detail: `The ${context.side} said the pairing works`,
        },
        now,
      );
      return [];
    }
    const move = transition(relationship.status, "end");
    if (!move.ok) throw new AppError("conflict", move.message);
    await repos.relationships.update(relationship.orgId, relationship.id, relationship.status, {
      fitCheck,
      status: move.to,
      endedAt: now,
      endedBy: context.actorId,
      endReason: FIT_CHECK_REASON,
      at: now,
    });
    await repos.relationshipHistory.addEvent(
      relationship.orgId,
      relationship.id,
      {
        kind: "ended_early",
        fromStatus: move.from,
        toStatus: move.to,
        actorId: context.actorId,
        detail: FIT_CHECK_REASON,
      },
      now,
    );
    return [
      relationshipNotice(
        { kind: "fit_check_ended", note: note ?? null, recipientIsMentee: context.side === "mentor" },
        context.toOtherSide,
      ),
    ];
  });
}
