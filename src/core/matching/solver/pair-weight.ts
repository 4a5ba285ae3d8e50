import type { CandidateGraph, MatchObjective } from "../problem.ts";
import { MAX_PAIR_SCORE } from "../problem.ts";

/**
 * The bonus P added to every pair's score under the "participation" objective, so that maximising
 * the total weight sum(P + s) maximises first the number of pairs and then their total score.
 *
 * Bound: let K = min(sum b_i, sum c_j) (capacities of the whole problem, not of the candidate graph,
 * so the same P is valid for pairs outside the graph). A matching A with one more pair than B gains
 * at least P and loses at most the score of B, which is <= MAX_PAIR_SCORE * (K - 1). So
 * P = MAX_PAIR_SCORE * K + 1 makes the order lexicographic. All weights, prices and sums stay exact
 * integers in float64 while K * (P + MAX_PAIR_SCORE) < 2^53, i.e. K <= 900,000 pairs.
 *
 * Example: 3 mentees of capacity 1, mentors of capacities [2, 5] -> K = 3, P = 30,001.
 */
export function participationBonus(graph: CandidateGraph): number {
  let menteeTotal = 0;
  for (let i = 0; i < graph.menteeCount; i++) menteeTotal += Math.max(0, graph.menteeCapacity[i]);
  let mentorTotal = 0;
  for (let j = 0; j < graph.mentorCount; j++) mentorTotal += Math.max(0, graph.mentorCapacity[j]);
  const k = Math.max(1, Math.min(menteeTotal, mentorTotal));
  if (k > MAX_EXACT_PAIRS) {
    throw new RangeError(`participation objective is exact for at most ${MAX_EXACT_PAIRS} pairs, got ${k}`);
  }
  return MAX_PAIR_SCORE * k + 1;
}

/** The largest pair count for which participation weights stay exact in float64. */
export const MAX_EXACT_PAIRS = 900_000;

/**
 * The weight the solver maximises for a pair of this score: the score itself under "score", and
 * bonus + score under "participation" (bonus = duals.participationBonus of a solved result).
 * A pair (i, j) outside the candidate graph cannot improve the solution iff
 * pairWeight(s_ij, objective, bonus) <= menteePrice[i] + mentorPrice[j].
 *
 * Example: pairWeight(8400, "score", 0) === 8400; pairWeight(8400, "participation", 30001) === 38401.
 */
export function pairWeight(score: number, objective: MatchObjective, bonus: number): number {
  return objective === "participation" ? bonus + score : score;
}
