import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Programme } from "../../contracts/programmes.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { PROGRAMME_TRANSITIONS } from "../../core/programmes/programme-status.ts";
import { PROGRAMME_STATUSES, type ProgrammeStatus } from "../../core/programmes/types.ts";
import { type Caller, createTestApp, type TestApp } from "../testing/test-app.ts";
import { errorOf, programmesApi, setUpOrganisation } from "./programmes.test-support.ts";

/** The moves that reach each state from draft. */
const ROUTE_TO: Record<ProgrammeStatus, ProgrammeStatus[]> = {
  draft: [],
  registration_open: ["registration_open"],
  matching: ["registration_open", "matching"],
  running: ["registration_open", "matching", "running"],
  completed: ["registration_open", "matching", "running", "completed"],
  archived: ["archived"],
};

describe("programme states", () => {
  let t: TestApp;
  let orgId: OrgId;
  let admin: Caller;
  let owner: Caller;
  let api: ReturnType<typeof programmesApi>;
  const cohortIn = async (status: ProgrammeStatus) => {
    const programme = await api.created(admin, { name: `In ${status}`, startsOn: "2026-01-05" });
    return ROUTE_TO[status].length === 0 ? programme : api.moveTo(admin, programme.id, ...ROUTE_TO[status]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ orgId, admin, owner } = await setUpOrganisation(t));
    api = programmesApi(t, orgId);
  });
  afterAll(() => t.close());

  it("walks a cohort from draft to archived, each step shown in the programme", async () => {
    let programme = await cohortIn("draft");
    const seen: [ProgrammeStatus, boolean, ProgrammeStatus[]][] = [];
    for (const to of ["registration_open", "matching", "running", "completed", "archived"] as const) {
      const response = await api.transition(admin, programme.id, to);
      expect(response.statusCode, response.body).toBe(200);
      programme = response.json() as Programme;
      seen.push([programme.status, programme.registrationOpen, programme.nextStatuses]);
    }
    expect(seen).toEqual([
      ["registration_open", true, ["matching", "running", "archived"]],
      ["matching", false, ["running", "registration_open"]],
      ["running", false, ["completed"]],
      ["completed", false, ["archived"]],
      ["archived", false, []],
    ]);
  });

  for (const from of PROGRAMME_STATUSES) {
    const refused = PROGRAMME_STATUSES.filter((to) => !PROGRAMME_TRANSITIONS[from].includes(to));
    it(`refuses every illegal move from ${from} (${refused.join(", ")}) with domain_rule naming ${from}`, async () => {
      const programme = await cohortIn(from);
      for (const to of refused) {
        const error = errorOf(await api.transition(admin, programme.id, to));
        expect(error, `${from} → ${to}`).toMatchObject({ status: 422, code: "domain_rule" });
        expect(error.message).toContain(from.replace("_", " "));
      }
      expect(((await api.get(admin, programme.id)).json() as Programme).status).toBe(from);
    });
  }

  it("says what is allowed instead, e.g. completing a running programme before archiving it", async () => {
    const running = await cohortIn("running");
    expect(errorOf(await api.archive(admin, running.id)).message).toBe(
      "A programme in running cannot move to archived. From running it can move to completed. Complete it first.",
    );
  });

  it("lets registration reopen during matching, and skips matching when people choose their own mentors", async () => {
    const matching = await cohortIn("matching");
    expect((await api.moveTo(admin, matching.id, "registration_open")).registrationOpen).toBe(true);
    const open = await cohortIn("registration_open");
    expect((await api.moveTo(admin, open.id, "running")).status).toBe("running");
  });

  it("opens a cohort's registration only once it has dates", async () => {
    const undated = await api.created(admin, { name: "No dates yet" });
    const error = errorOf(await api.transition(admin, undated.id, "registration_open"));
    expect(error).toMatchObject({ status: 422, code: "domain_rule" });
    expect(error.message).toMatch(/needs its start and end dates/);
    await api.update(admin, undated.id, { startsOn: "2026-03-02" });
    expect((await api.moveTo(admin, undated.id, "registration_open")).status).toBe("registration_open");
  });

  it("keeps an evergreen programme's registration open while it matches and runs", async () => {
    const flash = await api.created(owner, { template: "flash-mentoring", name: "Flash" });
    const states: [ProgrammeStatus, boolean][] = [];
    for (const to of ["registration_open", "matching", "running", "completed"] as const) {
      const programme = await api.moveTo(owner, flash.id, to);
      states.push([programme.status, programme.registrationOpen]);
    }
    expect(states).toEqual([
      ["registration_open", true],
      ["matching", true],
      ["running", true],
      ["completed", false],
    ]);
  });

  it("archives drafts, open and completed programmes through the archive route", async () => {
    for (const status of ["draft", "registration_open", "completed"] as const) {
      const programme = await cohortIn(status);
      const response = await api.archive(admin, programme.id);
      expect(response.statusCode, response.body).toBe(200);
      expect((response.json() as Programme).status).toBe("archived");
    }
    const archived = await cohortIn("archived");
    expect(errorOf(await api.archive(admin, archived.id))).toMatchObject({
      status: 422,
      message: "The programme is already archived.",
    });
  });

  it("refuses an unknown state with a 400 naming body.to", async () => {
    const programme = await cohortIn("draft");
    for (const body of [{ to: "paused" }, {}, { to: "running", why: "x" }]) {
      const response = await api.call(admin, "POST", `/programmes/${programme.id}/transition`, body);
      expect(errorOf(response).status, JSON.stringify(body)).toBe(400);
    }
    expect(errorOf(await api.transition(admin, programme.id, "paused")).paths).toEqual(["body.to"]);
  });

  it("applies two admins' simultaneous moves one after the other (the row is locked)", async () => {
    const programme = await cohortIn("registration_open");
    const responses = await Promise.all([
      api.transition(admin, programme.id, "matching"),
      api.transition(owner, programme.id, "matching"),
      api.transition(admin, programme.id, "archived"),
    ]);
    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes.filter((code) => code === 200)).toHaveLength(1);
    expect(codes.filter((code) => code === 422)).toHaveLength(2);
    const winner = responses.find((response) => response.statusCode === 200)!.json() as Programme;
    expect(((await api.get(admin, programme.id)).json() as Programme).status).toBe(winner.status);
  });
});
