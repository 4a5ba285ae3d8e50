import type { Relationship } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { addDays, decideConfirmation, FIT_CHECK_AFTER_DAYS } from "../../core/relationships/agreement.ts";
import { EVENT_KIND, isAgreementOpen, transition } from "../../core/relationships/relationship-status.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { relationshipNotice } from "../notifications/relationship-notices.ts";
import { changeRelationship } from "./change-relationship.ts";
import { staleVersion } from "./update-agreement.ts";

/**
 * Confirms a version of the agreement for the caller's own side (a mentee can only ever confirm
 * as the mentee). A stale version is a 409 naming the current one. When both sides have confirmed
 * the current version, a proposed pair starts (its start, end date and fit check day are set) and
 * an active pair takes the new terms, such as a later end date.
 */
export async function confirmAgreement(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
  version: number,
): Promise<Relationship> {
  return changeRelationship(deps, membership, relationshipId, async (context) => {
    const { repos, view, now, side } = context;
    const { relationship, agreement } = view;
    if (!isAgreementOpen(relationship.status))
      throw new AppError(
        "conflict",
        `The agreement of a ${relationship.status === "paused" ? "paused" : "finished"} relationship cannot be confirmed.`,
      );
    const decision = decideConfirmation(agreement, side, version);
    if (!decision.ok) throw staleVersion(decision.currentVersion);
    if (decision.alreadyConfirmed) return [];

    if (!(await repos.relationships.confirmAgreement(relationship.orgId, relationship.id, side, version)))
      throw staleVersion(agreement.version);
    await repos.relationshipHistory.addEvent(
      relationship.orgId,
      relationship.id,
      {
        kind: "agreement_confirmed",
        fromStatus: null,
        toStatus: null,
        actorId: context.actorId,
        detail: `Version ${version}, as ${side}`,
      },
      now,
    );
    const isActive = relationship.status === "active";
    if (!decision.bothConfirmed)
      return [relationshipNotice({ kind: "agreement_confirmed", version, isActive }, context.toOtherSide)];

    if (relationship.status === "proposed") {
      const move = transition("proposed", "activate");
      if (!move.ok) throw new AppError("conflict", move.message);
      const fitCheckDueOn = relationship.fitCheckDueOn ?? addDays(context.today, FIT_CHECK_AFTER_DAYS);
      await repos.relationships.update(relationship.orgId, relationship.id, "proposed", {
        status: move.to,
        startedAt: now,
        endsOn: agreement.endsOn,
        fitCheckDueOn,
        at: now,
      });
      await repos.relationshipHistory.addEvent(
        relationship.orgId,
        relationship.id,
        {
          kind: EVENT_KIND.activate,
          fromStatus: move.from,
          toStatus: move.to,
          actorId: context.actorId,
          detail: "Both confirmed the agreement",
        },
        now,
      );
      return [
        relationshipNotice(
          { kind: "activated", endsOn: agreement.endsOn, fitCheckDueOn },
          context.toOtherSide,
        ),
      ];
    }

    // Active: the agreed terms change now, the end date among them.
    const endDateChanged = agreement.endsOn !== relationship.endsOn;
    if (endDateChanged) {
      await repos.relationships.update(relationship.orgId, relationship.id, relationship.status, {
        endsOn: agreement.endsOn,
        at: now,
      });
      await repos.relationshipHistory.addEvent(
        relationship.orgId,
        relationship.id,
        {
          kind: "end_date_changed",
          fromStatus: null,
          toStatus: null,
          actorId: context.actorId,
          detail: `${relationship.endsOn ?? "open"} → ${agreement.endsOn ?? "open"}`,
        },
        now,
      );
    }
    return [
      relationshipNotice(
        { kind: "agreement_agreed", version, newEndsOn: agreement.endsOn, endDateChanged },
        context.toOtherSide,
      ),
    ];
  });
}
