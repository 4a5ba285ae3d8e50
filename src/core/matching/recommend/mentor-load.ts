import type { CandidateGraph, MatchingResult } from "../problem.ts";

/**
 * How many mentees each mentor holds in a solved result (locked pairs included).
 * Example: chosen edges (0 -> mentor 1), (1 -> mentor 1) -> [0, 2].
 */
export function mentorLoad(graph: CandidateGraph, result: MatchingResult): Int32Array {
  const load = new Int32Array(graph.mentorCount);
  for (let e = 0; e < graph.mentor.length; e++) if (result.edgeChosen[e]) load[graph.mentor[e]]++;
  return load;
}
