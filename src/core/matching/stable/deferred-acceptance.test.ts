import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMatching } from "../checker/check-matching.ts";
import { buildGraph, smallGraph } from "../solver/graph-fixtures.test-support.ts";
import { solveMatching } from "../solver/solve-matching.ts";
import { findBlockingPairs } from "./blocking-pairs.ts";
import { deferredAcceptance } from "./deferred-acceptance.ts";
import { preferencesFromScores, type StablePreferences } from "./preferences.ts";
import { stabilityCost } from "./stability-cost.ts";

describe("deferredAcceptance", () => {
  it("one mentor wanted by everyone: the mentor's favourite keeps it, the others move on", () => {
    const graph = buildGraph(
      [1, 1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [0, 1, 8000],
        [1, 0, 9500],
        [2, 0, 3000],
      ],
    );
    const stable = deferredAcceptance(graph, preferencesFromScores(graph));
    expect(Array.from(stable)).toEqual([0, 1, 1, 0]);
    expect(findBlockingPairs(graph, stable, preferencesFromScores(graph))).toEqual([]);
  });

  it("explicit preferences differ from scores, and a blocking pair is reported for a bad matching", () => {
    const graph = buildGraph(
      [1, 1],
      [1, 1],
      [
        [0, 0, 5000],
        [0, 1, 5000],
        [1, 0, 5000],
        [1, 1, 5000],
      ],
    );
    // Mentee 0 prefers mentor 1, mentee 1 prefers mentor 0; mentors agree.
    const prefs: StablePreferences = {
      menteeRank: Float64Array.from([2, 1, 1, 2]),
      mentorRank: Float64Array.from([2, 1, 1, 2]),
    };
    expect(Array.from(deferredAcceptance(graph, prefs))).toEqual([0, 1, 1, 0]);
    expect(
      findBlockingPairs(graph, Uint8Array.from([1, 0, 0, 1]), prefs).map((p) => [p.mentee, p.mentor]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("capacities and locked pairs: a locked pair is kept and uses the mentor's capacity", () => {
    const graph = buildGraph(
      [1, 2],
      [2, 1],
      [
        [0, 0, 1000, "locked"],
        [1, 0, 9000],
        [1, 1, 8000],
      ],
    );
    const stable = deferredAcceptance(graph, preferencesFromScores(graph));
    expect(Array.from(stable)).toEqual([1, 1, 1]);
  });

  it("reports the score stability costs against the optimum", () => {
    const graph = buildGraph(
      [1, 1],
      [1, 1],
      [
        [0, 0, 9000],
        [0, 1, 8900],
        [1, 0, 9500],
      ],
    );
    const stable = deferredAcceptance(graph, preferencesFromScores(graph));
    const cost = stabilityCost(graph, stable, solveMatching(graph, { objective: "score" }));
    expect(cost).toMatchObject({ stableScore: 18_400, optimalScore: 18_400, scoreLost: 0 });
  });

  it("property: stable (no blocking pair), feasible, and never above the optimum", () => {
    fc.assert(
      fc.property(smallGraph, fc.integer({ min: 0, max: 5000 }), (graph, minScore) => {
        const prefs = preferencesFromScores(graph);
        const stable = deferredAcceptance(graph, prefs, minScore);
        expect(findBlockingPairs(graph, stable, prefs, minScore)).toEqual([]);
        expect(checkMatching(graph, stable, { objective: "score", minScore })).toEqual([]);
        const cost = stabilityCost(graph, stable, solveMatching(graph, { objective: "score", minScore }));
        expect(cost.scoreLost).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
