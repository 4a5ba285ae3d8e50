import { performance } from "node:perf_hooks";
import type { MatchResult } from "../../core/matching/index.ts";
import { buildBulkRunInput, draftFromResult } from "../../core/bulk-matching/bulk-run-input.ts";
import {
  type MatchRunPhase,
  overallPercent,
  type RunProgress,
  type StoredRunSummary,
} from "../../core/bulk-matching/match-run.ts";
import { inTransaction } from "../../db/index.ts";
import type { MatchRunRecord, RunRef } from "../../db/repositories/match-runs.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { runMatching } from "../matching/run-matching.ts";
import { RunStopped } from "./run-registry.ts";

/** How often progress is written while it changes, and at least how often the runner checks in. */
export const PROGRESS_WRITE_MS = 250;
export const HEARTBEAT_MS = 2_000;
/** A big run may take this long to certify; then the best matching found is kept with its gap. */
const TIME_BUDGET_MS = 120_000;

/**
 * Keeps the run row's progress current (throttled), so any instance can report it, and notices
 * a cancel made on another instance: the write only applies while the run is still "running".
 */
class ProgressWriter {
  private latest: RunProgress;
  private written = "";
  private lastWrite = 0;
  private writing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: ServerDeps,
    private readonly ref: RunRef,
    private readonly controller: AbortController,
  ) {
    this.latest = { phase: "loading", percent: 0, heartbeatAt: deps.now().toISOString() };
    this.timer = setInterval(() => this.tick(), PROGRESS_WRITE_MS);
  }

  set(phase: MatchRunPhase, phasePercent: number): void {
    const percent = overallPercent(phase, phasePercent, this.latest.percent);
    this.latest = { ...this.latest, phase, percent };
  }

  private tick(): void {
    if (this.writing) return;
    const key = `${this.latest.phase}:${this.latest.percent}`;
    if (key === this.written && performance.now() - this.lastWrite < HEARTBEAT_MS) return;
    this.written = key;
    this.lastWrite = performance.now();
    const progress = { ...this.latest, heartbeatAt: this.deps.now().toISOString() };
    this.writing = this.deps.repos.matchRuns
      .updateProgress(this.ref, progress)
      .then((stillRunning) => {
        if (!stillRunning) this.controller.abort(new RunStopped("cancelled"));
      })
      .catch(() => {})
      .finally(() => {
        this.writing = null;
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
  }
}

const EMPTY_RESULT: Pick<MatchResult, "matches" | "unmatched" | "matchedCount" | "optimal" | "gap"> & {
  stats: { greedy: { matchedCount: number } };
} = {
  matches: [],
  unmatched: [],
  matchedCount: 0,
  optimal: true,
  gap: 0,
  stats: { greedy: { matchedCount: 0 } },
};

/**
 * Executes a run started by startMatchRun, off the request: loads the programme's people, runs
 * the matcher in its worker threads while progress is written to the run row, then stores the
 * draft (pairs with scores and explanations, kept locks, reasons, summary) and marks it "draft".
 * A run cancelled meanwhile stores nothing; a failure is recorded on the run.
 */
export async function executeMatchRun(
  deps: ServerDeps,
  run: MatchRunRecord,
  controller: AbortController,
): Promise<void> {
  const ref = { orgId: run.orgId, runId: run.id };
  const { signal } = controller;
  const started = performance.now();
  const progress = new ProgressWriter(deps, ref, controller);
  try {
    const [people, pairs] = await Promise.all([
      deps.repos.participants.listActive(run.orgId, run.programmeId),
      deps.repos.participants.pairs(run.orgId, run.programmeId),
    ]);
    const input = buildBulkRunInput(
      people,
      { live: pairs.existing, earlier: pairs.earlier },
      run.config.keepLocks ? run.config.locks : [],
    );
    signal.throwIfAborted();
    const loaded = performance.now();
    progress.set("preparing", 0);
    const hasBothSides =
      input.programme.participants.some((p) => p.role !== "mentor") && input.mentorPlaces > 0;
    const result = hasBothSides
      ? (
          await runMatching(
            {
              programme: input.programme,
              config: run.config.matchConfig,
              objective: run.config.objective,
              referenceWeek: run.config.referenceWeek,
              explain: true,
              timeBudgetMs: TIME_BUDGET_MS,
            },
            { signal, onProgress: ({ phase, percent }) => progress.set(phase, percent) },
          )
        ).result
      : {
          ...EMPTY_RESULT,
          unmatched: input.programme.participants
            .filter((p) => p.role !== "mentor")
            .map((p) => ({ mentee: p.id, reason: "no allowed mentor: no mentor has a free place" })),
        };
    const matched = performance.now();
    progress.set("saving", 0);
    const draft = draftFromResult(result, input.keptLocks);
    await inTransaction(deps.db, async (repos) => {
      const current = await repos.matchRuns.findForUpdate(run.orgId, run.programmeId, run.id);
      if (current?.status !== "running") return;
      await repos.matchRunPairs.insertPairs(run.id, draft.pairs);
      const seconds = (from: number, to: number) => Math.round((to - from) / 10) / 100;
      const summary: StoredRunSummary = {
        objective: run.config.objective,
        menteesConsidered: input.menteesConsidered,
        mentorsConsidered: input.mentorsConsidered,
        mentorPlaces: input.mentorPlaces,
        alreadyMatched: input.alreadyMatched,
        matchedByMatcher: result.matchedCount,
        greedyMatched: result.stats.greedy.matchedCount,
        optimal: result.optimal,
        gap: result.gap,
        locksKept: input.keptLocks.length,
        locksDropped: input.droppedLocks.length,
        reasons: draft.reasons,
        seconds: {
          load: seconds(started, loaded),
          match: seconds(loaded, matched),
          save: seconds(matched, performance.now()),
          total: seconds(started, performance.now()),
        },
      };
      await repos.matchRuns.transition(ref, "running", "draft", { summary, finishedAt: deps.now() });
    });
  } catch (error) {
    const reason = signal.aborted ? signal.reason : error;
    if (reason instanceof RunStopped && reason.why === "cancelled") return;
    const message =
      reason instanceof RunStopped
        ? "The server stopped during the run. Start it again."
        : `The matcher could not finish: ${reason instanceof Error ? reason.message : String(reason)}`;
    await deps.repos.matchRuns
      .transition(ref, "running", "failed", { error: message, finishedAt: deps.now() })
      .catch(() => {});
  } finally {
    await progress.stop();
  }
}
