import type { DraftEditResult, SwapMentorsRequest } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { refuseSwap } from "../../core/bulk-matching/draft-edits.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { compactExplanation } from "../../core/bulk-matching/match-run.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import type { NamedDraftPair } from "../../db/repositories/match-run-pairs.repository.ts";
import { invalidField, notFound } from "../http/app-error.ts";
import { refusalError } from "./assign-mentor.ts";
import { draftScoring, editResult, explain, lockDraft } from "./draft-scoring.ts";
import { findRunOr404 } from "./read-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

/**
 * Exchanges the mentors of two pairs of a draft: both new pairs must pass the matcher's rules;
 * capacities are unchanged. Both pairs are rescored and explained; one transaction.
 */
export async function swapMentors(
  deps: ServerDeps,
  registry: RunRegistry,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  input: SwapMentorsRequest,
): Promise<DraftEditResult> {
  if (input.menteeId === input.otherMenteeId)
    throw invalidField("body.otherMenteeId", "must be another mentee than menteeId");
  const ids = [input.menteeId, input.otherMenteeId];
  const scoring = await draftScoring(
    deps,
    registry,
    await findRunOr404(deps.repos, orgId, programmeId, runId),
    ids,
  );
  return inTransaction(deps.db, async (repos) => {
    const run = await lockDraft(repos, orgId, programmeId, runId);
    const ref = { orgId, runId };
    const { pairs } = await repos.matchRunPairs.listPairs(ref, { menteeIds: ids });
    const first = pairs.find((pair) => pair.menteeId === input.menteeId);
    const second = pairs.find((pair) => pair.menteeId === input.otherMenteeId);
    if (!first || !second) throw notFound("Both mentees need a pair in the draft to swap their mentors.");
    const mentorName = (id: string) => (id === first.mentorId ? first.mentorName : second.mentorName);
    const withMentorOf = (pair: NamedDraftPair, other: NamedDraftPair) => ({
      mentee: { id: pair.menteeId, name: pair.menteeName },
      mentorId: pair.mentorId,
      locked: pair.locked,
      explanation: explain(scoring, pair.menteeId, other.mentorId, {
        mentee: pair.menteeName,
        mentor: other.mentorName,
      }),
    });
    const firstSide = withMentorOf(first, second);
    const secondSide = withMentorOf(second, first);
    const refusal = refuseSwap({ first: firstSide, second: secondSide, mentorName });
    if (refusal) throw refusalError(refusal);
    await repos.matchRunPairs.deletePair(ref, first.menteeId);
    await repos.matchRunPairs.deletePair(ref, second.menteeId);
    const swapped = (side: typeof firstSide, mentorId: string) => ({
      menteeId: side.mentee.id,
      mentorId,
      score: side.explanation.score!,
      explanation: compactExplanation(side.explanation.contributions),
      locked: false,
      manual: true,
    });
    await repos.matchRunPairs.insertPairs(runId, [
      swapped(firstSide, second.mentorId),
      swapped(secondSide, first.mentorId),
    ]);
    return editResult(repos, run, ids);
  });
}
