import type { CandidateGraph, MatchingResult } from "../problem.ts";

/** What stability costs against the optimum, in score and in people matched. */
export interface StabilityCost {
  readonly stableScore: number;
  readonly stableMatched: number;
  readonly optimalScore: number;
  readonly optimalMatched: number;
  /** optimalScore - stableScore (>= 0 under the "score" objective). */
  readonly scoreLost: number;
  /** scoreLost as a percentage of optimalScore (0 when the optimum is 0). */
  readonly percentLost: number;
}

/**
 * Compares a stable matching with a solved optimum on the same graph.
 * Example: stable total 15,000 against an optimum of 16,000 -> scoreLost 1000, percentLost 6.25.
 */
export function stabilityCost(
  graph: CandidateGraph,
  stableEdges: Uint8Array,
  optimum: MatchingResult,
): StabilityCost {
  let stableScore = 0;
  let stableMatched = 0;
  for (let e = 0; e < stableEdges.length; e++) {
    if (!stableEdges[e]) continue;
    stableScore += graph.score[e];
    stableMatched++;
  }
  const scoreLost = optimum.totalScore - stableScore;
  return {
    stableScore,
    stableMatched,
    optimalScore: optimum.totalScore,
    optimalMatched: optimum.matchedCount,
    scoreLost,
    percentLost: optimum.totalScore > 0 ? (100 * scoreLost) / optimum.totalScore : 0,
  };
}
