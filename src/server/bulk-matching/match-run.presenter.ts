import type { MatchPair, MatchRun, MatchRunPhase, MatchRunSummary } from "../../contracts/bulk-matching.ts";
import type { MatchConfig } from "../../core/matching/index.ts";
import { expandExplanation } from "../../core/bulk-matching/match-run.ts";
import { histogramFromBandCounts, meanScore } from "../../core/bulk-matching/score-distribution.ts";
import type { DraftAggregates, NamedDraftPair } from "../../db/repositories/match-run-pairs.repository.ts";
import type { MatchRunRecord } from "../../db/repositories/match-runs.repository.ts";

/**
 * The summary a manager reads: the run's fixed facts (greedy comparison, certificate, reasons)
 * with the counts of the draft as it is now (edits change pairs, locks and scores).
 */
export function presentSummary(run: MatchRunRecord, now: DraftAggregates | null): MatchRunSummary | null {
  const stored = run.summary;
  if (!stored || !now) return null;
  return {
    objective: stored.objective,
    menteesConsidered: stored.menteesConsidered,
    mentorsConsidered: stored.mentorsConsidered,
    mentorPlaces: stored.mentorPlaces,
    alreadyMatched: stored.alreadyMatched,
    matched: now.pairs,
    unmatched: Object.keys(stored.reasons).length,
    locked: now.locked,
    manual: now.manual,
    matchedByMatcher: stored.matchedByMatcher,
    greedyMatched: stored.greedyMatched,
    moreThanGreedy: stored.matchedByMatcher - stored.greedyMatched,
    meanScore: meanScore(now.pairs, now.totalScore),
    totalScore: now.totalScore,
    optimal: stored.optimal,
    gap: stored.gap,
    locksKept: stored.locksKept,
    locksDropped: stored.locksDropped,
    distribution: histogramFromBandCounts(now.bands),
    seconds: stored.seconds,
  };
}

/** A run for the API; `aggregates` is given for drafts and published runs (their pairs exist). */
export function presentRun(run: MatchRunRecord, aggregates: DraftAggregates | null): MatchRun {
  return {
    id: run.id,
    programmeId: run.programmeId,
    status: run.status,
    objective: run.config.objective,
    keepLocks: run.config.keepLocks,
    progress:
      run.progress && run.status === "running"
        ? { phase: run.progress.phase as MatchRunPhase, percent: run.progress.percent }
        : null,
    error: run.error,
    summary: presentSummary(run, aggregates),
    startedByName: run.startedByName,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
  };
}

export function presentPair(pair: NamedDraftPair, config: MatchConfig): MatchPair {
  return {
    mentee: { userId: pair.menteeId, name: pair.menteeName },
    mentor: { userId: pair.mentorId, name: pair.mentorName },
    score: pair.score,
    locked: pair.locked,
    manual: pair.manual,
    explanation: expandExplanation(pair.explanation, config),
  };
}
