import type { CandidateGraph, MatchingResult } from "../problem.ts";
import { pairWeight } from "../solver/pair-weight.ts";
import { mentorLoad } from "./mentor-load.ts";

/** One mentor suggested to a mentee choosing for themselves. */
export interface MentorRecommendation {
  readonly mentor: number;
  readonly score: number;
  /** True for the optimiser's own pick(s). */
  readonly isOptimiserPick: boolean;
  /** True when the mentor has no room left in the solved programme. */
  readonly isFull: boolean;
  /** At least what taking this mentor would cost the programme: u_i + v_j - w(s_ij) (0 for picks). */
  readonly programmeCost: number;
}

/**
 * Top-N mentors for one mentee (self-match): the optimiser's pick(s) from a solved result first,
 * then the other candidates by score (ties: lower mentor index).
 *
 * Example: candidates {mentor 3: 9000, mentor 5: 8000}, optimiser picked mentor 5 ->
 *   [{ mentor: 5, isOptimiserPick: true, ... }, { mentor: 3, score: 9000, programmeCost: ... }].
 */
export function recommendMentors(
  graph: CandidateGraph,
  result: MatchingResult,
  mentee: number,
  limit: number,
  load: Int32Array = mentorLoad(graph, result),
): MentorRecommendation[] {
  const { menteePrice: u, mentorPrice: v, objective, participationBonus } = result.duals;
  const rows: MentorRecommendation[] = [];
  for (let e = graph.rowStart[mentee]; e < graph.rowStart[mentee + 1]; e++) {
    const j = graph.mentor[e];
    const isOptimiserPick = result.edgeChosen[e] === 1;
    const weight = pairWeight(graph.score[e], objective, participationBonus);
    rows.push({
      mentor: j,
      score: graph.score[e],
      isOptimiserPick,
      isFull: load[j] >= graph.mentorCapacity[j],
      programmeCost: isOptimiserPick ? 0 : Math.max(0, u[mentee] + v[j] - weight),
    });
  }
  rows.sort(
    (a, b) =>
      Number(b.isOptimiserPick) - Number(a.isOptimiserPick) || b.score - a.score || a.mentor - b.mentor,
  );
  return rows.slice(0, Math.max(0, limit));
}
