import { describe, expect, it } from "vitest";
import { buildGraph } from "../solver/graph-fixtures.test-support.ts";
import { solveMatching } from "../solver/solve-matching.ts";
import { validateCandidateGraph } from "../solver/validate-graph.ts";
import { checkMatching } from "./check-matching.ts";

const codes = (list: { code: string }[]) => list.map((v) => v.code);

describe("checkMatching", () => {
  const graph = buildGraph(
    [1, 1],
    [1, 1],
    [
      [0, 0, 9000],
      [0, 1, 5000],
      [1, 0, 8000],
    ],
  );

  it("accepts the solver's result and certificate", () => {
    const result = solveMatching(graph, { objective: "score" });
    expect(checkMatching(graph, result.edgeChosen, { objective: "score", duals: result.duals })).toEqual([]);
  });

  it("mentor at capacity: two mentees on a mentor of capacity 1 is named", () => {
    expect(codes(checkMatching(graph, Uint8Array.from([1, 0, 1]), { objective: "score" }))).toEqual([
      "mentor_over_capacity",
    ]);
  });

  it("mentee over capacity, locked pair missing and below minScore are named", () => {
    const locked = buildGraph(
      [1],
      [1, 1],
      [
        [0, 0, 100, "locked"],
        [0, 1, 200],
      ],
    );
    expect(
      codes(checkMatching(locked, Uint8Array.from([0, 1]), { objective: "score", minScore: 300 })),
    ).toEqual(["locked_pair_missing", "below_min_score"]);
    expect(codes(checkMatching(locked, Uint8Array.from([1, 1]), { objective: "score" }))).toEqual([
      "mentee_over_capacity",
    ]);
  });

  it("a cheaper certificate is caught: dual infeasible", () => {
    const duals = {
      objective: "score" as const,
      participationBonus: 0,
      menteePrice: Float64Array.from([5000, 0]),
      mentorPrice: Float64Array.from([0, 0]),
    };
    const found = codes(checkMatching(graph, Uint8Array.from([0, 1, 1]), { objective: "score", duals }));
    expect(found).toEqual(["dual_infeasible"]);
  });

  it("complementary slackness: a price on a mentor with room is named", () => {
    const duals = {
      objective: "score" as const,
      participationBonus: 0,
      menteePrice: Float64Array.from([9000, 8000]),
      mentorPrice: Float64Array.from([0, 10]),
    };
    expect(codes(checkMatching(graph, Uint8Array.from([1, 0, 0]), { objective: "score", duals }))).toContain(
      "mentor_price_not_full",
    );
  });

  it("forEachPair: a pair outside the candidate graph that beats the prices is named", () => {
    const result = solveMatching(graph, { objective: "score" });
    const outside = checkMatching(graph, result.edgeChosen, {
      objective: "score",
      duals: result.duals,
      forEachPair: (visit) => {
        visit(0, 0, 9000);
        visit(1, 1, 9999);
      },
    });
    expect(outside).toEqual([{ code: "dual_infeasible", message: expect.stringContaining("pair (1, 1)") }]);
  });
});

describe("validateCandidateGraph", () => {
  it("names duplicate pairs, bad scores, bad mentors and over-locked capacity", () => {
    const graph = buildGraph(
      [1],
      [1, 1],
      [
        [0, 0, 10],
        [0, 0, 20],
        [0, 1, 20_000],
        [0, 5, 1],
      ],
    );
    expect(codes(validateCandidateGraph(graph))).toEqual([
      "duplicate_pair",
      "score_out_of_range",
      "mentor_out_of_range",
    ]);
    const overLocked = buildGraph(
      [1],
      [1, 1],
      [
        [0, 0, 10, "locked"],
        [0, 1, 10, "locked"],
      ],
    );
    expect(codes(validateCandidateGraph(overLocked))).toEqual(["locked_exceeds_capacity"]);
  });
});
