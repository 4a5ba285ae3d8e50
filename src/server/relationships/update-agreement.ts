import type { Relationship, UpdateAgreementRequest } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import {
  type AgreementTerms,
  changedTerms,
  checkEndDate,
  checkEndWithinProgramme,
  isoDay,
  MAX_AGREEMENT_VERSION,
} from "../../core/relationships/agreement.ts";
import { isAgreementOpen } from "../../core/relationships/relationship-status.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { relationshipNotice } from "../notifications/relationship-notices.ts";
import { changeRelationship } from "./change-relationship.ts";

const TERM_WORDS: Record<keyof AgreementTerms, string> = {
  cadence: "the meeting cadence",
  formats: "the meeting formats",
  minutesPerMonth: "the time commitment",
  sessionMinutes: "the session length",
  confidentiality: "the confidentiality terms",
  endsOn: "the end date",
  firstGoals: "the first goals",
};

/** A 409 for an edit or confirmation made from an older version, naming the current one. */
export function staleVersion(current: number): AppError {
  return new AppError(
    "conflict",
    `The agreement has changed since you opened it: the current version is ${current}. Review it and try again.`,
    [{ path: "body.version", message: `the current version is ${current}` }],
  );
}

/**
 * Changes the agreement, by either of the pair while it is proposed or active. A real change makes
 * a new version and clears both confirmations; an active pair stays active on the terms confirmed
 * before (e.g. its end date) until both confirm the new version. Saving the same terms again
 * changes nothing.
 */
export async function updateAgreement(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: RelationshipId,
  input: UpdateAgreementRequest,
): Promise<Relationship> {
  return changeRelationship(deps, membership, relationshipId, async (context) => {
    const { repos, view, now } = context;
    const { relationship, agreement } = view;
    if (!isAgreementOpen(relationship.status))
      throw new AppError(
        "conflict",
        `The agreement of a ${relationship.status === "paused" ? "paused" : "finished"} relationship cannot be changed.`,
      );
    if (input.version !== agreement.version) throw staleVersion(agreement.version);
    const startsOn = relationship.startedAt ? isoDay(relationship.startedAt) : view.programmeStartsOn;
    const endDateProblem = checkEndDate(input.endsOn, {
      today: context.today,
      startsOn,
      openEndedAllowed: view.programmeEvergreen,
    });
    if (endDateProblem) throw invalidField("body.endsOn", endDateProblem);
    const beyondProgramme = checkEndWithinProgramme(input.endsOn, view.programmeEndsOn);
    if (beyondProgramme)
      throw new AppError("domain_rule", `body.endsOn: ${beyondProgramme}`, [
        { path: "body.endsOn", message: beyondProgramme },
      ]);

    const { version: _version, sessionMinutes, ...rest } = input;
    // Older clients do not send the session length: it stays as it was.
    const terms = { ...rest, sessionMinutes: sessionMinutes ?? agreement.sessionMinutes };
    const changes = changedTerms(agreement, terms);
    if (changes.length === 0) return [];
    if (agreement.version >= MAX_AGREEMENT_VERSION)
      throw new AppError("domain_rule", "This agreement has been changed too many times to change again.");
    const version = agreement.version + 1;
    await repos.relationships.replaceAgreement(relationship.orgId, relationship.id, terms, {
      version,
      updatedBy: context.actorId,
      at: now,
    });
    // The history is read by managers too: it names what changed, never the private text.
    const endDate = changes.includes("endsOn")
      ? ` (end date ${agreement.endsOn ?? "open"} → ${input.endsOn ?? "open"})`
      : "";
    await repos.relationshipHistory.addEvent(
      relationship.orgId,
      relationship.id,
      {
        kind: "agreement_changed",
        fromStatus: null,
        toStatus: null,
        actorId: context.actorId,
        detail: `Version ${version}: changed ${changes.map((key) => TERM_WORDS[key]).join(", ")}${endDate}`,
      },
      now,
    );
    return [
      relationshipNotice(
        {
          kind: "agreement_changed",
          version,
          changes: changes.map((key) => TERM_WORDS[key]),
          isActive: relationship.status === "active",
        },
        context.toOtherSide,
      ),
    ];
  });
}
