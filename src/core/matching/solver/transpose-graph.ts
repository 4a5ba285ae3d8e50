import type { CandidateGraph } from "../problem.ts";

/** A graph with the roles of mentees and mentors swapped, and where each edge came from. */
export interface TransposedGraph {
  readonly graph: CandidateGraph;
  /** originalEdge[t] = index in the original graph of edge t of the transposed graph. */
  readonly originalEdge: Int32Array;
}

/**
 * Swaps the two sides: mentors become the rows of the CSR (stable order: within a mentor, its
 * mentees in ascending order). Used to run the searches from the side with the smaller total
 * capacity, whose searches mostly succeed.
 *
 * Example: rows {0: [mentor 1], 1: [mentor 0, mentor 1]} -> rows {0: [mentee 1], 1: [mentee 0, mentee 1]},
 * originalEdge = [1, 0, 2].
 */
export function transposeGraph(graph: CandidateGraph): TransposedGraph {
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const edgeCount = mentor.length;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < edgeCount; e++) start[mentor[e] + 1]++;
  for (let j = 0; j < m; j++) start[j + 1] += start[j];
  const fill = start.slice(0, m);
  const originalEdge = new Int32Array(edgeCount);
  const otherSide = new Int32Array(edgeCount);
  const transposedScore = new Int32Array(edgeCount);
  const transposedLocked = locked ? new Uint8Array(edgeCount) : undefined;
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const t = fill[mentor[e]]++;
      originalEdge[t] = e;
      otherSide[t] = i;
      transposedScore[t] = score[e];
      if (transposedLocked && locked) transposedLocked[t] = locked[e];
    }
  }
  return {
    graph: {
      menteeCount: m,
      mentorCount: n,
      menteeCapacity: graph.mentorCapacity,
      mentorCapacity: graph.menteeCapacity,
      rowStart: start,
      mentor: otherSide,
      score: transposedScore,
      locked: transposedLocked,
    },
    originalEdge,
  };
}
