import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Programme } from "../../contracts/programmes.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { addPeople, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, createSecondOrganisation, createTestApp, type TestApp } from "../testing/test-app.ts";
import { errorOf, programmesApi, setUpOrganisation } from "./programmes.test-support.ts";

const config = { criteria: [{ kind: "language", hard: true }] };

describe("who may do what with programmes", () => {
  let t: TestApp;
  let orgA: OrgId;
  let adminA: Caller;
  let memberA: Caller;
  let ownerB: Caller;
  let apiA: ReturnType<typeof programmesApi>;
  let apiB: ReturnType<typeof programmesApi>;
  let ofA: Programme;
  let ofB: Programme;

  beforeAll(async () => {
    t = await createTestApp();
    ({ orgId: orgA, admin: adminA, member: memberA } = await setUpOrganisation(t));
    apiA = programmesApi(t, orgA);
    ofA = await apiA.created(adminA, {
      template: "developer-cohort",
      name: "A's cohort",
      startsOn: "2026-01-05",
    });
    await apiA.moveTo(adminA, ofA.id, "registration_open");
    const b = await createSecondOrganisation(t);
    ownerB = b.owner;
    apiB = programmesApi(t, b.orgId);
    ofB = await apiB.created(ownerB, { template: "coaching", name: "B's coaching", startsOn: "2026-01-05" });
    await apiB.moveTo(ownerB, ofB.id, "registration_open");
  });
  afterAll(() => t.close());

  const writes = (api: ReturnType<typeof programmesApi>, caller: Caller, id: string) => ({
    templates: () => api.templates(caller),
    create: () => api.create(caller, { name: "Mine now", template: "flash-mentoring" }),
    update: () => api.update(caller, id, { name: "Taken over" }),
    duplicate: () => api.duplicate(caller, id),
    archive: () => api.archive(caller, id),
    transition: () => api.transition(caller, id, "matching"),
    preview: () => api.preview(caller, id, config),
  });

  it("refuses members every admin route with 403, and changes nothing", async () => {
    for (const [name, call] of Object.entries(writes(apiA, memberA, ofA.id))) {
      const error = errorOf(await call());
      expect(error, name).toMatchObject({ status: 403, code: "forbidden" });
    }
    const after = (await apiA.get(adminA, ofA.id)).json() as Programme;
    expect(after).toMatchObject({ name: "A's cohort", status: "registration_open" });
    expect((await apiA.list(adminA)).json().programmes).toHaveLength(1);
  });

  it("refuses a participant too: being a mentor in a programme gives no admin rights over it", async () => {
    await addPeople(t, orgA, ofA.id as ProgrammeId, [{ email: "mentor@acme.test", role: "mentor" }]);
    const mentor = await signInFixture(t, "mentor@acme.test");
    expect((await apiA.get(mentor, ofA.id)).json()).toMatchObject({
      myEnrolment: { role: "mentor", status: "active" },
      counts: null,
    });
    for (const [name, call] of Object.entries(writes(apiA, mentor, ofA.id)))
      expect(errorOf(await call()).status, name).toBe(403);
  });

  it("answers 404 to an admin of A using A's path with B's programme id, and B is untouched", async () => {
    const attempts = { get: () => apiA.get(adminA, ofB.id), ...writes(apiA, adminA, ofB.id) };
    for (const [name, call] of Object.entries(attempts)) {
      if (name === "templates" || name === "create") continue;
      const error = errorOf(await call());
      expect(error, name).toMatchObject({ status: 404, code: "not_found", message: "Programme not found." });
    }
    const b = (await apiB.get(ownerB, ofB.id)).json() as Programme;
    expect(b).toMatchObject({ name: "B's coaching", status: "registration_open" });
    expect((await apiB.list(ownerB)).json().programmes.map((p: Programme) => p.id)).toEqual([ofB.id]);
  });

  it("shows nobody in A a programme of B, even one open for registration", async () => {
    for (const caller of [adminA, memberA]) {
      const names = (await apiA.list(caller)).json().programmes.map((p: Programme) => p.name);
      expect(names).not.toContain("B's coaching");
    }
  });

  it("answers 404 to A's people on B's paths, the same as an organisation that does not exist", async () => {
    for (const caller of [adminA, memberA]) {
      for (const [name, call] of Object.entries({
        list: () => apiB.list(caller),
        ...writes(apiB, caller, ofB.id),
      })) {
        const error = errorOf(await call());
        expect(error, name).toMatchObject({
          status: 404,
          code: "not_found",
          message: "Organisation not found.",
        });
      }
    }
  });

  it("needs a signed-in caller and the CSRF token for writes", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: `/api/orgs/${orgA}/programmes` });
    expect(errorOf(anonymous)).toMatchObject({ status: 401, code: "not_signed_in" });
    const noToken = await t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${orgA}/programmes/${ofA.id}`,
      headers: { cookie: adminA.cookie },
      payload: { name: "No token" },
    });
    expect(errorOf(noToken)).toMatchObject({ status: 403, code: "csrf_failed" });
  });

  it("refuses a programme id that is not a uuid with a 400 naming the parameter", async () => {
    expect(errorOf(await apiA.get(adminA, "not-a-uuid"))).toMatchObject({
      status: 400,
      paths: ["params.programmeId"],
    });
  });
});
