/** Building and growing the sparse CandidateGraph (CSR by mentee) from kernel output. */
import type { CandidateGraph } from "../problem.ts";
import type { PreparedProgramme } from "../scoring/prepared.ts";
import type { TopKBlock } from "./top-k.ts";

/**
 * The candidate graph of top-K blocks covering every mentee in order, keeping each row's best
 * `keep`; within a mentee, edges are sorted by mentor index so the graph (and the solve) is deterministic.
 *
 * Example: blocks of mentees 0..99 and 100..199 with K = 24 give at most 200 · 24 edges.
 */
export function graphFromTopK(
  prepared: PreparedProgramme,
  blocks: readonly TopKBlock[],
  keep = Number.POSITIVE_INFINITY,
): CandidateGraph {
  const n = prepared.menteeIds.length;
  const rowStart = new Int32Array(n + 1);
  for (const block of blocks)
    for (let r = 0; r < block.to - block.from; r++)
      rowStart[block.from + r + 1] = Math.min(keep, block.count[r]);
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const mentor = new Int32Array(rowStart[n]);
  const score = new Int32Array(rowStart[n]);
  for (const block of blocks) {
    for (let r = 0; r < block.to - block.from; r++) {
      const base = r * block.k;
      const order = Array.from({ length: Math.min(keep, block.count[r]) }, (_, x) => x).sort(
        (a, b) => block.mentor[base + a] - block.mentor[base + b],
      );
      let at = rowStart[block.from + r];
      for (const x of order) {
        mentor[at] = block.mentor[base + x];
        score[at++] = block.score[base + x];
      }
    }
  }
  return {
    menteeCount: n,
    mentorCount: prepared.mentorIds.length,
    menteeCapacity: prepared.menteeCapacity,
    mentorCapacity: prepared.mentorCapacity,
    rowStart,
    mentor,
    score,
  };
}

/**
 * A new graph with extra pairs merged in (each mentee's edges kept sorted by mentor index).
 * Pairs must not already be in the graph.
 *
 * Example: addPairs(graph, Int32Array.of(3), Int32Array.of(7), Int32Array.of(9100)) adds mentee 3 - mentor 7.
 */
export function addPairs(
  graph: CandidateGraph,
  pairMentee: Int32Array,
  pairMentor: Int32Array,
  pairScore: Int32Array,
): CandidateGraph {
  const n = graph.menteeCount;
  const extra = new Int32Array(n + 1);
  for (const i of pairMentee) extra[i + 1]++;
  for (let i = 0; i < n; i++) extra[i + 1] += extra[i];
  const fill = extra.slice(0, n);
  const byMentee = new Int32Array(pairMentee.length);
  pairMentee.forEach((i, p) => {
    byMentee[fill[i]++] = p;
  });
  const rowStart = new Int32Array(n + 1);
  const total = graph.mentor.length + pairMentee.length;
  const mentor = new Int32Array(total);
  const score = new Int32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const added = Array.from(byMentee.subarray(extra[i], extra[i + 1])).sort(
      (a, b) => pairMentor[a] - pairMentor[b],
    );
    let e = graph.rowStart[i];
    const end = graph.rowStart[i + 1];
    let x = 0;
    while (e < end || x < added.length) {
      if (x >= added.length || (e < end && graph.mentor[e] < pairMentor[added[x]])) {
        mentor[at] = graph.mentor[e];
        score[at++] = graph.score[e++];
      } else {
        mentor[at] = pairMentor[added[x]];
        score[at++] = pairScore[added[x++]];
      }
    }
    rowStart[i + 1] = at;
  }
  return { ...graph, rowStart, mentor, score };
}
