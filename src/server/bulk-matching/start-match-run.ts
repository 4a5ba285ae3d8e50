import type { StartMatchRunRequest } from "../../contracts/bulk-matching.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { type MatchConfig, MatchInputError, validateMatchConfig } from "../../core/matching/index.ts";
import {
  type CarriedLock,
  isStale,
  referenceWeekFor,
  sameCriteria,
} from "../../core/bulk-matching/match-run.ts";
import { DEFAULT_MATCH_CONFIG } from "../../core/programmes/matcher-input.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { MatchRunRecord } from "../../db/repositories/match-runs.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { executeMatchRun } from "./execute-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

/** A running run not heard of for this long died with its server instance. */
export const STALE_AFTER_MS = 60_000;
export const STALE_RUN_ERROR = "The server running this matching stopped before it finished. Start it again.";

/** The programme's criteria, or the defaults when none are set yet; a 422 names a bad criterion. */
export function matchConfigOf(programme: ProgrammeRecord): MatchConfig {
  if (programme.matchConfig.criteria.length === 0) return DEFAULT_MATCH_CONFIG;
  try {
    return validateMatchConfig(programme.matchConfig);
  } catch (error) {
    if (error instanceof MatchInputError)
      throw new AppError("domain_rule", `The programme's match criteria need fixing first: ${error.message}`);
    throw error;
  }
}

/**
 * Starts a bulk-matching run: one running run per programme (the programme row is locked while
 * checking; a run whose instance died is marked failed instead of blocking), the older draft is
 * discarded, and with locks "keep" the locked pairs of the latest draft are carried into the run.
 * The matcher then runs in the background on this instance; the run row reports its progress.
 */
export async function startMatchRun(
  deps: ServerDeps,
  registry: RunRegistry,
  actor: Membership,
  programmeId: ProgrammeId,
  input: StartMatchRunRequest,
): Promise<MatchRunRecord> {
  const { orgId } = actor;
  const now = deps.now();
  const run = await inTransaction(deps.db, async (repos) => {
    const programme = await repos.programmes.findForUpdate(orgId, programmeId);
    if (!programme) throw notFound("Programme not found.");
    if (programme.status === "completed" || programme.status === "archived")
      throw new AppError("domain_rule", `The programme is ${programme.status}; it cannot be matched again.`);
    const matchConfig = matchConfigOf(programme);
    for (const running of await repos.matchRuns.listByStatus(orgId, programmeId, "running")) {
      const heartbeat = running.progress?.heartbeatAt ?? running.createdAt.toISOString();
      if (!isStale(heartbeat, now, STALE_AFTER_MS))
        throw new AppError(
          "conflict",
          "Matching is already running for this programme. Wait for it or cancel it.",
        );
      await repos.matchRuns.transition({ orgId, runId: running.id }, "running", "failed", {
        error: STALE_RUN_ERROR,
        finishedAt: now,
      });
    }
    const keepLocks = input.locks === "keep";
    let locks: CarriedLock[] = [];
    if (keepLocks) {
      const [latest] = await repos.matchRuns.listByStatus(orgId, programmeId, "draft");
      if (latest) {
        // A lock keeps its score; its explanation only while the criteria are the same.
        const explained = sameCriteria(latest.config.matchConfig, matchConfig);
        const locked = await repos.matchRunPairs.allPairs({ orgId, runId: latest.id }, { lockedOnly: true });
        locks = locked.map(({ menteeId, mentorId, score, explanation }) => ({
          menteeId,
          mentorId,
          score,
          explanation: explained ? explanation : [],
        }));
      }
    }
    await repos.matchRuns.discardDrafts(orgId, programmeId);
    return repos.matchRuns.insert({
      orgId,
      programmeId,
      startedBy: actor.userId,
      progress: { phase: "queued", percent: 0, heartbeatAt: now.toISOString() },
      config: {
        objective: input.objective ?? "participation",
        keepLocks,
        locks,
        referenceWeek:
          matchConfig.referenceWeek ?? referenceWeekFor(now.toISOString().slice(0, 10), programme.startsOn),
        matchConfig,
      },
    });
  });
  registry.launch(run.id, (controller) => executeMatchRun(deps, run, controller));
  return run;
}
