/**
 * The runs this server instance is executing, so a cancel that reaches this instance stops its
 * threads at once (a cancel on another instance is noticed at the next progress write), and
 * shutdown stops them cleanly. Also caches each draft's prepared programme for edits.
 */
import type { PreparedProgramme } from "../../core/matching/index.ts";
import type { ParticipantRow } from "../../db/index.ts";

/** Why a run was stopped: the manager cancelled it, or the server is shutting down. */
export class RunStopped extends Error {
  constructor(readonly why: "cancelled" | "shutdown") {
    super(why === "cancelled" ? "cancelled by the manager" : "the server stopped during the run");
    this.name = "RunStopped";
  }
}

/** A draft's programme prepared for scoring edits with the matcher's own kernel. */
export interface DraftScoring {
  prepared: PreparedProgramme;
  people: Map<string, ParticipantRow>;
}

const SCORING_TTL_MS = 60_000;
const SCORING_ENTRIES = 2;

export interface RunRegistry {
  launch(runId: string, work: (controller: AbortController) => Promise<void>): void;
  /** Stops a run this instance executes; false when it runs elsewhere (or not at all). */
  stop(runId: string, why: "cancelled" | "shutdown"): boolean;
  /** Work that outlives its request (a large publish's emails); shutdown waits for it. */
  background(task: Promise<unknown>): void;
  /** Resolves once every run and background task started here has settled. */
  idle(): Promise<void>;
  shutdown(): Promise<void>;
  scoring(runId: string, load: () => Promise<DraftScoring>, fresh?: boolean): Promise<DraftScoring>;
}

export function createRunRegistry(): RunRegistry {
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const cache = new Map<string, { at: number; value: Promise<DraftScoring> }>();
  const tasks = new Set<Promise<unknown>>();
  return {
    launch(runId, work) {
      const controller = new AbortController();
      // Start on the next turn of the event loop, so the request that launched it is answered
      // first (an embedded database runs queries on this thread).
      const done = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => work(controller))
        .catch(() => {})
        .finally(() => active.delete(runId));
      active.set(runId, { controller, done });
    },
    stop(runId, why) {
      const entry = active.get(runId);
      if (!entry) return false;
      entry.controller.abort(new RunStopped(why));
      return true;
    },
    background(task) {
      const tracked = task.catch(() => {}).finally(() => tasks.delete(tracked));
      tasks.add(tracked);
    },
    async idle() {
      while (active.size > 0 || tasks.size > 0)
        await Promise.all([...[...active.values()].map((entry) => entry.done), ...tasks]);
    },
    async shutdown() {
      for (const runId of active.keys()) this.stop(runId, "shutdown");
      await this.idle();
      cache.clear();
    },
    scoring(runId, load, fresh = false) {
      const now = Date.now();
      const hit = cache.get(runId);
      if (hit && !fresh && now - hit.at < SCORING_TTL_MS) return hit.value;
      const value = load();
      value.catch(() => cache.delete(runId));
      cache.delete(runId);
      cache.set(runId, { at: now, value });
      while (cache.size > SCORING_ENTRIES) cache.delete(cache.keys().next().value!);
      return value;
    },
  };
}
