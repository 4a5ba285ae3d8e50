import type { CandidateGraph } from "../problem.ts";

export interface GreedyOutcome {
  readonly matchedCount: number;
  readonly totalScore: number;
  readonly edgeChosen: Uint8Array;
}

/**
 * The baseline most tools use: take pairs in descending score order (ties: lower mentee, then
 * lower mentor index) while both sides have room. Used to show what exact matching gains.
 *
 * Example: mentee 0 scores 9000 with mentor 0 and 8000 with mentor 1, mentee 1 scores 8500 with
 *   mentor 0 only, capacities 1: greedy takes (0,0) and leaves mentee 1 unmatched (9000, 1 pair),
 *   while the optimum takes (0,1) and (1,0) (16,500, 2 pairs).
 */
export function greedyMatching(graph: CandidateGraph, minScore = 0): GreedyOutcome {
  const edgeCount = graph.mentor.length;
  const edgeMentee = new Int32Array(edgeCount);
  for (let i = 0; i < graph.menteeCount; i++) edgeMentee.fill(i, graph.rowStart[i], graph.rowStart[i + 1]);
  const order = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) order[e] = e;
  // CSR order is by mentee then mentor, so sorting by score alone with index as tie-break is stable
  order.sort((a, b) => graph.score[b] - graph.score[a] || a - b);
  const menteeRoom = Int32Array.from(graph.menteeCapacity);
  const mentorRoom = Int32Array.from(graph.mentorCapacity);
  const edgeChosen = new Uint8Array(edgeCount);
  let matchedCount = 0;
  let totalScore = 0;
  for (const e of order) {
    if (graph.score[e] < minScore) break;
    const i = edgeMentee[e];
    const j = graph.mentor[e];
    if (menteeRoom[i] > 0 && mentorRoom[j] > 0) {
      menteeRoom[i]--;
      mentorRoom[j]--;
      edgeChosen[e] = 1;
      matchedCount++;
      totalScore += graph.score[e];
    }
  }
  return { matchedCount, totalScore, edgeChosen };
}
