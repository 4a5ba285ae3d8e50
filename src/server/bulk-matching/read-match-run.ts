import type { MatchRun } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { isStale } from "../../core/bulk-matching/match-run.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import type { MatchRunRecord } from "../../db/repositories/match-runs.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { presentRun } from "./match-run.presenter.ts";
import { STALE_AFTER_MS, STALE_RUN_ERROR } from "./start-match-run.ts";

/**
 * A run as it is now: a running run whose runner stopped writing (its instance died) is marked
 * failed on the way (only if it is still running, so a runner that just finished wins).
 */
async function settleStale(deps: ServerDeps, run: MatchRunRecord): Promise<MatchRunRecord> {
  if (run.status !== "running") return run;
  const heartbeat = run.progress?.heartbeatAt ?? run.createdAt.toISOString();
  const now = deps.now();
  if (!isStale(heartbeat, now, STALE_AFTER_MS)) return run;
  await deps.repos.matchRuns.transition({ orgId: run.orgId, runId: run.id }, "running", "failed", {
    error: STALE_RUN_ERROR,
    finishedAt: now,
  });
  return (await deps.repos.matchRuns.find(run.orgId, run.programmeId, run.id)) ?? run;
}

/** Presents a run with the live counts of its draft (drafts and published runs have pairs). */
export async function presentRunNow(repos: Repositories, run: MatchRunRecord): Promise<MatchRun> {
  const hasPairs = run.status === "draft" || run.status === "published";
  const aggregates = hasPairs
    ? await repos.matchRunPairs.aggregates({ orgId: run.orgId, runId: run.id })
    : null;
  return presentRun(run, aggregates);
}

export async function findRunOr404(
  repos: Repositories,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
): Promise<MatchRunRecord> {
  const run = await repos.matchRuns.find(orgId, programmeId, runId);
  if (!run) throw notFound("Matching run not found.");
  return run;
}

export async function getMatchRun(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
): Promise<MatchRun> {
  const run = await settleStale(deps, await findRunOr404(deps.repos, orgId, programmeId, runId));
  return presentRunNow(deps.repos, run);
}

/** The programme's ten most recent runs, newest first (404 for a programme of another organisation). */
export async function listMatchRuns(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
): Promise<MatchRun[]> {
  if (!(await deps.repos.programmes.find(orgId, programmeId))) throw notFound("Programme not found.");
  const runs = await deps.repos.matchRuns.list(orgId, programmeId, 10);
  const settled = await Promise.all(runs.map((run) => settleStale(deps, run)));
  return Promise.all(settled.map((run) => presentRunNow(deps.repos, run)));
}
