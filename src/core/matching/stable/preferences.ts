import type { CandidateGraph } from "../problem.ts";

/**
 * Both sides' rankings, per edge of the graph (lower = preferred). Ties are broken by the other
 * side's index, so rankings are strict.
 */
export interface StablePreferences {
  /** How mentee i ranks the mentor of edge e. */
  readonly menteeRank: Float64Array;
  /** How the mentor of edge e ranks mentee i. */
  readonly mentorRank: Float64Array;
}

/**
 * Rankings derived from the scores: both sides prefer higher scores.
 * Example: scores [9000, 7000] on mentee 0's edges -> menteeRank [-9000, -7000] (mentor of edge 0 first).
 */
export function preferencesFromScores(graph: CandidateGraph): StablePreferences {
  const menteeRank = new Float64Array(graph.score.length);
  for (let e = 0; e < graph.score.length; e++) menteeRank[e] = -graph.score[e];
  return { menteeRank, mentorRank: menteeRank };
}

/** True when the left candidate is preferred (lower rank, then lower index). */
export function isPreferred(rankA: number, indexA: number, rankB: number, indexB: number): boolean {
  return rankA < rankB || (rankA === rankB && indexA < indexB);
}
