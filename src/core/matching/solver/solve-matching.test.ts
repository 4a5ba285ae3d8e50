import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMatching } from "../checker/check-matching.ts";
import type { CandidateGraph, MatchingResult, MatchObjective } from "../problem.ts";
import { bruteForceOptimum, buildGraph, smallGraph } from "./graph-fixtures.test-support.ts";
import { InvalidCandidateGraphError, solveMatching } from "./solve-matching.ts";

function solveAndCheck(graph: CandidateGraph, objective: MatchObjective, minScore = 0): MatchingResult {
  const result = solveMatching(graph, { objective, minScore });
  expect(checkMatching(graph, result.edgeChosen, { objective, minScore, duals: result.duals })).toEqual([]);
  return result;
}

function pairsOf(graph: CandidateGraph, result: MatchingResult): string[] {
  const out: string[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++)
      if (result.edgeChosen[e]) out.push(`${i}-${graph.mentor[e]}`);
  }
  return out;
}

describe("solveMatching: named edge cases", () => {
  it("no feasible mentor: a mentee without candidates stays unmatched with price 0", () => {
    const graph = buildGraph([1, 1], [1], [[0, 0, 5000]]);
    const result = solveAndCheck(graph, "participation");
    expect(pairsOf(graph, result)).toEqual(["0-0"]);
    expect(result.duals.menteePrice[1]).toBe(0);
  });

  it("capacity 0 on either side: nobody is matched through it", () => {
    const graph = buildGraph(
      [0, 1],
      [1, 0],
      [
        [0, 0, 9000],
        [1, 1, 9000],
        [1, 0, 100],
      ],
    );
    expect(pairsOf(graph, solveAndCheck(graph, "score"))).toEqual(["1-0"]);
  });

  it("all ties: a full matching, chosen deterministically", () => {
    const graph = buildGraph(
      [1, 1, 1],
      [1, 1, 1],
      [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => [i, j, 5000] as const)),
    );
    const first = solveAndCheck(graph, "score");
    expect(first.matchedCount).toBe(3);
    expect(first.totalScore).toBe(15_000);
    expect(pairsOf(graph, solveMatching(graph, { objective: "score" }))).toEqual(pairsOf(graph, first));
  });

  it("duplicate pair input is rejected with a named problem", () => {
    const graph = buildGraph(
      [1],
      [1],
      [
        [0, 0, 10],
        [0, 0, 20],
      ],
    );
    expect(() => solveMatching(graph, { objective: "score" })).toThrow(InvalidCandidateGraphError);
    try {
      solveMatching(graph, { objective: "score" });
    } catch (error) {
      expect((error as InvalidCandidateGraphError).problems[0].code).toBe("duplicate_pair");
    }
  });

  it("one mentor wanted by everyone: the best-scoring mentee gets it", () => {
    const graph = buildGraph(
      [1, 1, 1, 1],
      [1],
      [
        [0, 0, 6000],
        [1, 0, 9000],
        [2, 0, 7000],
        [3, 0, 9000],
      ],
    );
    const result = solveAndCheck(graph, "score");
    expect(result.totalScore).toBe(9000);
    expect(result.matchedCount).toBe(1);
  });

  it("mentee with b_i > 1: takes two distinct mentors, never the same one twice", () => {
    const graph = buildGraph(
      [2, 1],
      [2, 1],
      [
        [0, 0, 9000],
        [0, 1, 8000],
        [1, 0, 1000],
      ],
    );
    const result = solveAndCheck(graph, "score");
    expect(pairsOf(graph, result)).toEqual(["0-0", "0-1", "1-0"]);
  });

  it("locked pairs are kept even when the optimum would drop them", () => {
    const graph = buildGraph(
      [1, 1],
      [1, 1],
      [
        [0, 0, 1000, "locked"],
        [0, 1, 9000],
        [1, 1, 2000],
      ],
    );
    const result = solveAndCheck(graph, "score");
    expect(pairsOf(graph, result)).toEqual(["0-0", "1-1"]);
    expect(result.totalScore).toBe(3000);
  });

  it("minScore: pairs below it are never chosen", () => {
    const graph = buildGraph(
      [1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [1, 1, 3000],
      ],
    );
    const result = solveAndCheck(graph, "participation", 5000);
    expect(pairsOf(graph, result)).toEqual(["0-0"]);
  });

  it("participation and score objectives differ on a crafted instance", () => {
    // Mentee 0 loves mentor 0 (9000) and tolerates mentor 1 (1000); mentee 1 only fits mentor 0 (5000).
    const graph = buildGraph(
      [1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [0, 1, 1000],
        [1, 0, 5000],
      ],
    );
    const byScore = solveAndCheck(graph, "score");
    const byParticipation = solveAndCheck(graph, "participation");
    expect(byScore.matchedCount).toBe(1);
    expect(byScore.totalScore).toBe(9000);
    expect(byParticipation.matchedCount).toBe(2);
    expect(byParticipation.totalScore).toBe(6000);
  });

  it("more mentor capacity than mentees and the reverse both solve (search side chosen by capacity)", () => {
    const pairs = [
      [0, 0, 8000],
      [0, 1, 7000],
      [1, 0, 9000],
      [2, 1, 3000],
    ] as const;
    expect(solveAndCheck(buildGraph([1, 1, 1], [5, 5], pairs), "score").totalScore).toBe(20_000);
    expect(solveAndCheck(buildGraph([1, 1, 1], [1, 1], pairs), "score").totalScore).toBe(16_000);
  });

  it("shouldStop: returns a feasible matching with a non-negative gap", () => {
    const pairs = Array.from({ length: 600 }, (_, i) => [i, i % 7, 1000 + ((i * 37) % 9000)] as const);
    // mentees of capacity 2 are left to the searches by the auction start, so the stop is reached
    const graph = buildGraph(
      Array.from({ length: 600 }, (_, i) => 1 + (i % 2)),
      Array(300).fill(3),
      pairs,
    );
    const result = solveMatching(graph, { objective: "score", shouldStop: () => true });
    expect(checkMatching(graph, result.edgeChosen, { objective: "score" })).toEqual([]);
    expect(result.optimal).toBe(false);
    expect(result.gap ?? -1).toBeGreaterThanOrEqual(0);
  });

  it("warm start after adding pairs reaches the same optimum as a cold start", () => {
    const before = buildGraph(
      [1, 1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [1, 0, 8000],
        [2, 1, 4000],
      ],
    );
    const first = solveMatching(before, { objective: "score" });
    const after = buildGraph(
      [1, 1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [1, 0, 8000],
        [1, 1, 7000],
        [2, 1, 4000],
      ],
    );
    const warm = solveMatching(after, { objective: "score", warmStart: first.duals });
    expect(checkMatching(after, warm.edgeChosen, { objective: "score", duals: warm.duals })).toEqual([]);
    expect(warm.totalScore).toBe(16_000);
  });
});

describe("solveMatching: properties", () => {
  for (const objective of ["score", "participation"] as const) {
    it(`${objective}: feasible, certified, and equal to brute force on small instances`, () => {
      fc.assert(
        fc.property(smallGraph, fc.integer({ min: 0, max: 6000 }), (graph, minScore) => {
          const result = solveMatching(graph, { objective, minScore });
          const violations = checkMatching(graph, result.edgeChosen, {
            objective,
            minScore,
            duals: result.duals,
          });
          expect(violations).toEqual([]);
          const best = bruteForceOptimum(graph, objective, minScore);
          expect(result.totalScore).toBe(best.score);
          if (objective === "participation") expect(result.matchedCount).toBe(best.count);
        }),
        { numRuns: 400 },
      );
    });

    it(`${objective}: warm start from another instance's prices is still optimal`, () => {
      fc.assert(
        fc.property(smallGraph, smallGraph, (graph, other) => {
          if (other.menteeCount !== graph.menteeCount || other.mentorCount !== graph.mentorCount) return;
          const previous = solveMatching(other, { objective }).duals;
          const duals = {
            ...previous,
            participationBonus:
              objective === "participation"
                ? solveMatching(graph, { objective }).duals.participationBonus
                : 0,
          };
          const result = solveMatching(graph, { objective, warmStart: duals });
          expect(checkMatching(graph, result.edgeChosen, { objective, duals: result.duals })).toEqual([]);
          expect(result.totalScore).toBe(bruteForceOptimum(graph, objective).score);
        }),
        { numRuns: 300 },
      );
    });
  }
});
