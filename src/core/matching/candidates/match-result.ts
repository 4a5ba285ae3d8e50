/** The matcher's answer with real ids: the shape `trellis match` prints (issue 3). */
import type { CandidateGraph, MatchingResult } from "../problem.ts";
import type { PairExplanation } from "../scoring/explain-pair.ts";
import type { GreedyOutcome } from "./greedy.ts";

export interface MatchedPair {
  readonly mentee: string;
  readonly mentor: string;
  readonly score: number;
  readonly explanation?: PairExplanation;
}

export interface MatchResult {
  readonly matches: MatchedPair[];
  readonly matchedCount: number;
  readonly totalScore: number;
  readonly unmatched: { readonly mentee: string; readonly reason: string }[];
  /** Prices u (mentees) and v (mentors), in weight units: pairWeight(s_ij) <= u_i + v_j for every allowed pair. */
  readonly certificate: {
    readonly objective: MatchingResult["duals"]["objective"];
    readonly participationBonus: number;
    readonly mentees: Record<string, number>;
    readonly mentors: Record<string, number>;
  };
  readonly optimal: boolean;
  /** Upper bound on the weight lost against the optimum (0 when optimal). */
  readonly gap: number;
  readonly stats: {
    readonly mentees: number;
    readonly mentors: number;
    /** Pairs in the final candidate graph. */
    readonly candidatePairs: number;
    /** Allowed pairs of the whole programme (at or above the minimum score). */
    readonly allowedPairs: number;
    readonly pricingRounds: number;
    readonly certifiedAtOnce: number;
    readonly rescoredMentees: number;
    /** Score-descending greedy on the same candidate graph. */
    readonly greedy: { readonly matchedCount: number; readonly totalScore: number };
  };
}

/**
 * Maps a solved candidate graph back to ids; `reasonOf(i, mentorLoad)` names why mentee i is unmatched.
 *
 * Example: toMatchResult(graph, solved, ["e1"], ["m1"], ...) → { matches: [{ mentee: "e1", mentor: "m1", score: 8400 }], ... }
 */
export function toMatchResult(
  graph: CandidateGraph,
  solved: MatchingResult,
  menteeIds: readonly string[],
  mentorIds: readonly string[],
  greedy: GreedyOutcome,
  reasonOf: (i: number, mentorLoad: Int32Array) => string,
  extra: { optimal: boolean; gap: number; stats: Omit<MatchResult["stats"], "greedy" | "candidatePairs"> },
): MatchResult {
  const matches: MatchedPair[] = [];
  const menteeLoad = new Int32Array(graph.menteeCount);
  const mentorLoad = new Int32Array(graph.mentorCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (!solved.edgeChosen[e]) continue;
      matches.push({ mentee: menteeIds[i], mentor: mentorIds[graph.mentor[e]], score: graph.score[e] });
      menteeLoad[i]++;
      mentorLoad[graph.mentor[e]]++;
    }
  }
  const unmatched: MatchResult["unmatched"] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    if (menteeLoad[i] === 0) unmatched.push({ mentee: menteeIds[i], reason: reasonOf(i, mentorLoad) });
  }
  const { menteePrice, mentorPrice, objective, participationBonus } = solved.duals;
  const mentees: Record<string, number> = {};
  const mentors: Record<string, number> = {};
  menteeIds.forEach((id, i) => {
    mentees[id] = menteePrice[i];
  });
  mentorIds.forEach((id, j) => {
    mentors[id] = mentorPrice[j];
  });
  return {
    matches,
    matchedCount: solved.matchedCount,
    totalScore: solved.totalScore,
    unmatched,
    certificate: { objective, participationBonus, mentees, mentors },
    optimal: extra.optimal,
    gap: extra.gap,
    stats: {
      ...extra.stats,
      candidatePairs: graph.mentor.length,
      greedy: { matchedCount: greedy.matchedCount, totalScore: greedy.totalScore },
    },
  };
}
