/** Bounds used while certifying: the reserve of candidates beyond K, and the gap when stopped early. */
import type { CandidateGraph, MatchingResult } from "../problem.ts";
import type { TopKBlock } from "./top-k.ts";

export interface Reserve {
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  readonly count: Int32Array;
}

/**
 * Candidates K+1 .. K+R of each mentee (mentor -1 once moved into the graph).
 *
 * Example: with top-K blocks of 3K entries per row, reserveOf(blocks, n, K, 2K) holds entries K..3K-1.
 */
export function reserveOf(blocks: readonly TopKBlock[], n: number, k: number, size: number): Reserve {
  const mentor = new Int32Array(n * size).fill(-1);
  const score = new Int32Array(n * size);
  const count = new Int32Array(n);
  for (const block of blocks) {
    for (let r = 0; r < block.to - block.from; r++) {
      const i = block.from + r;
      count[i] = Math.max(0, block.count[r] - k);
      for (let x = 0; x < count[i]; x++) {
        mentor[i * size + x] = block.mentor[r * block.k + k + x];
        score[i * size + x] = block.score[r * block.k + k + x];
      }
    }
  }
  return { mentor, score, count };
}

/**
 * Best score outside the graph per mentee: the bound after the reserve, or a reserve pair left out.
 *
 * Example: next best 6000 and a reserve pair of 7000 not yet in the graph → 7000.
 */
export function boundOutside(nextBest: Int32Array, reserve: Reserve, size: number): Int32Array {
  return nextBest.map((best, i) => {
    let bound = best;
    for (let r = i * size; r < i * size + reserve.count[i]; r++) {
      if (reserve.mentor[r] >= 0) bound = Math.max(bound, reserve.score[r]);
    }
    return bound;
  });
}

/**
 * Optimality gap over all pairs when stopped early: raise each u_i to cover its best pair outside
 * the graph (a feasible dual, as v_j >= 0), take the dual objective, subtract the matching's weight.
 *
 * Example: all mentees certified (bound <= u_i) and a tight matching → 0.
 */
export function gapOf(
  graph: CandidateGraph,
  result: MatchingResult,
  weights: Float64Array,
  nextBest: Int32Array,
): number {
  const { menteePrice: u, mentorPrice: v } = result.duals;
  let dual = 0;
  let primal = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    const cover = nextBest[i] >= 0 ? weights[nextBest[i]] : 0;
    dual += graph.menteeCapacity[i] * Math.max(u[i], cover);
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (!result.edgeChosen[e]) continue;
      const w = weights[graph.score[e]];
      primal += w;
      dual += Math.max(0, w - u[i] - v[graph.mentor[e]]);
    }
  }
  for (let j = 0; j < graph.mentorCount; j++) dual += graph.mentorCapacity[j] * v[j];
  return Math.max(0, dual - primal);
}
