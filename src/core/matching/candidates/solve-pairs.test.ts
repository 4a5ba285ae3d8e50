import { describe, expect, it } from "vitest";
import { solvePairs } from "./solve-pairs.ts";

describe("solving over given pairs", () => {
  it("beats greedy: greedy takes the best pair and strands a mentee", () => {
    const result = solvePairs(
      {
        mentees: [{ id: "e1" }, { id: "e2" }],
        mentors: [{ id: "m1" }, { id: "m2", capacity: 1 }],
        pairs: [
          ["e1", "m1", 9000],
          ["e1", "m2", 8000],
          ["e2", "m1", 8500],
        ],
      },
      { objective: "participation" },
    );
    expect(result.matches).toEqual([
      { mentee: "e1", mentor: "m2", score: 8000 },
      { mentee: "e2", mentor: "m1", score: 8500 },
    ]);
    expect(result.stats.greedy).toEqual({ matchedCount: 1, totalScore: 9000 });
    expect(result.optimal).toBe(true);
    expect(Object.keys(result.certificate.mentees)).toEqual(["e1", "e2"]);
  });

  it("one mentor wanted by everyone, capacity 2: the two best are matched, the rest are told it is full", () => {
    const result = solvePairs(
      {
        mentees: [{ id: "a" }, { id: "b" }, { id: "c" }],
        mentors: [{ id: "star", capacity: 2 }],
        pairs: [
          ["a", "star", 5000],
          ["b", "star", 7000],
          ["c", "star", 6000],
        ],
      },
      { objective: "score" },
    );
    expect(result.totalScore).toBe(13_000);
    expect(result.unmatched).toEqual([{ mentee: "a", reason: "all allowed mentors are full" }]);
  });

  it("capacity 0 and no pair at all are named", () => {
    const result = solvePairs(
      { mentees: [{ id: "a", capacity: 0 }, { id: "b" }], mentors: [{ id: "m" }], pairs: [["a", "m", 10]] },
      { objective: "participation" },
    );
    expect(result.unmatched).toEqual([
      { mentee: "a", reason: "capacity 0: takes no mentor" },
      { mentee: "b", reason: "no allowed mentor: no pair lists this mentee" },
    ]);
  });

  it.each([
    [
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "x", 1]] },
      'pairs[0][1]: unknown mentor "x"',
    ],
    [{ mentees: [{ id: "e" }, { id: "e" }], mentors: [], pairs: [] }, 'mentees[1].id: duplicate id "e"'],
    [
      { mentees: [{ id: "e" }], mentors: [{ id: "m", capacity: -1 }], pairs: [] },
      "mentors[0].capacity: must be a whole number >= 0, got -1",
    ],
    [
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "m", 84.5]] },
      "pairs[0][2]: score must be an integer",
    ],
    [
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "m", null]] },
      "pairs[0][2]: score must be an integer",
    ],
    [
      {
        mentees: [{ id: "e" }],
        mentors: [{ id: "m" }],
        pairs: [
          ["e", "m", 1],
          ["e", "m", 2],
        ],
      },
      "pairs[1]: duplicate pair e - m",
    ],
  ])("bad input %# names the place", (input, message) => {
    expect(() => solvePairs(input, { objective: "score" })).toThrow(message);
  });
});
