import type { DraftEditResult } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { type EditRefusal, refuseAssignment } from "../../core/bulk-matching/draft-edits.ts";
import { mayMentor, type ProgrammeId } from "../../core/programmes/types.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { compactExplanation } from "../../core/bulk-matching/match-run.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { draftScoring, editResult, explain, lockDraft } from "./draft-scoring.ts";
import { findRunOr404 } from "./read-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

export function refusalError(refusal: EditRefusal): AppError {
  return new AppError(refusal.kind === "conflict" ? "conflict" : "domain_rule", refusal.message);
}

/**
 * Pairs mentee M with mentor X in a draft (M may be paired already, or unmatched): the pair must
 * pass the matcher's hard rules and exclusions, X needs a free place (draft pairs plus live
 * relationships), and the pair is rescored and explained as the matcher would. One transaction
 * with the run locked, so concurrent edits cannot overfill a mentor.
 */
export async function assignMentor(
  deps: ServerDeps,
  registry: RunRegistry,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  menteeId: string,
  mentorId: string,
): Promise<DraftEditResult> {
  // Scoring reads outside the transaction (PGlite has one connection; the transaction holds it).
  const scoring = await draftScoring(
    deps,
    registry,
    await findRunOr404(deps.repos, orgId, programmeId, runId),
    [menteeId, mentorId],
  );
  return inTransaction(deps.db, async (repos) => {
    const run = await lockDraft(repos, orgId, programmeId, runId);
    const ref = { orgId, runId };
    const [current] = (await repos.matchRunPairs.listPairs(ref, { menteeIds: [menteeId] })).pairs;
    if (!current && !(menteeId in run.summary!.reasons))
      throw notFound("This mentee is not part of the draft.");
    const names = await repos.matchRuns.names(orgId, [menteeId, mentorId]);
    const mentee = { id: menteeId, name: names.get(menteeId) ?? "This mentee" };
    const mentor = { id: mentorId, name: names.get(mentorId) ?? "This mentor" };
    const enrolment = await repos.enrolments.findForUser(orgId, programmeId, mentorId as UserId);
    if (!enrolment || !mayMentor(enrolment))
      throw new AppError("domain_rule", `${mentor.name} is not an active mentor of this programme.`);
    const live = await repos.matchRuns.livePairs(orgId, programmeId);
    if (live.some(([liveMentee]) => liveMentee === menteeId))
      throw new AppError("conflict", `${mentee.name} already has a mentor in this programme.`);
    const explanation = explain(scoring, menteeId, mentorId, { mentee: mentee.name, mentor: mentor.name });
    const used =
      ((await repos.matchRunPairs.draftLoads(ref, [mentorId])).get(mentorId) ?? 0) +
      live.filter(([, liveMentor]) => liveMentor === mentorId).length;
    const refusal = refuseAssignment({
      mentee,
      mentor,
      currentMentorId: current?.mentorId ?? null,
      locked: current?.locked ?? false,
      explanation,
      capacity: enrolment.mentorCapacity,
      used,
    });
    if (refusal) throw refusalError(refusal);
    if (current) await repos.matchRunPairs.deletePair(ref, menteeId);
    await repos.matchRunPairs.insertPairs(runId, [
      {
        menteeId,
        mentorId,
        score: explanation.score!,
        explanation: compactExplanation(explanation.contributions),
        locked: false,
        manual: true,
      },
    ]);
    if (menteeId in run.summary!.reasons) {
      const { [menteeId]: _matched, ...reasons } = run.summary!.reasons;
      await repos.matchRuns.updateSummary(ref, { ...run.summary!, reasons });
    }
    return editResult(repos, run, [menteeId]);
  });
}
