/**
 * A bulk-matching run as stored: what it was started with, its progress, and the facts of its
 * result that edits cannot change (greedy comparison, certificate) plus the reasons of the
 * mentees it leaves unmatched. Counts that edits change (pairs, locks, scores) are read from the
 * pairs themselves, so they are always right.
 */
import type { CriterionContribution, MatchConfig, MatchObjective } from "../matching/index.ts";

export type MatchRunStatus = "running" | "draft" | "published" | "failed" | "cancelled" | "discarded";

export const MATCH_RUN_PHASES = [
  "queued",
  "loading",
  "preparing",
  "scoring",
  "solving",
  "pricing",
  "explaining",
  "saving",
] as const;
export type MatchRunPhase = (typeof MATCH_RUN_PHASES)[number];

/** A pair of a draft, as stored. */
export interface DraftPair {
  menteeId: string;
  mentorId: string;
  score: number;
  explanation: readonly CriterionContribution[];
  locked: boolean;
  manual: boolean;
}

/** A locked pair carried into a new run, with the score and explanation it had in the draft. */
export type CarriedLock = Pick<DraftPair, "menteeId" | "mentorId" | "score" | "explanation">;

export interface StoredRunConfig {
  objective: MatchObjective;
  keepLocks: boolean;
  locks: CarriedLock[];
  /** Monday (YYYY-MM-DD) whose time-zone offsets the run used; edits score with the same week. */
  referenceWeek: string;
  matchConfig: MatchConfig;
}

export interface StoredRunSummary {
  objective: MatchObjective;
  menteesConsidered: number;
  mentorsConsidered: number;
  mentorPlaces: number;
  alreadyMatched: number;
  matchedByMatcher: number;
  greedyMatched: number;
  optimal: boolean;
  gap: number;
  locksKept: number;
  locksDropped: number;
  /** Unmatched mentee id -> why. A mentee is here exactly when the draft has no pair for them. */
  reasons: Record<string, string>;
  seconds: { load: number; match: number; save: number; total: number };
}

export interface RunProgress {
  phase: MatchRunPhase;
  /** 0..100 over the whole run (never goes back). */
  percent: number;
  /** ISO instant of the runner's last sign of life. */
  heartbeatAt: string;
}

/** Where each phase sits on the run's 0..100 progress bar. */
const PHASE_SPAN: Record<MatchRunPhase, readonly [number, number]> = {
  queued: [0, 0],
  loading: [0, 5],
  preparing: [5, 10],
  scoring: [10, 60],
  solving: [60, 75],
  pricing: [75, 85],
  explaining: [85, 95],
  saving: [95, 100],
};

/**
 * The run's overall percent from a phase and the percent within it; never below `previous`
 * (pricing and solving alternate, and a bar that jumps back reads as broken).
 *
 * Example: overallPercent("scoring", 50) === 35; overallPercent("solving", 0, 80) === 80
 */
export function overallPercent(phase: MatchRunPhase, phasePercent: number, previous = 0): number {
  const [from, to] = PHASE_SPAN[phase];
  const within = Math.min(100, Math.max(0, phasePercent));
  return Math.max(previous, Math.round(from + ((to - from) * within) / 100));
}

/**
 * The Monday (YYYY-MM-DD, UTC) of the week whose time-zone offsets the matcher uses: the week the
 * programme starts when that is still ahead, otherwise the current week.
 *
 * Example: referenceWeekFor("2026-11-22", "2027-01-06") === "2027-01-04";
 *          referenceWeekFor("2026-11-22", null) === "2026-11-16"
 */
export function referenceWeekFor(today: string, startsOn: string | null): string {
  const day = startsOn && startsOn > today ? startsOn : today;
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A running run whose runner has not been heard of for `staleAfterMs` has died with its server
 * instance (a live runner writes at least every few seconds).
 *
 * Example: isStale("2026-01-01T10:00:00Z", new Date("2026-01-01T10:05:00Z"), 60_000) === true
 */
export function isStale(heartbeatAt: string, now: Date, staleAfterMs: number): boolean {
  return now.getTime() - new Date(heartbeatAt).getTime() > staleAfterMs;
}
