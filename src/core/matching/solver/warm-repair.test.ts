import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMatching } from "../checker/check-matching.ts";
import type { CandidateGraph, MatchObjective } from "../problem.ts";
import { bruteForceOptimum, smallGraph } from "./graph-fixtures.test-support.ts";
import { matchingPairs, solveMatching } from "./solve-matching.ts";

/** The subgraph keeping locked edges and the edges whose mask bit is false (same mentees and mentors). */
function withoutEdges(graph: CandidateGraph, drop: (e: number) => boolean): CandidateGraph {
  const rowStart = new Int32Array(graph.menteeCount + 1);
  const keep: number[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++)
      if (graph.locked?.[e] || !drop(e)) keep.push(e);
    rowStart[i + 1] = keep.length;
  }
  return {
    ...graph,
    rowStart,
    mentor: Int32Array.from(keep, (e) => graph.mentor[e]),
    score: Int32Array.from(keep, (e) => graph.score[e]),
    locked: graph.locked ? Uint8Array.from(keep, (e) => graph.locked?.[e] ?? 0) : undefined,
  };
}

/** A medium random graph (up to 40 x 12, capacities up to 4, scores with many ties) from a seed. */
const mediumGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    m: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    density: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  })
  .map(({ n, m, seed, density }) => {
    let x = seed;
    const next = () => {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      return x / 2 ** 31;
    };
    const menteeCapacity = Int32Array.from({ length: n }, () => (next() < 0.2 ? 2 : 1));
    const mentorCapacity = Int32Array.from({ length: m }, () => Math.floor(next() * 5));
    const rowStart = new Int32Array(n + 1);
    const mentor: number[] = [];
    const score: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        if (next() >= density) continue;
        mentor.push(j);
        score.push(next() < 0.5 ? Math.floor(next() * 11) * 1000 : Math.floor(next() * 10_001));
      }
      rowStart[i + 1] = mentor.length;
    }
    const graph: CandidateGraph = {
      menteeCount: n,
      mentorCount: m,
      menteeCapacity,
      mentorCapacity,
      rowStart,
      mentor: Int32Array.from(mentor),
      score: Int32Array.from(score),
    };
    return graph;
  });

function expectWarmEqualsCold(
  before: CandidateGraph,
  after: CandidateGraph,
  objective: MatchObjective,
  minScore: number,
): void {
  const first = solveMatching(before, { objective, minScore });
  const warm = solveMatching(after, {
    objective,
    minScore,
    warmStart: first.duals,
    warmMatching: matchingPairs(before, first),
  });
  const cold = solveMatching(after, { objective, minScore });
  expect(checkMatching(after, warm.edgeChosen, { objective, minScore, duals: warm.duals })).toEqual([]);
  expect(warm.optimal).toBe(true);
  expect(warm.totalScore).toBe(cold.totalScore);
  // under "score", pairs of score 0 may or may not be taken at equal total
  if (objective === "participation") expect(warm.matchedCount).toBe(cold.matchedCount);
}

describe("warm re-solve keeping the matching (warmRepair)", () => {
  it("a new edge that beats the prices frees its mentee's pair and the search rebuilds the optimum", () => {
    // mentee 0 - mentor 0 (9000) solved alone; then mentee 1 - mentor 0 (9500) and mentee 0 - mentor 1 (8000) arrive
    const before: CandidateGraph = {
      menteeCount: 2,
      mentorCount: 2,
      menteeCapacity: Int32Array.of(1, 1),
      mentorCapacity: Int32Array.of(1, 1),
      rowStart: Int32Array.of(0, 1, 1),
      mentor: Int32Array.of(0),
      score: Int32Array.of(9000),
    };
    const after = {
      ...before,
      rowStart: Int32Array.of(0, 2, 3),
      mentor: Int32Array.of(0, 1, 0),
      score: Int32Array.of(9000, 8000, 9500),
    };
    expectWarmEqualsCold(before, after, "score", 0);
    const first = solveMatching(before, { objective: "score" });
    const warm = solveMatching(after, {
      objective: "score",
      warmStart: first.duals,
      warmMatching: matchingPairs(before, first),
    });
    expect(warm.totalScore).toBe(17_500);
  });

  for (const objective of ["score", "participation"] as const) {
    it(`${objective}: warm re-solve after adding random edges equals a cold solve and brute force, and verifies`, () => {
      fc.assert(
        fc.property(
          smallGraph,
          fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
          fc.integer({ min: 0, max: 6000 }),
          (graph, mask, minScore) => {
            const before = withoutEdges(graph, (e) => mask[e % 30]);
            expectWarmEqualsCold(before, graph, objective, minScore);
            const first = solveMatching(before, { objective, minScore });
            const warm = solveMatching(graph, {
              objective,
              minScore,
              warmStart: first.duals,
              warmMatching: matchingPairs(before, first),
            });
            const best = bruteForceOptimum(graph, objective, minScore);
            expect(warm.totalScore).toBe(best.score);
            if (objective === "participation") expect(warm.matchedCount).toBe(best.count);
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${objective}: several pricing-like rounds on medium graphs stay equal to a cold solve`, () => {
      fc.assert(
        fc.property(mediumGraph, fc.integer({ min: 0, max: 2 ** 30 }), (graph, salt) => {
          const rank = (e: number) => ((e + 1) * 2_654_435_761 + salt) % 97;
          const stages = [60, 85, 97].map((cut) => withoutEdges(graph, (e) => rank(e) >= cut));
          let previous = stages[0];
          let result = solveMatching(previous, { objective });
          for (const next of stages.slice(1)) {
            const warm = solveMatching(next, {
              objective,
              warmStart: result.duals,
              warmMatching: matchingPairs(previous, result),
            });
            const cold = solveMatching(next, { objective });
            expect(checkMatching(next, warm.edgeChosen, { objective, duals: warm.duals })).toEqual([]);
            expect(warm.totalScore).toBe(cold.totalScore);
            if (objective === "participation") expect(warm.matchedCount).toBe(cold.matchedCount);
            previous = next;
            result = warm;
          }
        }),
        { numRuns: 200 },
      );
    });

    it(`${objective}: the auction start gives the optimum of plain searches from zero prices (medium graphs)`, () => {
      fc.assert(
        fc.property(mediumGraph, fc.integer({ min: 0, max: 4000 }), (graph, minScore) => {
          const cold = solveMatching(graph, { objective, minScore });
          const bonus = cold.duals.participationBonus;
          const plain = solveMatching(graph, {
            objective,
            minScore,
            warmStart: {
              objective,
              participationBonus: bonus,
              menteePrice: new Float64Array(graph.menteeCount),
              mentorPrice: new Float64Array(graph.mentorCount),
            },
            warmMatching: { mentee: new Int32Array(0), mentor: new Int32Array(0) },
          });
          expect(checkMatching(graph, cold.edgeChosen, { objective, minScore, duals: cold.duals })).toEqual(
            [],
          );
          expect(cold.totalScore).toBe(plain.totalScore);
          if (objective === "participation") expect(cold.matchedCount).toBe(plain.matchedCount);
        }),
        { numRuns: 300 },
      );
    });

    it(`${objective}: a warm start from another instance's prices and pairs is still optimal`, () => {
      fc.assert(
        fc.property(smallGraph, smallGraph, (graph, other) => {
          if (other.menteeCount !== graph.menteeCount || other.mentorCount !== graph.mentorCount) return;
          const previous = solveMatching(other, { objective });
          const bonus =
            objective === "participation" ? solveMatching(graph, { objective }).duals.participationBonus : 0;
          const result = solveMatching(graph, {
            objective,
            warmStart: { ...previous.duals, participationBonus: bonus },
            warmMatching: matchingPairs(other, previous),
          });
          expect(checkMatching(graph, result.edgeChosen, { objective, duals: result.duals })).toEqual([]);
          expect(result.totalScore).toBe(bruteForceOptimum(graph, objective).score);
        }),
        { numRuns: 300 },
      );
    });
  }
});
