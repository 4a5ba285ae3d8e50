import { describe, expect, it } from "vitest";
import type { Criterion, MatchConfig } from "../matching/scoring/match-config.ts";
import type { Participant, Programme } from "../matching/scoring/participant.ts";
import { person } from "../matching/scoring/test-programmes.ts";
import { BENCH_CONFIG, generateProgramme } from "../matching/testing/generate-programme.ts";
import { previewCriteria } from "./criteria-preview.ts";

const week = { referenceWeek: "2026-03-30" };

/** Whether a pair passes one hard rule, straight from the definitions in docs/matching.md. */
function passes(criterion: Criterion, mentee: Participant, mentor: Participant): boolean {
  switch (criterion.kind) {
    case "language":
      return (mentee.languages ?? []).some((language) => (mentor.languages ?? []).includes(language));
    case "same":
    case "different": {
      const value = (p: Participant) =>
        criterion.question ? p.answers?.[criterion.question] : p[criterion.field as "department"];
      const a = value(mentee);
      const b = value(mentor);
      const equal = a !== undefined && b !== undefined && a === b;
      return criterion.kind === "same" ? equal : !equal;
    }
    case "skills":
      return (mentee.skillsWanted ?? []).some((wanted) =>
        (mentor.skillsOffered ?? []).some(
          (offered) => offered.skill === wanted.skill && offered.level >= wanted.level,
        ),
      );
    case "topics":
      return (mentee.topics ?? []).some((topic) => (mentor.topics ?? []).includes(topic));
    default:
      throw new Error(`no brute force for ${criterion.kind}`);
  }
}

/** Why a pair is excluded outright, or null. */
function exclusion(programme: Programme, mentee: Participant, mentor: Participant): string | null {
  const byId = new Map(programme.participants.map((p) => [p.id, p]));
  if (mentee.id === mentor.id) return "same person";
  for (let manager = mentee.managerId; manager; manager = byId.get(manager)?.managerId)
    if (manager === mentor.id) return "reporting line";
  if (mentee.blocked?.includes(mentor.id) || mentor.blocked?.includes(mentee.id)) return "blocked";
  const has = (pairs: Programme["earlierPairs"]) =>
    (pairs ?? []).some(([e, m]) => e === mentee.id && m === mentor.id);
  if (has(programme.earlierPairs)) return "earlier pair";
  if (has(programme.existingPairs)) return "already matched";
  return null;
}

/** Every pair, one by one. */
function bruteForce(programme: Programme, config: MatchConfig) {
  const mentees = programme.participants.filter((p) => p.role !== "mentor");
  const mentors = programme.participants.filter((p) => p.role !== "mentee");
  const hard = config.criteria
    .map((criterion, index) => ({ criterion, index }))
    .filter((c) => c.criterion.hard);
  const exclusions: Record<string, number> = {
    "reporting line": 0,
    "earlier pair": 0,
    blocked: 0,
    "already matched": 0,
  };
  const removes = hard.map(() => 0);
  const removesOnly = hard.map(() => 0);
  let totalPairs = 0;
  let remaining = 0;
  let withoutMentor = 0;
  for (const mentee of mentees) {
    let allowed = 0;
    for (const mentor of mentors) {
      const why = exclusion(programme, mentee, mentor);
      if (why === "same person") continue;
      totalPairs++;
      if (why) {
        exclusions[why]++;
        continue;
      }
      const failed = hard.map(({ criterion }) => !passes(criterion, mentee, mentor));
      failed.forEach((fails, h) => {
        if (fails) removes[h]++;
      });
      const count = failed.filter(Boolean).length;
      if (count === 0) allowed++;
      if (count === 1) removesOnly[failed.indexOf(true)]++;
    }
    remaining += allowed;
    if (allowed === 0) withoutMentor++;
  }
  return { totalPairs, exclusions, removes, removesOnly, remaining, withoutMentor };
}

const small: Programme = {
  participants: [
    person("m1", "mentor", { languages: ["en"], department: "Web", managerId: "m2" }),
    person("m2", "mentor", {
      languages: ["en", "fr"],
      department: "Data",
      skillsOffered: [{ skill: "sql", level: 5 }],
      topics: ["career"],
    }),
    person("m3", "mentor", { languages: ["fr"], department: "Web", answers: { track: "backend" } }),
    person("b1", "both", {
      languages: ["en"],
      department: "Data",
      skillsOffered: [{ skill: "python", level: 2 }],
      skillsWanted: [{ skill: "sql", level: 4 }],
      answers: { track: "backend" },
    }),
    person("e1", "mentee", { languages: ["en"], department: "Web", managerId: "m1", topics: ["career"] }),
    person("e2", "mentee", { languages: ["fr"], department: "Data", answers: { track: "backend" } }),
    person("e3", "mentee", {
      languages: ["de"],
      department: "Sales",
      skillsWanted: [{ skill: "sql", level: 3 }],
      blocked: ["m2"],
    }),
    person("e4", "mentee", { languages: ["en", "fr"], department: "Web", answers: { track: "frontend" } }),
    person("e5", "mentee", { languages: ["en"], department: "People", skillsWanted: [] }),
  ],
  earlierPairs: [["e4", "m2"]],
  existingPairs: [["e5", "m1"]],
};

const config: MatchConfig = {
  criteria: [
    { kind: "skills", weight: 6 },
    { kind: "language", hard: true },
    { kind: "different", field: "department", hard: true, weight: 2 },
    { kind: "skills", hard: true },
    { kind: "same", question: "track", weight: 4 },
    { kind: "topics", weight: 3, hard: true },
  ],
};

describe("the live preview of a match config", () => {
  it("counts what each hard rule and exclusion removes, exactly as counting every pair by hand", () => {
    const preview = previewCriteria(small, config, week);
    const expected = bruteForce(small, config);
    expect(preview).toMatchObject({
      mentees: 6,
      mentors: 4,
      totalPairs: expected.totalPairs,
      remainingPairs: expected.remaining,
      menteesWithoutMentor: expected.withoutMentor,
      estimated: false,
      menteesCounted: 6,
    });
    expect(preview.totalPairs).toBe(6 * 4 - 1);
    expect(preview.rules).toEqual([
      {
        criterionIndex: 1,
        label: "shared language",
        removes: expected.removes[0],
        removesOnly: expected.removesOnly[0],
      },
      {
        criterionIndex: 2,
        label: "different department",
        removes: expected.removes[1],
        removesOnly: expected.removesOnly[1],
      },
      {
        criterionIndex: 3,
        label: "skills wanted offered",
        removes: expected.removes[2],
        removesOnly: expected.removesOnly[2],
      },
      {
        criterionIndex: 5,
        label: "shared topics",
        removes: expected.removes[3],
        removesOnly: expected.removesOnly[3],
      },
    ]);
    expect(Object.fromEntries(preview.exclusions.map((e) => [e.reason, e.pairs]))).toEqual(
      expected.exclusions,
    );
    // e1 reports to m1, who reports to m2: both are in e1's reporting line
    expect(preview.exclusions).toEqual([
      { reason: "reporting line", pairs: 2 },
      { reason: "earlier pair", pairs: 1 },
      { reason: "blocked", pairs: 1 },
      { reason: "already matched", pairs: 1 },
    ]);
  });

  it("agrees with counting by hand for each rule alone and for a custom question", () => {
    const rules: Criterion[] = [
      { kind: "language", hard: true },
      { kind: "same", question: "track", hard: true },
      { kind: "same", field: "department", hard: true },
      { kind: "topics", hard: true },
      { kind: "skills", hard: true },
    ];
    for (const rule of rules) {
      const one: MatchConfig = { criteria: [rule, { kind: "skills", weight: 1 }] };
      const preview = previewCriteria(small, one, week);
      const expected = bruteForce(small, one);
      expect([preview.rules[0].removes, preview.remainingPairs], JSON.stringify(rule)).toEqual([
        expected.removes[0],
        expected.remaining,
      ]);
      expect(preview.rules[0].removesOnly).toBe(preview.rules[0].removes);
    }
  });

  it("removes nothing but the exclusions when no rule is hard", () => {
    const preview = previewCriteria(small, { criteria: [{ kind: "skills", weight: 5 }] }, week);
    expect(preview.rules).toEqual([]);
    expect(preview.remainingPairs).toBe(preview.totalPairs - 5);
  });

  it("says every mentee lacks a mentor when the programme has no mentors yet", () => {
    const preview = previewCriteria(
      { participants: small.participants.filter((p) => p.role === "mentee") },
      config,
      week,
    );
    expect(preview).toMatchObject({ mentors: 0, totalPairs: 0, remainingPairs: 0, menteesWithoutMentor: 5 });
  });

  it("ignores running pairs of people no longer active (they are not in the programme's list)", () => {
    const preview = previewCriteria(
      {
        ...small,
        existingPairs: [
          ["gone", "m1"],
          ["e5", "m1"],
        ],
      },
      config,
      week,
    );
    expect(preview.exclusions.find((e) => e.reason === "already matched")?.pairs).toBe(1);
  });

  it("samples mentees above the pair budget, says it estimated, and lands close to the exact count", () => {
    const programme = generateProgramme({ mentees: 2000, mentors: 300, seed: 7 });
    const exact = previewCriteria(programme, BENCH_CONFIG, { ...week, pairBudget: 10_000_000 });
    const estimate = previewCriteria(programme, BENCH_CONFIG, { ...week, pairBudget: 150_000 });
    expect(exact.estimated).toBe(false);
    expect(estimate.estimated).toBe(true);
    expect(estimate.menteesCounted).toBeLessThan(exact.menteesCounted);
    expect(estimate.totalPairs).toBe(exact.totalPairs);
    const close = (a: number, b: number) => Math.abs(a - b) <= 0.05 * b + 50;
    expect(
      close(estimate.remainingPairs, exact.remainingPairs),
      `${estimate.remainingPairs} vs ${exact.remainingPairs}`,
    ).toBe(true);
    for (const [k, rule] of estimate.rules.entries()) {
      const exactRule = exact.rules[k];
      expect(
        close(rule.removes, exactRule.removes),
        `${rule.label}: ${rule.removes} vs ${exactRule.removes}`,
      ).toBe(true);
    }
  });

  it("samples deterministically: the same programme in any order gives the same estimate", () => {
    const programme = generateProgramme({ mentees: 1500, mentors: 200, seed: 3 });
    const shuffled = { ...programme, participants: [...programme.participants].reverse() };
    const options = { ...week, pairBudget: 50_000 };
    expect(previewCriteria(shuffled, BENCH_CONFIG, options)).toEqual(
      previewCriteria(programme, BENCH_CONFIG, options),
    );
  });

  it("counts at most the pair budget for 5,000 mentees × 1,000 mentors (all mentors, a sample of mentees)", () => {
    const programme = generateProgramme({ mentees: 5000, mentors: 1000, seed: 1 });
    const preview = previewCriteria(programme, BENCH_CONFIG, week);
    expect(preview).toMatchObject({ estimated: true, mentors: 1000 });
    expect(preview.menteesCounted * preview.mentors).toBeLessThanOrEqual(1_000_000);
    expect(preview.remainingPairs).toBeLessThan(preview.totalPairs);
  });
});
