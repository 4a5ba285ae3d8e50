import type { CandidateGraph, MatchingResult } from "../problem.ts";
import { pairWeight } from "../solver/pair-weight.ts";
import { mentorLoad } from "./mentor-load.ts";

/** Why mentor X is, or is not, the optimiser's choice for a mentee. */
export type MentorExplanation =
  | { readonly kind: "chosen"; readonly mentor: number }
  | { readonly kind: "not_a_candidate"; readonly mentor: number }
  | {
      readonly kind: "not_chosen";
      readonly mentor: number;
      readonly score: number;
      /** The mentor has no room left (v_X > 0 implies this). */
      readonly isFull: boolean;
      /** The mentor's price v_X: what one more place with this mentor is worth to the programme. */
      readonly mentorPrice: number;
      /**
       * Reduced cost Δ = (u_i + v_X) - w(s_iX) >= 0: a lower bound on how much the programme's total (in weight units:
       * score, or P + score under "participation") would fall if this pair were forced in.
       */
      readonly programmeCost: number;
    };

/**
 * Explains "why not mentor X" from the prices of a solved result.
 *
 * Example: mentee 0 (u_0 = 1000) got mentor 1; mentor 2 is full (v_2 = 8500) and scores 9000 for
 * mentee 0 -> { kind: "not_chosen", isFull: true, mentorPrice: 8500, programmeCost: 500 }: taking
 * mentor 2 would lower the programme's total by at least 500.
 */
export function explainMentor(
  graph: CandidateGraph,
  result: MatchingResult,
  mentee: number,
  mentor: number,
  load: Int32Array = mentorLoad(graph, result),
): MentorExplanation {
  for (let e = graph.rowStart[mentee]; e < graph.rowStart[mentee + 1]; e++) {
    if (graph.mentor[e] !== mentor) continue;
    if (result.edgeChosen[e]) return { kind: "chosen", mentor };
    const { menteePrice: u, mentorPrice: v, objective, participationBonus } = result.duals;
    const weight = pairWeight(graph.score[e], objective, participationBonus);
    return {
      kind: "not_chosen",
      mentor,
      score: graph.score[e],
      isFull: v[mentor] > 0 || load[mentor] >= graph.mentorCapacity[mentor],
      mentorPrice: v[mentor],
      programmeCost: u[mentee] + v[mentor] - weight,
    };
  }
  return { kind: "not_a_candidate", mentor };
}
