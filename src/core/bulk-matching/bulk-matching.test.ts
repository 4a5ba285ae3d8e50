import { describe, expect, it } from "vitest";
import type { PairExplanation } from "../matching/index.ts";
import { buildBulkRunInput, draftFromResult } from "./bulk-run-input.ts";
import { publishProblems, refuseAssignment, refuseSwap } from "./draft-edits.ts";
import {
  compactExplanation,
  expandExplanation,
  isStale,
  overallPercent,
  referenceWeekFor,
  sameCriteria,
} from "./match-run.ts";
import type { StoredParticipant } from "../programmes/matcher-input.ts";
import { bandOf, histogramFromBandCounts, meanScore, scoreHistogram } from "./score-distribution.ts";

function person(userId: string, role: StoredParticipant["role"], mentorCapacity = 1): StoredParticipant {
  return {
    userId,
    role,
    mentorCapacity,
    answers: {},
    headline: "",
    bio: "",
    jobTitle: "",
    department: "",
    managerId: null,
    location: "",
    timeZone: "UTC",
    languages: ["en"],
    yearsExperience: null,
    skillsOffered: [],
    skillsWanted: [],
    topics: [],
    careerGoals: "",
    availability: [],
  };
}

const lock = (menteeId: string, mentorId: string) => ({ menteeId, mentorId, score: 5000, explanation: [] });

describe("the matcher's input for a bulk run", () => {
  const people = [
    person("m", "mentor", 2),
    person("n", "mentor", 1),
    person("e0", "mentee"),
    person("e1", "mentee"),
    person("e2", "mentee"),
  ];

  it("fixes live pairs and kept locks before the matcher: their mentees leave, their places are taken", () => {
    const input = buildBulkRunInput(people, { live: [["e0", "m"]], earlier: [] }, [lock("e1", "m")]);
    const byId = new Map(input.programme.participants.map((p) => [p.id, p]));
    expect([...byId.keys()]).toEqual(["m", "n", "e2"]);
    expect(byId.get("m")?.mentorCapacity).toBe(0);
    expect(byId.get("n")?.mentorCapacity).toBe(1);
    expect(input).toMatchObject({
      alreadyMatched: 1,
      menteesConsidered: 2,
      mentorsConsidered: 2,
      mentorPlaces: 2,
    });
    expect(input.keptLocks).toEqual([lock("e1", "m")]);
  });

  it("drops a lock whose mentee got a mentor, whose mentor is full or gone, or whose mentee left", () => {
    const input = buildBulkRunInput(people, { live: [["e0", "n"]], earlier: [] }, [
      lock("e0", "m"), // e0 has a live relationship now
      lock("e1", "n"), // n's only place is taken by the live pair
      lock("gone", "m"), // the mentee left the programme
      lock("e2", "left-mentor"),
    ]);
    expect(input.keptLocks).toEqual([]);
    expect(input.droppedLocks).toHaveLength(4);
  });

  it("keeps a person on both sides a mentor when their mentee side is taken, and never counts a live pair twice", () => {
    const both = [person("b", "both", 2), person("m", "mentor", 1)];
    const input = buildBulkRunInput(
      both,
      {
        live: [
          ["b", "m"],
          ["x", "b"],
        ],
        earlier: [["b", "m"]],
      },
      [],
    );
    expect(input.programme.participants).toEqual([
      expect.objectContaining({ id: "b", role: "mentor", mentorCapacity: 1 }),
      expect.objectContaining({ id: "m", role: "mentor", mentorCapacity: 0 }),
    ]);
    expect(input.programme.existingPairs).toEqual([]);
    expect(input.programme.earlierPairs).toEqual([["b", "m"]]);
  });

  it("turns a result into draft pairs, locked pairs and reasons", () => {
    const explanation = {
      contributions: [
        { criterion: "shared language", weight: 0, hard: true, value: 10_000, points: 0, passed: true },
      ],
    } as unknown as PairExplanation;
    const draft = draftFromResult(
      {
        matches: [{ mentee: "e2", mentor: "n", score: 7000, explanation }],
        unmatched: [{ mentee: "e3", reason: "all allowed mentors are full" }],
      },
      [lock("e1", "m")],
    );
    expect(draft.pairs).toEqual([
      {
        menteeId: "e2",
        mentorId: "n",
        score: 7000,
        explanation: [[10_000, 0, 1]],
        locked: false,
        manual: false,
      },
      { menteeId: "e1", mentorId: "m", score: 5000, explanation: [], locked: true, manual: false },
    ]);
    expect(draft.reasons).toEqual({ e3: "all allowed mentors are full" });
  });
});

describe("editing a draft", () => {
  const mentee = { id: "e", name: "Ella" };
  const mentor = { id: "m", name: "Sam" };
  const allowed = { allowed: true, excludedBy: [], mentee: "e", mentor: "m" } as unknown as PairExplanation;
  const excluded = {
    allowed: false,
    excludedBy: ["reporting line"],
    mentee: "e",
    mentor: "m",
  } as unknown as PairExplanation;
  const base = {
    mentee,
    mentor,
    currentMentorId: null,
    locked: false,
    explanation: allowed,
    capacity: 2,
    used: 1,
  };

  it("allows a pair the rules allow with a free place", () => {
    expect(refuseAssignment(base)).toBeNull();
  });

  it("refuses a locked pair, the same mentor, an excluded pair and a full mentor, in that order", () => {
    expect(refuseAssignment({ ...base, locked: true, used: 2 })?.message).toMatch(/locked/);
    expect(refuseAssignment({ ...base, currentMentorId: "m" })?.kind).toBe("conflict");
    expect(refuseAssignment({ ...base, explanation: excluded, used: 2 })).toEqual({
      kind: "rule",
      message: "Sam cannot mentor Ella: excluded by reporting line.",
    });
    expect(refuseAssignment({ ...base, used: 2 })).toEqual({
      kind: "conflict",
      message: "Sam is at capacity (2 of 2 places taken).",
    });
    expect(refuseAssignment({ ...base, capacity: 1, used: 1 })?.message).toBe(
      "Sam is at capacity (1 of 1 place taken).",
    );
  });

  it("swaps only two different unlocked pairs with different mentors whose new pairs are allowed", () => {
    const side = (id: string, mentorId: string, explanation = allowed, locked = false) => ({
      mentee: { id, name: id.toUpperCase() },
      mentorId,
      locked,
      explanation,
    });
    const mentorName = (id: string) => `Mentor ${id}`;
    expect(refuseSwap({ first: side("a", "x"), second: side("b", "y"), mentorName })).toBeNull();
    expect(refuseSwap({ first: side("a", "x"), second: side("a", "x"), mentorName })?.kind).toBe("rule");
    expect(
      refuseSwap({ first: side("a", "x", allowed, true), second: side("b", "y"), mentorName })?.message,
    ).toMatch(/A's pair is locked/);
    expect(refuseSwap({ first: side("a", "x"), second: side("b", "x"), mentorName })?.message).toMatch(
      /share a mentor/,
    );
    expect(refuseSwap({ first: side("a", "x"), second: side("b", "y", excluded), mentorName })?.message).toBe(
      "Mentor m cannot mentor B: excluded by reporting line.",
    );
  });

  it("names what stops a publish: someone who left, a mentee matched meanwhile, a mentor over capacity (once)", () => {
    const enrolments = new Map([
      ["e1", { canMentor: false, canBeMentored: true, capacity: 0 }],
      ["e2", { canMentor: false, canBeMentored: true, capacity: 0 }],
      ["e3", { canMentor: false, canBeMentored: true, capacity: 0 }],
      ["m", { canMentor: true, canBeMentored: false, capacity: 2 }],
    ]);
    const name = (id: string) => id.toUpperCase();
    const pairs = [
      { menteeId: "e1", mentorId: "m" },
      { menteeId: "e2", mentorId: "m" },
      { menteeId: "e3", mentorId: "gone" },
      { menteeId: "left", mentorId: "m" },
    ];
    expect(
      publishProblems({
        pairs,
        enrolments,
        liveByMentor: new Map([["m", 1]]),
        menteesWithLive: new Set(["e2"]),
        name,
      }),
    ).toEqual([
      { menteeId: "e1", message: "M is over capacity: 1 live relationship and 3 draft pairs, capacity 2." },
      { menteeId: "e2", message: "E2 already has a mentor in this programme." },
      { menteeId: "e3", message: "GONE is no longer an active mentor here." },
      { menteeId: "left", message: "LEFT is no longer an active mentee here." },
    ]);
    expect(
      publishProblems({
        pairs: pairs.slice(0, 2),
        enrolments,
        liveByMentor: new Map(),
        menteesWithLive: new Set(),
        name,
      }),
    ).toEqual([]);
  });
});

describe("stored explanations", () => {
  const config = {
    criteria: [
      { kind: "skills", weight: 5 },
      { kind: "language", hard: true },
    ] as const,
  };
  const full = [
    { criterion: "skills wanted offered", weight: 5, hard: false, value: 5000, points: 5000, passed: true },
    { criterion: "shared language", weight: 0, hard: true, value: 10_000, points: 0, passed: true },
  ];

  it("keep values, points and pass per criterion, and take labels and weights from the config", () => {
    expect(compactExplanation(full)).toEqual([
      [5000, 5000, 1],
      [10_000, 0, 1],
    ]);
    expect(expandExplanation(compactExplanation(full), config)).toEqual(full);
  });

  it("expand to nothing under criteria they were not recorded with", () => {
    expect(expandExplanation([[5000, 5000, 1]], config)).toEqual([]);
    expect(sameCriteria(config, { criteria: [...config.criteria] })).toBe(true);
    expect(sameCriteria(config, { criteria: [{ kind: "skills", weight: 6 }] })).toBe(false);
  });
});

describe("a run's progress, reference week and score distribution", () => {
  it("maps phases onto one bar that never goes back", () => {
    expect(overallPercent("queued", 0)).toBe(0);
    expect(overallPercent("scoring", 50)).toBe(35);
    expect(overallPercent("solving", 0, 80)).toBe(80);
    expect(overallPercent("saving", 100)).toBe(100);
    expect(overallPercent("scoring", 250)).toBe(60);
  });

  it("uses the Monday of the programme's first week when it starts later, else this week's", () => {
    expect(referenceWeekFor("2026-11-22", "2027-01-06")).toBe("2027-01-04");
    expect(referenceWeekFor("2026-11-22", null)).toBe("2026-11-16");
    expect(referenceWeekFor("2026-11-16", "2026-01-01")).toBe("2026-11-16");
  });

  it("calls a runner stale after the given silence", () => {
    const now = new Date("2026-01-01T10:05:00Z");
    expect(isStale("2026-01-01T10:00:00Z", now, 60_000)).toBe(true);
    expect(isStale("2026-01-01T10:04:30Z", now, 60_000)).toBe(false);
  });

  it("counts scores in ten bands, the perfect score in the top one", () => {
    expect(bandOf(0)).toBe(0);
    expect(bandOf(999)).toBe(0);
    expect(bandOf(10_000)).toBe(9);
    const bands = scoreHistogram([120, 8400, 8999, 10_000]);
    expect(bands.map((band) => band.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(bands[9]).toEqual({ from: 9000, to: 10_000, count: 1 });
    expect(histogramFromBandCounts(new Map([[3, 2]]))[3]).toEqual({ from: 3000, to: 3999, count: 2 });
    expect(meanScore(3, 24_001)).toBe(8000);
    expect(meanScore(0, 0)).toBeNull();
  });
});
