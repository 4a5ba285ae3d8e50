import { describe, expect, it } from "vitest";
import { buildGraph } from "../solver/graph-fixtures.test-support.ts";
import { solveMatching } from "../solver/solve-matching.ts";
import { explainMentor } from "./explain-mentor.ts";
import { recommendMentors } from "./recommend-mentors.ts";

// Mentee 0 prefers mentor 0, but mentee 1 needs mentor 0 more; mentor 2 is not a candidate of mentee 0.
const graph = buildGraph(
  [1, 1],
  [1, 1, 1],
  [
    [0, 0, 9000],
    [0, 1, 8500],
    [1, 0, 9500],
    [1, 2, 1000],
  ],
);
const result = solveMatching(graph, { objective: "score" });

describe("recommendMentors", () => {
  it("puts the optimiser's pick first, then the others by score", () => {
    const list = recommendMentors(graph, result, 0, 5);
    expect(list.map((r) => [r.mentor, r.isOptimiserPick])).toEqual([
      [1, true],
      [0, false],
    ]);
    expect(list[1].isFull).toBe(true);
    expect(recommendMentors(graph, result, 0, 1)).toHaveLength(1);
  });
});

describe("explainMentor", () => {
  it("mentor at capacity: names the price and what taking it would cost the programme", () => {
    const why = explainMentor(graph, result, 0, 0);
    expect(why.kind).toBe("not_chosen");
    if (why.kind !== "not_chosen") return;
    expect(why.isFull).toBe(true);
    // Optimum 8500 + 9500 = 18000; forcing (0, 0) gives 9000 + 0 (mentee 1 falls back to 1000) = 10000.
    expect(why.programmeCost).toBeGreaterThanOrEqual(0);
    expect(why.programmeCost).toBeLessThanOrEqual(18_000 - 10_000);
  });

  it("the optimiser's pick and a mentor outside the candidates are named", () => {
    expect(explainMentor(graph, result, 0, 1).kind).toBe("chosen");
    expect(explainMentor(graph, result, 0, 2).kind).toBe("not_a_candidate");
  });
});
