import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CriteriaPreview, Programme } from "../../contracts/programmes.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { BENCH_CONFIG, generateProgramme } from "../../core/matching/testing/generate-programme.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { enrolments, memberships, profiles, users } from "../../db/schema.ts";
import { addPeople } from "../testing/programme-fixtures.ts";
import { type Caller, createTestApp, type TestApp } from "../testing/test-app.ts";
import { errorOf, programmesApi, setUpOrganisation } from "./programmes.test-support.ts";

const languageAndDepartment = {
  criteria: [
    { kind: "language", hard: true },
    { kind: "different", field: "department", hard: true },
    { kind: "skills", weight: 5 },
  ],
};

describe("the criteria preview", () => {
  let t: TestApp;
  let orgId: OrgId;
  let admin: Caller;
  let api: ReturnType<typeof programmesApi>;
  let programme: Programme;

  beforeAll(async () => {
    t = await createTestApp({}, { now: () => new Date("2026-04-02T10:00:00Z") });
    ({ orgId, admin } = await setUpOrganisation(t));
    api = programmesApi(t, orgId);
    programme = await api.created(admin, {
      template: "developer-cohort",
      name: "Preview",
      startsOn: "2026-01-05",
    });
    const skill = (name: string, level: number) => [{ skill: name, level }];
    const ids = await addPeople(t, orgId, programme.id as ProgrammeId, [
      {
        email: "m1@acme.test",
        role: "mentor",
        profile: { languages: ["en"], department: "Web", skillsOffered: skill("sql", 4) },
      },
      {
        email: "m2@acme.test",
        role: "mentor",
        profile: { languages: ["fr"], department: "Data", skillsOffered: skill("python", 5) },
      },
      {
        email: "m3@acme.test",
        role: "mentor",
        profile: { languages: ["en", "fr"], department: "Web", skillsOffered: skill("SQL", 5) },
      },
      {
        email: "e1@acme.test",
        role: "mentee",
        profile: { languages: ["en"], department: "Web", skillsWanted: skill("sql", 3) },
      },
      {
        email: "e2@acme.test",
        role: "mentee",
        profile: { languages: ["fr"], department: "Data", skillsWanted: skill("python", 4) },
      },
      {
        email: "e3@acme.test",
        role: "mentee",
        profile: { languages: ["de"], department: "Sales", skillsWanted: skill("sql", 3) },
      },
      {
        email: "e4@acme.test",
        role: "mentee",
        profile: { languages: ["en"], department: "Data", skillsWanted: skill("go", 2) },
      },
      { email: "left@acme.test", role: "mentee", status: "left", profile: { languages: ["en"] } },
    ]);
    await t.deps.repos.relationships.create({
      orgId,
      programmeId: programme.id as ProgrammeId,
      menteeId: ids["e1@acme.test"],
      mentorId: ids["m1@acme.test"],
      origin: "admin",
      endsOn: "2026-03-30",
      actorId: null,
    });
  });
  afterAll(() => t.close());

  const preview = async (matchConfig: object) => {
    const response = await api.preview(admin, programme.id, matchConfig);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CriteriaPreview;
  };

  it("counts the active participants' pairs, what each hard rule removes, and what remains", async () => {
    // 4 mentees × 3 mentors; e1-m1 already matched. Language fails e1-m2, e2-m1, e3 with all three
    // and e4-m2; different department fails e1-m3, e2-m2 and e4-m2. Allowed: e2-m3, e4-m1, e4-m3.
    expect(await preview(languageAndDepartment)).toEqual({
      mentees: 4,
      mentors: 3,
      totalPairs: 12,
      exclusions: [
        { reason: "reporting line", pairs: 0 },
        { reason: "earlier pair", pairs: 0 },
        { reason: "blocked", pairs: 0 },
        { reason: "already matched", pairs: 1 },
      ],
      rules: [
        { criterionIndex: 0, label: "shared language", removes: 6, removesOnly: 5 },
        { criterionIndex: 1, label: "different department", removes: 3, removesOnly: 2 },
      ],
      remainingPairs: 3,
      menteesWithoutMentor: 2,
      estimated: false,
      menteesCounted: 4,
      referenceWeek: "2026-03-30",
    });
  });

  it("previews a config that is not saved, and saves nothing", async () => {
    const skillsHard = await preview({
      criteria: [{ kind: "skills", hard: true, weight: 3 }],
      referenceWeek: "2026-01-05",
    });
    // e1 (sql 3) gets m3 (SQL 5, case-insensitive; m1 is already matched); e2 (python 4) gets m2; e3 gets m1 and m3
    expect(skillsHard).toMatchObject({
      remainingPairs: 4,
      rules: [{ removes: 7 }],
      referenceWeek: "2026-01-05",
    });
    expect(((await api.get(admin, programme.id)).json() as Programme).matchConfig).toEqual(
      programme.matchConfig,
    );
  });

  it("counts answers to the form's questions for a same-answer rule", async () => {
    const noAnswers = await preview({ criteria: [{ kind: "same", question: "track", hard: true }] });
    expect(noAnswers).toMatchObject({ remainingPairs: 0, menteesWithoutMentor: 4 });
  });

  const badConfigs: [string, object, string][] = [
    ["no criteria", { criteria: [] }, "body.matchConfig.criteria"],
    [
      "an unknown kind",
      { criteria: [{ kind: "astrology", hard: true }] },
      "body.matchConfig.criteria.0.kind",
    ],
    [
      "an unknown field",
      { criteria: [{ kind: "same", field: "shoeSize", hard: true }] },
      "body.matchConfig.criteria.0.field",
    ],
    ["a weight of 12", { criteria: [{ kind: "topics", weight: 12 }] }, "body.matchConfig.criteria.0.weight"],
    [
      "hard not a boolean",
      { criteria: [{ kind: "topics", hard: "yes" }] },
      "body.matchConfig.criteria.0.hard",
    ],
    [
      "minGap above maxGap",
      { criteria: [{ kind: "experienceGap", weight: 2, minGap: 9, maxGap: 3 }] },
      "body.matchConfig.criteria.0.minGap",
    ],
    [
      "a bad reference week",
      { criteria: [{ kind: "topics", weight: 2 }], referenceWeek: "soon" },
      "body.matchConfig.referenceWeek",
    ],
  ];
  for (const [what, matchConfig, path] of badConfigs) {
    it(`refuses ${what} with a 400 naming ${path}`, async () => {
      const error = errorOf(await api.preview(admin, programme.id, matchConfig));
      expect(error).toMatchObject({ status: 400, code: "validation_failed" });
      expect(error.paths).toContain(path);
    });
  }

  it("refuses a body without a config", async () => {
    const response = await api.call(admin, "POST", `/programmes/${programme.id}/criteria-preview`, {});
    expect(errorOf(response).paths).toEqual(["body.matchConfig"]);
  });
});

describe("the criteria preview of 5,000 mentees × 1,000 mentors", () => {
  let t: TestApp;
  let api: ReturnType<typeof programmesApi>;
  let admin: Caller;
  let programmeId: string;
  const generated = generateProgramme({ mentees: 5000, mentors: 1000, seed: 11 });

  beforeAll(async () => {
    t = await createTestApp();
    let orgId: OrgId;
    ({ orgId, admin } = await setUpOrganisation(t));
    api = programmesApi(t, orgId);
    programmeId = (await api.created(admin, { name: "Large", startsOn: "2026-01-05" })).id;
    const idOf = new Map(generated.participants.map((p) => [p.id, randomUUID() as UserId]));
    const db = t.database.db;
    const batches = [];
    for (let from = 0; from < generated.participants.length; from += 500)
      batches.push(generated.participants.slice(from, from + 500));
    // everyone first: profiles name their managers
    for (const batch of batches) {
      await db.insert(users).values(
        batch.map((p) => ({
          id: idOf.get(p.id),
          email: `${p.id}@large.test`,
          name: p.id,
          passwordHash: "x",
        })),
      );
      await db
        .insert(memberships)
        .values(batch.map((p) => ({ orgId, userId: idOf.get(p.id)!, role: "member" as const })));
    }
    for (const batch of batches) {
      await db.insert(profiles).values(
        batch.map((p) => ({
          orgId,
          userId: idOf.get(p.id)!,
          jobTitle: p.jobRole ?? "",
          bio: p.experience ?? "",
          department: p.department ?? "",
          managerId: p.managerId ? idOf.get(p.managerId) : null,
          timeZone: p.timeZone ?? "UTC",
          languages: [...(p.languages ?? [])],
          yearsExperience: p.yearsExperience,
          skillsOffered: [...(p.skillsOffered ?? [])],
          skillsWanted: [...(p.skillsWanted ?? [])],
          careerGoals: p.goals ?? "",
          availability: [...(p.availability ?? [])],
        })),
      );
      await db.insert(enrolments).values(
        batch.map((p) => ({
          orgId,
          programmeId,
          userId: idOf.get(p.id)!,
          role: p.role,
          mentorCapacity: p.mentorCapacity ?? 0,
        })),
      );
    }
  }, 180_000);
  afterAll(() => t.close());

  it("answers from a sample of the mentees, saying it estimated, for the benchmark's criteria", async () => {
    const started = performance.now();
    const response = await api.preview(admin, programmeId, { criteria: BENCH_CONFIG.criteria });
    const elapsed = performance.now() - started;
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as CriteriaPreview;
    const mentees = generated.participants.filter((p) => p.role !== "mentor").length;
    const mentors = generated.participants.filter((p) => p.role !== "mentee").length;
    expect(result).toMatchObject({ mentees, mentors, estimated: true });
    expect(result.menteesCounted).toBeLessThan(mentees);
    expect(result.rules.map((rule) => rule.label)).toEqual([
      "shared language",
      "working hours overlap >= 2 h/day",
    ]);
    expect(result.remainingPairs).toBeGreaterThan(0);
    expect(result.remainingPairs).toBeLessThan(result.totalPairs);
    console.log(`criteria preview, ${mentees} × ${mentors}: ${Math.round(elapsed)} ms`);
    // Timing belongs in benches; this bound only catches a preview that loads and scores everyone.
    expect(elapsed).toBeLessThan(10_000);
  });
});
