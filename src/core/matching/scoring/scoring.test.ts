import { describe, expect, it } from "vitest";
import { explainPair } from "./explain-pair.ts";
import type { Criterion, MatchConfig } from "./match-config.ts";
import { parseParticipantsCsv, parseParticipantsJson } from "./parse-participants.ts";
import type { Participant } from "./participant.ts";
import { prepareProgramme } from "./prepare-programme.ts";
import { createRowScratch, EXCLUDED, rawToScore, scoreMenteeRow } from "./row-kernel.ts";
import { person } from "./test-programmes.ts";
import { validateMatchConfig } from "./validate-config.ts";

const week = { referenceWeek: "2026-03-30" };

function allowedMentors(
  participants: Participant[],
  criteria: Criterion[],
  menteeId: string,
  extra = {},
): string[] {
  const prepared = prepareProgramme({ participants, ...extra }, { criteria }, week);
  const i = prepared.menteeIds.indexOf(menteeId);
  const row = new Int32Array(prepared.mentorIds.length);
  scoreMenteeRow(prepared, i, row, createRowScratch(prepared));
  return prepared.mentorIds.filter((_, j) => row[j] < EXCLUDED);
}

describe("hard rules", () => {
  const e = person("e", "mentee", { languages: ["en"], department: "Sales", yearsExperience: 3 });
  it("shared language", () => {
    const people = [e, person("m-en", "mentor"), person("m-fr", "mentor", { languages: ["fr"] })];
    expect(allowedMentors(people, [{ kind: "language", hard: true }], "e")).toEqual(["m-en"]);
  });
  it("working hours overlap >= N hours across zones", () => {
    const people = [
      e,
      person("m-kol", "mentor", { timeZone: "Asia/Kolkata" }),
      person("m-akl", "mentor", { timeZone: "Pacific/Auckland" }),
    ];
    expect(allowedMentors(people, [{ kind: "workingHours", hard: true, minHours: 3 }], "e")).toEqual([
      "m-kol",
    ]);
    expect(allowedMentors(people, [{ kind: "workingHours", hard: true, minHours: 4 }], "e")).toEqual([]);
  });
  it("availability overlap", () => {
    const mentee = person("e", "mentee", { availability: [{ day: 1, start: "18:00", end: "20:00" }] });
    const people = [
      mentee,
      person("m-eve", "mentor", { availability: [{ day: 1, start: "19:00", end: "21:00" }] }),
      person("m-am", "mentor", { availability: [{ day: 1, start: "08:00", end: "09:00" }] }),
    ];
    expect(allowedMentors(people, [{ kind: "availability", hard: true, minHours: 1 }], "e")).toEqual([
      "m-eve",
    ]);
  });
  it("skills: at least one wanted skill offered at the wanted level", () => {
    const people = [
      e,
      person("m-py4", "mentor"),
      person("m-py2", "mentor", { skillsOffered: [{ skill: "Python", level: 2 }] }),
      person("m-go", "mentor", { skillsOffered: [{ skill: "go", level: 5 }] }),
    ];
    expect(allowedMentors(people, [{ kind: "skills", hard: true }], "e")).toEqual(["m-py4"]);
  });
  it("same and different department, and a custom question", () => {
    const people = [
      e,
      person("m-sales", "mentor", { department: "sales ", answers: { track: "ic" } }),
      person("m-eng", "mentor", { answers: { track: "IC" } }),
    ];
    expect(allowedMentors(people, [{ kind: "same", field: "department", hard: true }], "e")).toEqual([
      "m-sales",
    ]);
    expect(allowedMentors(people, [{ kind: "different", field: "department", hard: true }], "e")).toEqual([
      "m-eng",
    ]);
    const asker = person("e", "mentee", { answers: { track: "ic" } });
    expect(
      allowedMentors([asker, ...people.slice(1)], [{ kind: "same", question: "track", hard: true }], "e"),
    ).toEqual(["m-sales", "m-eng"]);
  });
  it("experience gap: mentor 2-15 years more senior", () => {
    const people = [
      e,
      person("m4", "mentor", { yearsExperience: 4 }),
      person("m10", "mentor", { yearsExperience: 10 }),
      person("m30", "mentor", { yearsExperience: 30 }),
    ];
    expect(allowedMentors(people, [{ kind: "experienceGap", hard: true }], "e")).toEqual(["m10"]);
  });
  it("goals similarity above a minimum", () => {
    const mentee = person("e", "mentee", { goals: "become a kubernetes platform lead" });
    const people = [
      mentee,
      person("m-k8s", "mentor", { experience: "ran the kubernetes platform team" }),
      person("m-sales", "mentor", { experience: "enterprise sales" }),
    ];
    expect(allowedMentors(people, [{ kind: "goals", hard: true, minSimilarity: 0.1 }], "e")).toEqual([
      "m-k8s",
    ]);
  });
  it("stated preferences: either side listed the other", () => {
    const people = [
      person("e", "mentee", { preferences: ["m2"] }),
      person("m1", "mentor"),
      person("m2", "mentor"),
      person("m3", "mentor", { preferences: ["e"] }),
    ];
    expect(allowedMentors(people, [{ kind: "preferences", hard: true }], "e")).toEqual(["m2", "m3"]);
  });
});

describe("exclusions", () => {
  const criteria: Criterion[] = [{ kind: "language", weight: 5 }];
  it("a person who is both mentor and mentee is never matched with themselves", () => {
    const people = [person("both", "both"), person("m", "mentor")];
    expect(allowedMentors(people, criteria, "both")).toEqual(["m"]);
  });
  it("reporting line: no mentor who is the mentee's manager or any manager above", () => {
    const people = [
      person("ceo", "mentor"),
      person("vp", "mentor", { managerId: "ceo" }),
      person("lead", "both", { managerId: "vp" }),
      person("e", "mentee", { managerId: "lead" }),
      person("peer", "mentor", { managerId: "ceo" }),
    ];
    expect(allowedMentors(people, criteria, "e")).toEqual(["peer"]);
  });
  it("earlier pairs and blocks (either side) are excluded", () => {
    const people = [
      person("e", "mentee", { blocked: ["m1"] }),
      person("m1", "mentor"),
      person("m2", "mentor", { blocked: ["e"] }),
      person("m3", "mentor"),
      person("m4", "mentor"),
    ];
    expect(allowedMentors(people, criteria, "e", { earlierPairs: [["e", "m3"]] })).toEqual(["m4"]);
  });
});

describe("scores and explanations", () => {
  const config: MatchConfig = {
    criteria: [
      { kind: "language", hard: true },
      { kind: "skills", weight: 5 },
      { kind: "workingHours", weight: 2, minHours: 2 },
      { kind: "experienceGap", weight: 3 },
      { kind: "goals", weight: 4 },
    ],
  };
  const people = [
    person("e", "mentee", { timeZone: "Asia/Kolkata", goals: "platform engineering" }),
    person("m", "mentor", {
      skillsOffered: [{ skill: "python", level: 2 }],
      experience: "platform engineering at scale",
    }),
    person("x", "mentor", { languages: ["de"] }),
  ];
  const prepared = prepareProgramme({ participants: people }, config, week);

  it("an explanation adds up to the score the kernel computed, and is deterministic", () => {
    const row = new Int32Array(2);
    scoreMenteeRow(prepared, 0, row, createRowScratch(prepared));
    const explanation = explainPair(prepared, "e", "m");
    expect(explanation.score).toBe(rawToScore(row[0], prepared.weightSum));
    const byName = Object.fromEntries(explanation.contributions.map((c) => [c.criterion, c.value]));
    expect(byName["skills wanted offered"]).toBe(5000); // offered one level below: half credit
    expect(byName["working hours overlap >= 2 h/day"]).toBe(Math.floor((10_000 * 210) / 480));
    expect(byName["mentor 2-15 years more experienced"]).toBe(10_000);
    const total = explanation.contributions.reduce((s, c) => s + c.points, 0);
    expect(Math.abs(total - explanation.score!)).toBeLessThanOrEqual(explanation.contributions.length);
    expect(explainPair(prepareProgramme({ participants: people }, config, week), "e", "m")).toEqual(
      explanation,
    );
  });

  it("an excluded pair names the rule", () => {
    expect(explainPair(prepared, "e", "x")).toMatchObject({
      allowed: false,
      score: null,
      excludedBy: ["hard rule: shared language"],
    });
  });
});

describe("config and participant validation", () => {
  it("unknown criterion names the field and the known kinds", () => {
    expect(() =>
      validateMatchConfig({
        criteria: [
          { kind: "skills", weight: 2 },
          { kind: "vibes", weight: 3 },
        ],
      }),
    ).toThrow(/criteria\[1\]\.kind: unknown criterion "vibes" \(known: skills/);
  });
  it("weights out of range, settings of another criterion, and criteria that do nothing are refused", () => {
    expect(() => validateMatchConfig({ criteria: [{ kind: "skills", weight: 11 }] })).toThrow(
      /criteria\[0\]\.weight/,
    );
    expect(() => validateMatchConfig({ criteria: [{ kind: "skills", weight: 1, minHours: 2 }] })).toThrow(
      /criteria\[0\]\.minHours/,
    );
    expect(() => validateMatchConfig({ criteria: [{ kind: "language" }] })).toThrow(/neither a weight/);
  });
  it("CSV errors carry the line number and column", () => {
    expect(() =>
      parseParticipantsCsv("id,role,timeZone\ne1,mentee,UTC\ne2,mentor,Mars/Base\n", "p.csv"),
    ).toThrow('p.csv line 3, column timeZone: unknown IANA time zone "Mars/Base"');
    expect(() => parseParticipantsCsv('id,role\ne1,mentee\ne2,"mentor\n', "p.csv")).toThrow(
      /p\.csv line 3: malformed CSV/,
    );
    expect(() => parseParticipantsCsv("id,role,skillsWanted\ne1,mentee,python\n", "p.csv")).toThrow(
      /line 2, column skillsWanted/,
    );
  });
  it("CSV cells become typed fields", () => {
    const { participants } = parseParticipantsCsv(
      "id,role,mentorCapacity,skillsOffered,languages,availability,q:track\nm1,mentor,3,python:4; sql:2,en; fr,Mon 18:00-20:00,ic\n",
    );
    expect(participants[0]).toEqual({
      id: "m1",
      role: "mentor",
      mentorCapacity: 3,
      skillsOffered: [
        { skill: "python", level: 4 },
        { skill: "sql", level: 2 },
      ],
      languages: ["en", "fr"],
      availability: [{ day: 1, start: "18:00", end: "20:00" }],
      answers: { track: "ic" },
    });
  });
  it("duplicate ids and negative capacities are refused", () => {
    const twice = [person("a", "mentee"), person("a", "mentor")];
    expect(() =>
      prepareProgramme({ participants: twice }, { criteria: [{ kind: "language", weight: 1 }] }, week),
    ).toThrow(/participants\[1\]\.id: duplicate id "a"/);
    expect(() => parseParticipantsJson('[{"id":"m","role":"mentor","mentorCapacity":-1}]')).toThrow(
      /participants\[0\]\.mentorCapacity/,
    );
  });
});
