import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Programme } from "../../contracts/programmes.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { type Caller, createTestApp, type TestApp } from "../testing/test-app.ts";
import { errorOf, programmesApi, setUpOrganisation } from "./programmes.test-support.ts";

describe("changing a programme's settings", () => {
  let t: TestApp;
  let orgId: OrgId;
  let admin: Caller;
  let api: ReturnType<typeof programmesApi>;
  const fresh = (body: object = {}) =>
    api.created(admin, { template: "developer-cohort", name: "Cohort", startsOn: "2026-01-05", ...body });

  beforeAll(async () => {
    t = await createTestApp();
    ({ orgId, admin } = await setUpOrganisation(t));
    api = programmesApi(t, orgId);
  });
  afterAll(() => t.close());

  const patched = async (id: string, body: object) => {
    const response = await api.update(admin, id, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Programme;
  };

  it("changes only what is sent and keeps the rest", async () => {
    const programme = await fresh();
    const changed = await patched(programme.id, {
      name: "Autumn cohort",
      description: "New words",
      defaultMentorCapacity: 4,
      pendingRequestCap: 5,
      requiresApproval: true,
    });
    expect(changed).toMatchObject({
      name: "Autumn cohort",
      description: "New words",
      defaultMentorCapacity: 4,
      pendingRequestCap: 5,
      requiresApproval: true,
      startsOn: "2026-01-05",
      registrationForm: programme.registrationForm,
      matchConfig: programme.matchConfig,
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(programme.updatedAt));
    expect((await api.get(admin, programme.id)).json()).toEqual(changed);
  });

  it("saves an edited form and criteria together, checked against each other", async () => {
    const programme = await fresh();
    const registrationForm = [
      ...programme.registrationForm,
      {
        id: "timezone_band",
        kind: "single_choice",
        label: "When do you work?",
        required: false,
        usedInMatching: true,
        options: ["Early", "Late"],
      },
    ];
    const matchConfig = {
      criteria: [...programme.matchConfig.criteria, { kind: "same", question: "timezone_band", hard: true }],
    };
    const changed = await patched(programme.id, { registrationForm, matchConfig });
    expect(changed.registrationForm.at(-1)?.id).toBe("timezone_band");
    expect(changed.matchConfig.criteria.at(-1)).toEqual({
      kind: "same",
      question: "timezone_band",
      hard: true,
    });

    // removing the question the criterion compares is refused, naming the criterion
    const refused = await api.update(admin, programme.id, { registrationForm: programme.registrationForm });
    expect(errorOf(refused)).toMatchObject({
      status: 400,
      paths: [`body.matchConfig.criteria.${matchConfig.criteria.length - 1}.question`],
    });
  });

  it("ends a cohort after its template's length when the end is cleared", async () => {
    const career = await api.created(admin, {
      template: "career-mentoring",
      name: "Career",
      startsOn: "2026-01-05",
    });
    expect(career.endsOn).toBe("2026-07-06");
    expect((await patched(career.id, { endsOn: "2026-05-04" })).endsOn).toBe("2026-05-04");
    expect((await patched(career.id, { endsOn: null })).endsOn).toBe("2026-07-06");
  });

  it("sets a cohort's end 12 weeks after a new start when it had none; making it evergreen clears the dates", async () => {
    const programme = await api.created(admin, { name: "Undated" });
    expect((await patched(programme.id, { startsOn: "2026-04-06" })).endsOn).toBe("2026-06-29");
    const evergreen = await patched(programme.id, { evergreen: true });
    expect(evergreen).toMatchObject({ evergreen: true, startsOn: null, endsOn: null });
    const cohortAgain = await patched(programme.id, {
      evergreen: false,
      startsOn: "2026-05-04",
      endsOn: "2026-06-01",
    });
    expect(cohortAgain).toMatchObject({ startsOn: "2026-05-04", endsOn: "2026-06-01" });
  });

  const badPatches: [string, object, string][] = [
    ["nothing to change", {}, "body"],
    ["a blank name", { name: "" }, "body.name"],
    ["a null name", { name: null }, "body.name"],
    ["an unknown type", { type: "solo" }, "body.type"],
    ["an end before the start", { endsOn: "2025-12-01" }, "body.endsOn"],
    ["a date that is not a date", { startsOn: "next monday" }, "body.startsOn"],
    ["dates on an evergreen programme", { evergreen: true, startsOn: "2026-01-05" }, "body.startsOn"],
    ["roles for one side only", { rolesOffered: ["mentor"] }, "body.rolesOffered"],
    ["capacity 0", { defaultMentorCapacity: 0 }, "body.defaultMentorCapacity"],
    ["an unknown matching mode", { matchingMode: "random" }, "body.matchingMode"],
    ["a form that is not a list", { registrationForm: { id: "x" } }, "body.registrationForm"],
    [
      "a question without a label",
      { registrationForm: [{ id: "q", kind: "text", required: true, usedInMatching: false }] },
      "body.registrationForm.0.label",
    ],
    ["criteria without a list", { matchConfig: {} }, "body.matchConfig.criteria"],
    [
      "a negative weight",
      { matchConfig: { criteria: [{ kind: "skills", weight: -1 }] } },
      "body.matchConfig.criteria.0.weight",
    ],
    [
      "an unknown config field",
      { matchConfig: { criteria: [{ kind: "skills", weight: 1 }], mood: 1 } },
      "body.matchConfig.mood",
    ],
    ["a reminder after expiry", { requestExpiryDays: 2 }, "body.requestReminderDays"],
    ["a cap of 100", { pendingRequestCap: 100 }, "body.pendingRequestCap"],
    ["the template (not a setting)", { template: "coaching" }, "body.template"],
    ["the state (use transition)", { status: "running" }, "body.status"],
  ];
  for (const [what, body, path] of badPatches) {
    it(`refuses ${what} with a 400 naming ${path}, changing nothing`, async () => {
      const programme = await fresh();
      const response = await api.update(admin, programme.id, body);
      const error = errorOf(response);
      expect(error.status, response.body).toBe(400);
      expect(error.code).toBe("validation_failed");
      expect(error.paths).toContain(path);
      expect((await api.get(admin, programme.id)).json()).toEqual(programme);
    });
  }

  describe("frozen settings", () => {
    it("freezes type, evergreen, start, roles and the form of a running cohort (422 naming each)", async () => {
      const programme = await fresh();
      await api.moveTo(admin, programme.id, "registration_open", "matching", "running");
      const attempts: [object, string][] = [
        [{ type: "group" }, "body.type"],
        [{ evergreen: true }, "body.evergreen"],
        [{ startsOn: "2026-01-12" }, "body.startsOn"],
        [{ rolesOffered: ["both"] }, "body.rolesOffered"],
        [{ registrationForm: [] }, "body.registrationForm"],
      ];
      for (const [body, path] of attempts) {
        const error = errorOf(await api.update(admin, programme.id, body));
        expect(error, JSON.stringify(body)).toMatchObject({
          status: 422,
          code: "domain_rule",
          paths: [path],
        });
        expect(error.message).toMatch(/once the programme is running|once a cohort is running/);
      }
      const both = errorOf(await api.update(admin, programme.id, { type: "peer", rolesOffered: ["both"] }));
      expect(both.paths).toEqual(["body.type", "body.rolesOffered"]);
      expect((await api.get(admin, programme.id)).json()).toMatchObject({
        type: "one_to_one",
        status: "running",
      });
    });

    it("still lets a running cohort extend its end, retune criteria and request rules", async () => {
      const programme = await fresh();
      await api.moveTo(admin, programme.id, "registration_open", "running");
      const changed = await patched(programme.id, {
        endsOn: "2026-05-04",
        matchingMode: "self",
        matchConfig: {
          criteria: [
            { kind: "language", hard: true },
            { kind: "skills", weight: 9 },
          ],
        },
        requestExpiryDays: 10,
        pendingRequestCap: 2,
        name: "Extended cohort",
      });
      expect(changed).toMatchObject({ endsOn: "2026-05-04", matchingMode: "self", requestExpiryDays: 10 });
    });

    it("accepts frozen settings sent unchanged (a settings page sends everything it shows)", async () => {
      const programme = await fresh();
      const running = await api.moveTo(admin, programme.id, "registration_open", "running");
      const changed = await patched(programme.id, {
        type: running.type,
        startsOn: running.startsOn,
        rolesOffered: running.rolesOffered,
        registrationForm: running.registrationForm,
        evergreen: running.evergreen,
        description: "Only this changes",
      });
      expect(changed.description).toBe("Only this changes");
    });

    it("keeps an evergreen programme's form editable while it runs", async () => {
      const flash = await api.created(admin, { template: "flash-mentoring", name: "Flash" });
      await api.moveTo(admin, flash.id, "registration_open", "running");
      const changed = await patched(flash.id, {
        registrationForm: [
          { id: "q", kind: "text", label: "Your question", required: true, usedInMatching: false },
        ],
      });
      expect(changed.registrationForm).toHaveLength(1);
    });

    it("leaves only name and description of a completed programme, nothing of an archived one", async () => {
      const programme = await fresh();
      await api.moveTo(admin, programme.id, "registration_open", "running", "completed");
      expect(errorOf(await api.update(admin, programme.id, { pendingRequestCap: 4 }))).toMatchObject({
        status: 422,
        paths: ["body.pendingRequestCap"],
      });
      expect((await patched(programme.id, { name: "Done cohort" })).name).toBe("Done cohort");
      await api.archive(admin, programme.id);
      const archived = errorOf(await api.update(admin, programme.id, { name: "Renamed" }));
      expect(archived).toMatchObject({ status: 422, code: "domain_rule", paths: ["body.name"] });
      expect(archived.message).toMatch(/archived \(duplicate it to run it again\)/);
    });
  });
});
