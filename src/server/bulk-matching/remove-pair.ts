import type { DraftEditResult } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { REMOVED_BY_MANAGER } from "../../core/bulk-matching/draft-edits.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { editResult, lockDraft } from "./draft-scoring.ts";

/**
 * Removes a mentee's pair from a draft: the mentee joins the unmatched with the reason "removed by
 * manager" in the same transaction, so the summary's counts stay right. A locked pair stays.
 */
export async function removePair(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  menteeId: string,
): Promise<DraftEditResult> {
  return inTransaction(deps.db, async (repos) => {
    const run = await lockDraft(repos, orgId, programmeId, runId);
    const ref = { orgId, runId };
    const [pair] = (await repos.matchRunPairs.listPairs(ref, { menteeIds: [menteeId] })).pairs;
    if (!pair) throw notFound("This mentee has no pair in the draft.");
    if (pair.locked)
      throw new AppError("conflict", `${pair.menteeName}'s pair is locked; unlock it before removing it.`);
    await repos.matchRunPairs.deletePair(ref, menteeId);
    const summary = run.summary!;
    await repos.matchRuns.updateSummary(ref, {
      ...summary,
      reasons: { ...summary.reasons, [menteeId]: REMOVED_BY_MANAGER },
    });
    return editResult(repos, run, []);
  });
}
