import type { MatchRun } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { findRunOr404, presentRunNow } from "./read-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

/**
 * Cancels a running run: the row moves to "cancelled" only if it is still running (so a run that
 * has just finished stays a draft); the instance executing it stops its threads at once when it
 * is this one, or at its next progress write when it is another.
 */
export async function cancelMatchRun(
  deps: ServerDeps,
  registry: RunRegistry,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
): Promise<MatchRun> {
  await findRunOr404(deps.repos, orgId, programmeId, runId);
  const cancelled = await deps.repos.matchRuns.transition({ orgId, runId }, "running", "cancelled", {
    finishedAt: deps.now(),
  });
  if (!cancelled) {
    const now = await findRunOr404(deps.repos, orgId, programmeId, runId);
    throw new AppError("conflict", `Only a running run can be cancelled; this one is ${now.status}.`);
  }
  registry.stop(runId, "cancelled");
  return presentRunNow(deps.repos, await findRunOr404(deps.repos, orgId, programmeId, runId));
}
