import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Programme, ProgrammeList } from "../../contracts/programmes.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { addPeople } from "../testing/programme-fixtures.ts";
import { type Caller, createTestApp, type TestApp } from "../testing/test-app.ts";
import { errorOf, programmesApi, setUpOrganisation } from "./programmes.test-support.ts";

describe("programmes: templates, create, get, list, duplicate", () => {
  let t: TestApp;
  let orgId: OrgId;
  let owner: Caller;
  let admin: Caller;
  let member: Caller;
  let api: ReturnType<typeof programmesApi>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ orgId, owner, admin, member } = await setUpOrganisation(t));
    api = programmesApi(t, orgId);
  });
  afterAll(() => t.close());

  it("lists the five templates with their settings", async () => {
    const response = await api.templates(admin);
    expect(response.statusCode).toBe(200);
    const { templates } = response.json() as { templates: { id: string; name: string; settings: object }[] };
    expect(templates.map((template) => template.id)).toEqual([
      "developer-cohort",
      "career-mentoring",
      "flash-mentoring",
      "peer-circles",
      "coaching",
    ]);
    expect(templates[0].settings).toMatchObject({
      cohortWeeks: 12,
      requestExpiryDays: 14,
      requestReminderDays: 3,
      matchingMode: "both",
    });
  });

  it("creates a draft from a template: the template's settings, the admin's name, end = start + cohort", async () => {
    const programme = await api.created(admin, {
      template: "developer-cohort",
      name: "  Spring developer cohort  ",
      startsOn: "2026-01-05",
    });
    expect(programme).toMatchObject({
      name: "Spring developer cohort",
      status: "draft",
      template: "developer-cohort",
      type: "one_to_one",
      startsOn: "2026-01-05",
      endsOn: "2026-03-30",
      defaultMentorCapacity: 2,
      matchingMode: "both",
      requestExpiryDays: 14,
      requestReminderDays: 3,
      registrationOpen: false,
      nextStatuses: ["registration_open", "archived"],
      frozenFields: [],
      counts: { mentors: 0, mentees: 0, pendingApproval: 0, relationships: 0, liveRelationships: 0 },
    });
    expect(programme.registrationForm.map((question) => question.id)).toEqual([
      "track",
      "grow_goal",
      "skills_focus",
      "hours_per_month",
    ]);
    expect(programme.matchConfig.criteria).toContainEqual({ kind: "same", question: "track", weight: 6 });
    const fetched = await api.get(admin, programme.id);
    expect(fetched.json()).toEqual(programme);
  });

  it("lets the admin override any template setting when creating", async () => {
    const programme = await api.created(owner, {
      template: "career-mentoring",
      name: "Career mentoring, autumn",
      startsOn: "2026-09-07",
      endsOn: "2026-12-14",
      defaultMentorCapacity: 3,
      matchingMode: "admin",
      requiresApproval: true,
      matchConfig: {
        criteria: [
          { kind: "language", hard: true },
          { kind: "goals", weight: 4 },
        ],
      },
    });
    expect(programme).toMatchObject({
      endsOn: "2026-12-14",
      defaultMentorCapacity: 3,
      matchingMode: "admin",
      requiresApproval: true,
    });
    expect(programme.matchConfig.criteria).toHaveLength(2);
  });

  it("creates from scratch with the defaults: 1:1, 12 weeks, both modes, 14 days with a reminder 3 before", async () => {
    const programme = await api.created(admin, { name: "From scratch", startsOn: "2026-02-02" });
    expect(programme).toMatchObject({
      template: null,
      type: "one_to_one",
      evergreen: false,
      startsOn: "2026-02-02",
      endsOn: "2026-04-27",
      rolesOffered: ["mentee", "mentor"],
      defaultMentorCapacity: 1,
      matchingMode: "both",
      registrationForm: [],
      requestExpiryDays: 14,
      requestReminderDays: 3,
      pendingRequestCap: 3,
      requiresApproval: false,
    });
    expect(programme.matchConfig.criteria.length).toBeGreaterThan(0);
  });

  it("creates an evergreen programme without dates, and a cohort without dates yet", async () => {
    const flash = await api.created(admin, { template: "flash-mentoring", name: "Ask me anything" });
    expect(flash).toMatchObject({ evergreen: true, startsOn: null, endsOn: null, type: "flash" });
    const undated = await api.created(admin, { template: "peer-circles", name: "Circles" });
    expect(undated).toMatchObject({ evergreen: false, startsOn: null, endsOn: null, rolesOffered: ["both"] });
  });

  const validForm = [
    {
      id: "track",
      kind: "single_choice",
      label: "Track",
      required: true,
      usedInMatching: true,
      options: ["a", "b"],
    },
  ];
  const badCreates: [string, object, string][] = [
    ["a missing name", { name: undefined }, "body.name"],
    ["a blank name", { name: "   " }, "body.name"],
    ["a name too long", { name: "n".repeat(121) }, "body.name"],
    ["a description too long", { description: "d".repeat(4001) }, "body.description"],
    ["an unknown template", { template: "speed-dating" }, "body.template"],
    ["an unknown type", { type: "mob" }, "body.type"],
    ["evergreen not a boolean", { evergreen: "yes" }, "body.evergreen"],
    ["an impossible start date", { startsOn: "2026-02-30" }, "body.startsOn"],
    ["an end before the start", { startsOn: "2026-03-01", endsOn: "2026-02-01" }, "body.endsOn"],
    ["an end without a start", { endsOn: "2026-02-01" }, "body.startsOn"],
    ["dates on an evergreen programme", { evergreen: true, startsOn: "2026-03-01" }, "body.startsOn"],
    ["no roles", { rolesOffered: [] }, "body.rolesOffered"],
    ["an unknown role", { rolesOffered: ["boss"] }, "body.rolesOffered.0"],
    ["only one side", { rolesOffered: ["mentee"] }, "body.rolesOffered"],
    ["capacity 0", { defaultMentorCapacity: 0 }, "body.defaultMentorCapacity"],
    ["capacity 51", { defaultMentorCapacity: 51 }, "body.defaultMentorCapacity"],
    ["a fractional capacity", { defaultMentorCapacity: 1.5 }, "body.defaultMentorCapacity"],
    ["an unknown matching mode", { matchingMode: "lottery" }, "body.matchingMode"],
    [
      "a question id with spaces",
      { registrationForm: [{ ...validForm[0], id: "my track" }] },
      "body.registrationForm.0.id",
    ],
    [
      "a question id used twice",
      { registrationForm: [validForm[0], validForm[0]] },
      "body.registrationForm.1.id",
    ],
    [
      "a choice question with one choice",
      { registrationForm: [{ ...validForm[0], options: ["a"] }] },
      "body.registrationForm.0.options",
    ],
    [
      "the same choice twice",
      { registrationForm: [{ ...validForm[0], options: ["a", "a"] }] },
      "body.registrationForm.0.options",
    ],
    [
      "an unknown question kind",
      { registrationForm: [{ ...validForm[0], kind: "essay" }] },
      "body.registrationForm.0.kind",
    ],
    [
      "a blank question label",
      { registrationForm: [{ ...validForm[0], label: "" }] },
      "body.registrationForm.0.label",
    ],
    [
      "a scale running backwards",
      {
        registrationForm: [
          { id: "s", kind: "scale", label: "S", required: true, usedInMatching: false, min: 5, max: 1 },
        ],
      },
      "body.registrationForm.0.max",
    ],
    [
      "an unknown question setting",
      { registrationForm: [{ ...validForm[0], colour: "red" }] },
      "body.registrationForm.0.colour",
    ],
    ["no criteria", { matchConfig: { criteria: [] } }, "body.matchConfig.criteria"],
    [
      "an unknown criterion",
      { matchConfig: { criteria: [{ kind: "vibes", weight: 3 }] } },
      "body.matchConfig.criteria.0.kind",
    ],
    [
      "a weight of 11",
      { matchConfig: { criteria: [{ kind: "skills", weight: 11 }] } },
      "body.matchConfig.criteria.0.weight",
    ],
    [
      "a criterion that does nothing",
      { matchConfig: { criteria: [{ kind: "skills", weight: 0 }] } },
      "body.matchConfig.criteria.0",
    ],
    [
      "a setting another kind has",
      { matchConfig: { criteria: [{ kind: "skills", weight: 2, minGap: 3 }] } },
      "body.matchConfig.criteria.0.minGap",
    ],
    [
      "same without a field",
      { matchConfig: { criteria: [{ kind: "same", weight: 2 }] } },
      "body.matchConfig.criteria.0",
    ],
    [
      "a bad working day",
      { matchConfig: { criteria: [{ kind: "workingHours", weight: 2, workdayStart: "25:00" }] } },
      "body.matchConfig.criteria.0.workdayStart",
    ],
    [
      "a criterion on a question not asked",
      { matchConfig: { criteria: [{ kind: "same", question: "track", weight: 2 }] } },
      "body.matchConfig.criteria.0.question",
    ],
    ["expiry 0 days", { requestExpiryDays: 0 }, "body.requestExpiryDays"],
    ["expiry 91 days", { requestExpiryDays: 91 }, "body.requestExpiryDays"],
    [
      "a reminder on the day of expiry",
      { requestExpiryDays: 5, requestReminderDays: 5 },
      "body.requestReminderDays",
    ],
    ["a negative reminder", { requestReminderDays: -1 }, "body.requestReminderDays"],
    ["a request cap of 0", { pendingRequestCap: 0 }, "body.pendingRequestCap"],
    ["a request cap of 21", { pendingRequestCap: 21 }, "body.pendingRequestCap"],
    ["approval not a boolean", { requiresApproval: "no" }, "body.requiresApproval"],
    ["an unknown field", { colour: "green" }, "body.colour"],
  ];
  for (const [what, change, path] of badCreates) {
    it(`refuses ${what} with a 400 naming ${path}`, async () => {
      const response = await api.create(admin, { name: "Bad input", ...change });
      const error = errorOf(response);
      expect(error.status, response.body).toBe(400);
      expect(error.code).toBe("validation_failed");
      expect(error.paths).toContain(path);
      expect(error.details.every((detail) => detail.message.length > 0)).toBe(true);
    });
  }

  it("creates nothing when the input is bad", async () => {
    const before = (await api.list(admin)).json() as ProgrammeList;
    await api.create(admin, { name: "Half", matchConfig: { criteria: [] } });
    expect(((await api.list(admin)).json() as ProgrammeList).programmes).toHaveLength(
      before.programmes.length,
    );
  });

  describe("lists", () => {
    let open: Programme;
    let enrolledRunning: Programme;
    let draft: Programme;
    let archived: Programme;
    let ids: Record<string, UserId>;

    beforeAll(async () => {
      open = await api.created(admin, {
        template: "developer-cohort",
        name: "Open cohort",
        startsOn: "2026-05-04",
      });
      await api.moveTo(admin, open.id, "registration_open");
      enrolledRunning = await api.created(admin, {
        template: "coaching",
        name: "Running coaching",
        startsOn: "2026-01-05",
      });
      draft = await api.created(admin, { name: "Quiet draft", startsOn: "2026-06-01" });
      archived = await api.created(admin, { name: "Old one", startsOn: "2025-01-06" });
      await api.archive(admin, archived.id);
      ids = await addPeople(t, orgId, enrolledRunning.id as ProgrammeId, [
        { email: "mentor1@acme.test", role: "mentor", mentorCapacity: 2 },
        { email: "mentor2@acme.test", role: "mentor", status: "paused" },
        { email: "peer@acme.test", role: "both" },
        { email: "mentee1@acme.test", role: "mentee" },
        { email: "mentee2@acme.test", role: "mentee", status: "pending_approval" },
        { email: "gone@acme.test", role: "mentee", status: "left" },
      ]);
      await t.deps.repos.enrolments.insert({
        orgId,
        programmeId: enrolledRunning.id as ProgrammeId,
        userId: member.me.user.id,
        role: "mentee",
        status: "active",
        mentorCapacity: 0,
        answers: {},
        source: "admin",
      });
      await api.moveTo(admin, enrolledRunning.id, "registration_open", "running");
      await t.deps.repos.relationships.create({
        orgId,
        programmeId: enrolledRunning.id as ProgrammeId,
        menteeId: ids["mentee1@acme.test"],
        mentorId: ids["mentor1@acme.test"],
        origin: "admin",
        endsOn: "2026-04-27",
        actorId: null,
      });
    });

    const summaries = async (caller: Caller, query = "") => {
      const response = await api.list(caller, query);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as ProgrammeList).programmes;
    };

    it("shows admins every programme but archived ones, newest first, with counts", async () => {
      const programmes = await summaries(admin);
      const names = programmes.map((programme) => programme.name);
      expect(names.slice(0, 3)).toEqual(["Quiet draft", "Running coaching", "Open cohort"]);
      expect(names).not.toContain("Old one");
      expect(programmes.find((programme) => programme.id === enrolledRunning.id)?.counts).toEqual({
        mentors: 3,
        mentees: 3,
        pendingApproval: 1,
        relationships: 1,
        liveRelationships: 1,
      });
      expect(programmes.find((programme) => programme.id === open.id)).toMatchObject({
        registrationOpen: true,
        counts: { mentors: 0, mentees: 0 },
      });
    });

    it("filters by state for admins, archived included when asked", async () => {
      expect((await summaries(admin, "?status=archived")).map((programme) => programme.id)).toEqual([
        archived.id,
      ]);
      expect((await summaries(admin, "?status=running")).map((programme) => programme.id)).toEqual([
        enrolledRunning.id,
      ]);
      const bad = await api.list(admin, "?status=paused");
      expect(errorOf(bad)).toMatchObject({ status: 400, paths: ["query.status"] });
    });

    it("shows members what is open for registration and what they are in, with their enrolment", async () => {
      const programmes = await summaries(member);
      expect(programmes.map((programme) => programme.name).sort()).toEqual([
        "Open cohort",
        "Running coaching",
      ]);
      expect(programmes.find((programme) => programme.id === enrolledRunning.id)).toMatchObject({
        myEnrolment: { role: "mentee", status: "active" },
        registrationOpen: false,
        counts: null,
      });
      expect(programmes.find((programme) => programme.id === open.id)?.myEnrolment).toBeNull();
    });

    it("lets members read a programme they may see, without admin details; others are 404", async () => {
      const response = await api.get(member, enrolledRunning.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ counts: null, nextStatuses: [], frozenFields: [] });
      expect((await api.get(member, open.id)).statusCode).toBe(200);
      for (const hidden of [draft.id, archived.id]) {
        const refused = await api.get(member, hidden);
        expect(errorOf(refused)).toMatchObject({ status: 404, code: "not_found" });
      }
    });

    it("shows an admin's running programme with its frozen settings and next state", async () => {
      const programme = (await api.get(admin, enrolledRunning.id)).json() as Programme;
      expect(programme.nextStatuses).toEqual(["completed"]);
      expect(programme.frozenFields.map((item) => item.field).sort()).toEqual([
        "evergreen",
        "registrationForm",
        "rolesOffered",
        "startsOn",
        "type",
      ]);
    });

    it("duplicates settings, form and criteria but not people, as a draft named Copy of ...", async () => {
      const response = await api.duplicate(admin, enrolledRunning.id);
      expect(response.statusCode, response.body).toBe(201);
      const copy = response.json() as Programme;
      const original = (await api.get(admin, enrolledRunning.id)).json() as Programme;
      expect(copy.id).not.toBe(original.id);
      expect(copy).toMatchObject({
        name: "Copy of Running coaching",
        status: "draft",
        template: "coaching",
        registrationForm: original.registrationForm,
        matchConfig: original.matchConfig,
        requiresApproval: true,
        counts: { mentors: 0, mentees: 0, pendingApproval: 0, relationships: 0, liveRelationships: 0 },
        myEnrolment: null,
      });
      const again = (await api.duplicate(admin, enrolledRunning.id)).json() as Programme;
      expect(again.id).not.toBe(copy.id);
    });

    it("keeps a copy's name within the limit, shortened with a visible ellipsis", async () => {
      const long = await api.created(admin, { name: "L".repeat(120) });
      const copy = (await api.duplicate(admin, long.id)).json() as Programme;
      expect(copy.name).toHaveLength(120);
      expect(copy.name.startsWith("Copy of LLL")).toBe(true);
      expect(copy.name.endsWith("L…")).toBe(true);
    });
  });

  it("answers 404 for a programme that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-0000000000ff";
    for (const response of [
      await api.get(admin, missing),
      await api.update(admin, missing, { name: "x" }),
      await api.duplicate(admin, missing),
      await api.archive(admin, missing),
      await api.transition(admin, missing, "registration_open"),
      await api.preview(admin, missing, { criteria: [{ kind: "language", hard: true }] }),
    ])
      expect(errorOf(response)).toMatchObject({ status: 404, code: "not_found" });
  });
});
