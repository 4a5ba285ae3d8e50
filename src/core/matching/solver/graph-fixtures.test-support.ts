import fc from "fast-check";
import type { CandidateGraph } from "../problem.ts";

/** A pair list written by hand: [mentee, mentor, score] or [mentee, mentor, score, "locked"]. */
export type PairRow = readonly [number, number, number] | readonly [number, number, number, "locked"];

/** Builds a CandidateGraph from capacities and a pair list (sorted by mentee, order kept within). */
export function buildGraph(
  menteeCapacity: number[],
  mentorCapacity: number[],
  pairs: readonly PairRow[],
): CandidateGraph {
  const n = menteeCapacity.length;
  const sorted = pairs.map((p, at) => ({ p, at })).sort((a, b) => a.p[0] - b.p[0] || a.at - b.at);
  const rowStart = new Int32Array(n + 1);
  for (const { p } of sorted) rowStart[p[0] + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const hasLocked = pairs.some((p) => p[3] === "locked");
  return {
    menteeCount: n,
    mentorCount: mentorCapacity.length,
    menteeCapacity: Int32Array.from(menteeCapacity),
    mentorCapacity: Int32Array.from(mentorCapacity),
    rowStart,
    mentor: Int32Array.from(sorted.map(({ p }) => p[1])),
    score: Int32Array.from(sorted.map(({ p }) => p[2])),
    locked: hasLocked ? Uint8Array.from(sorted.map(({ p }) => (p[3] === "locked" ? 1 : 0))) : undefined,
  };
}

/** Small random graphs (<= 6 mentees x 5 mentors, capacities <= 3), with ties and optional locks. */
export const smallGraph = fc
  .record({
    menteeCapacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
    mentorCapacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    cells: fc.array(
      fc.tuple(
        fc.boolean(),
        fc.oneof(
          fc.integer({ min: 0, max: 10 }).map((x) => x * 1000),
          fc.integer({ min: 0, max: 10_000 }),
        ),
        fc.integer({ min: 0, max: 9 }),
      ),
      { minLength: 30, maxLength: 30 },
    ),
  })
  .map(({ menteeCapacity, mentorCapacity, cells }) => {
    const pairs: PairRow[] = [];
    const lockedMentee = menteeCapacity.map(() => 0);
    const lockedMentor = mentorCapacity.map(() => 0);
    for (let i = 0; i < menteeCapacity.length; i++) {
      for (let j = 0; j < mentorCapacity.length; j++) {
        const [present, score, lockRoll] = cells[i * 5 + j];
        if (!present) continue;
        const canLock = lockedMentee[i] < menteeCapacity[i] && lockedMentor[j] < mentorCapacity[j];
        if (lockRoll === 0 && canLock) {
          lockedMentee[i]++;
          lockedMentor[j]++;
          pairs.push([i, j, score, "locked"]);
        } else pairs.push([i, j, score]);
      }
    }
    return buildGraph(menteeCapacity, mentorCapacity, pairs);
  });

/**
 * The best (matched count, total score) by exhaustive search with memo over the mentors' remaining
 * capacities: lexicographic under "participation", total score only under "score".
 */
export function bruteForceOptimum(
  graph: CandidateGraph,
  objective: "participation" | "score",
  minScore = 0,
): { count: number; score: number } {
  const m = graph.mentorCount;
  const memo = new Map<string, { count: number; score: number }>();
  const better = (a: { count: number; score: number }, b: { count: number; score: number }) =>
    objective === "participation"
      ? a.count > b.count || (a.count === b.count && a.score > b.score)
      : a.score > b.score;
  const solve = (i: number, room: number[]): { count: number; score: number } => {
    if (i === graph.menteeCount) return { count: 0, score: 0 };
    const key = `${i}:${room.join(",")}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const edges: number[] = [];
    const forced: number[] = [];
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (graph.locked?.[e]) forced.push(e);
      else if (graph.score[e] >= minScore) edges.push(e);
    }
    let best = { count: -1, score: -1 };
    for (let mask = 0; mask < 1 << edges.length; mask++) {
      const take = [...forced, ...edges.filter((_, at) => mask & (1 << at))];
      if (take.length > graph.menteeCapacity[i]) continue;
      const next = room.slice();
      let ok = true;
      let score = 0;
      for (const e of take) {
        if (--next[graph.mentor[e]] < 0) ok = false;
        score += graph.score[e];
      }
      if (!ok) continue;
      const rest = solve(i + 1, next);
      if (rest.count < 0) continue;
      const total = { count: rest.count + take.length, score: rest.score + score };
      if (best.count < 0 || better(total, best)) best = total;
    }
    memo.set(key, best);
    return best;
  };
  return solve(
    0,
    Array.from({ length: m }, (_, j) => graph.mentorCapacity[j]),
  );
}
