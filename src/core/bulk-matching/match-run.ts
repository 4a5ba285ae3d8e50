/**
 * A bulk-matching run as stored: what it was started with, its progress, and the facts of its
 * result that edits cannot change (greedy comparison, certificate) plus the reasons of the
 * mentees it leaves unmatched. Counts that edits change (pairs, locks, scores) are read from the
 * pairs themselves, so they are always right.
 */
import {
  type CriterionContribution,
  criterionLabel,
  type MatchConfig,
  type MatchObjective,
} from "../matching/index.ts";

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

/**
 * A pair's explanation as stored: per criterion of the run's config, in its order, the value
 * (0..10,000), the points it adds and whether it passed (1) or failed (0). The criterion's label,
 * weight and hard flag come from the config, so a draft of 5,000 pairs stores ~100 bytes a pair.
 */
export type CompactExplanation = readonly (readonly [value: number, points: number, passed: 0 | 1])[];

/** A pair of a draft, as stored. */
export interface DraftPair {
  menteeId: string;
  mentorId: string;
  score: number;
  explanation: CompactExplanation;
  locked: boolean;
  manual: boolean;
}

/**
 * Example: compactExplanation([{ criterion: "shared language", weight: 5, hard: true, value: 10000, points: 5000, passed: true }])
 *   → [[10000, 5000, 1]]
 */
export function compactExplanation(contributions: readonly CriterionContribution[]): CompactExplanation {
  return contributions.map((c) => [c.value, c.points, c.passed ? 1 : 0] as const);
}

/**
 * The full explanation of a stored one, with each criterion's label, weight and hard flag from the
 * run's config (the same labels the matcher uses). An explanation recorded under other criteria
 * (a lock carried across a change of criteria is stored without one) expands to none.
 *
 * Example: expandExplanation([[10000, 5000, 1]], { criteria: [{ kind: "language", weight: 5, hard: true }] })
 *   → [{ criterion: "shared language", weight: 5, hard: true, value: 10000, points: 5000, passed: true }]
 */
export function expandExplanation(compact: CompactExplanation, config: MatchConfig): CriterionContribution[] {
  if (compact.length !== config.criteria.length) return [];
  return config.criteria.map((criterion, k) => ({
    criterion: criterionLabel(criterion),
    weight: criterion.weight ?? 0,
    hard: criterion.hard ?? false,
    value: compact[k][0],
    points: compact[k][1],
    passed: compact[k][2] === 1,
  }));
}

/** Whether two configs score alike (same criteria in the same order with the same settings). */
export function sameCriteria(a: MatchConfig, b: MatchConfig): boolean {
  return JSON.stringify(a.criteria) === JSON.stringify(b.criteria);
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
