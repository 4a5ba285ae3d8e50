import type { DraftEditResult } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { editResult, lockDraft } from "./draft-scoring.ts";

/** Locks or unlocks the pair of a mentee in a draft: a re-run keeping locks keeps locked pairs. */
export async function setPairLock(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  menteeId: string,
  locked: boolean,
): Promise<DraftEditResult> {
  return inTransaction(deps.db, async (repos) => {
    const run = await lockDraft(repos, orgId, programmeId, runId);
    const ref = { orgId, runId };
    const { pairs } = await repos.matchRunPairs.listPairs(ref, { menteeIds: [menteeId] });
    if (pairs.length === 0) throw notFound("This mentee has no pair in the draft.");
    await repos.matchRunPairs.setLocked(ref, menteeId, locked);
    return editResult(repos, run, [menteeId]);
  });
}
