import { readNotifications } from "../testing/read-notifications.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrolmentRoutes } from "../../contracts/enrolment.routes.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { relationships } from "../../db/schema.ts";
import { fillPath, sampleBody } from "../testing/route-samples.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

describe("a programme's participants, for admins", () => {
  let t: TestApp;
  let orgId: OrgId;
  let owner: Caller;
  let member: Caller;
  let programme: ProgrammeRecord;
  let ids: Record<string, UserId>;
  let enrolmentOf: Record<string, string>;

  const base = () => `/api/orgs/${orgId}/programmes/${programme.id}/participants`;
  const call = (caller: Caller, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: caller.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    programme = await createProgramme(t, orgId, {
      name: "Autumn cohort",
      status: "registration_open",
      requiresApproval: true,
    });
    ids = await addPeople(t, orgId, programme.id, [
      { email: "ada@acme.test", name: "Ada Active", role: "mentor", mentorCapacity: 2 },
      { email: "ben@acme.test", name: "Ben Pending", role: "mentee", status: "pending_approval" },
      { email: "cy@acme.test", name: "Cy Pending", role: "mentee", status: "pending_approval" },
      { email: "dee@acme.test", name: "Dee Paused", role: "mentor", status: "paused" },
      { email: "eve@acme.test", name: "Eve Both", role: "both" },
      { email: "fay@acme.test", name: "Fay Left", role: "mentee", status: "left" },
      { email: "plain@acme.test", name: "Plain Member" },
    ]);
    member = await signInFixture(t, "plain@acme.test");
    const list = await call(owner, "GET", `${base()}?limit=200`);
    enrolmentOf = Object.fromEntries(
      list
        .json()
        .participants.map((participant: { email: string; enrolmentId: string }) => [
          participant.email,
          participant.enrolmentId,
        ]),
    );
  });
  afterAll(() => t.close());

  it("lists people with role, status and capacity, and counts the whole programme by role and status", async () => {
    const response = await call(owner, "GET", base());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.total).toBe(6);
    expect(body.participants.map((participant: { name: string }) => participant.name)).toEqual([
      "Ada Active",
      "Ben Pending",
      "Cy Pending",
      "Dee Paused",
      "Eve Both",
      "Fay Left",
    ]);
    expect(body.participants[0]).toMatchObject({
      email: "ada@acme.test",
      userId: ids["ada@acme.test"],
      role: "mentor",
      status: "active",
      mentorCapacity: 2,
      source: "admin",
      answersComplete: true,
    });
    expect(body.counts).toEqual({
      all: 6,
      byRole: { mentee: 3, mentor: 2, both: 1 },
      byStatus: { pending_approval: 2, active: 2, paused: 1, left: 1, declined: 0 },
    });
  });

  it("filters by role and status, searches names and emails, and pages", async () => {
    const names = async (query: string) =>
      (await call(owner, "GET", `${base()}?${query}`))
        .json()
        .participants.map((item: { name: string }) => item.name);
    expect(await names("role=mentor")).toEqual(["Ada Active", "Dee Paused"]);
    expect(await names("status=pending_approval")).toEqual(["Ben Pending", "Cy Pending"]);
    expect(await names("role=mentee&status=left")).toEqual(["Fay Left"]);
    expect(await names("q=pend")).toEqual(["Ben Pending", "Cy Pending"]);
    expect(await names("q=EVE%40ACME")).toEqual(["Eve Both"]);
    expect(await names("q=100%25")).toEqual([]);
    expect(await names("limit=2&offset=2")).toEqual(["Cy Pending", "Dee Paused"]);
    const filtered = (await call(owner, "GET", `${base()}?role=mentor`)).json();
    expect(filtered.total).toBe(2);
    expect(filtered.counts.all).toBe(6);
    for (const query of [
      "role=boss",
      "status=gone",
      "limit=0",
      "limit=500",
      "offset=-1",
      "bogus=1",
      `q=${"x".repeat(201)}`,
    ]) {
      const response = await call(owner, "GET", `${base()}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details[0].path).toMatch(/^query\./);
    }
  });

  it("approves a pending registration and tells the person in the app and by email", async () => {
    const response = await call(owner, "POST", `${base()}/${enrolmentOf["ben@acme.test"]}/approve`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ name: "Ben Pending", status: "active" });
    const notices = await readNotifications(t, orgId, ids["ben@acme.test"], { limit: 5 });
    expect(notices[0]).toMatchObject({ kind: "enrolment.approved", title: "You are in: Autumn cohort" });
    const [email] = await emailsTo(t, "ben@acme.test");
    expect(email.subject).toBe("You are in: Autumn cohort");
    expect(email.text).toContain(`/programmes/${programme.id}/register`);
    const again = await call(owner, "POST", `${base()}/${enrolmentOf["ben@acme.test"]}/approve`);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toMatch(/waiting for approval/);
  });

  it("declines with a reason the person is told; only pending registrations can be decided", async () => {
    const response = await call(owner, "POST", `${base()}/${enrolmentOf["cy@acme.test"]}/decline`, {
      reason: "The cohort is full this time.",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe("declined");
    const [email] = await emailsTo(t, "cy@acme.test");
    expect(email.subject).toBe("Your registration for Autumn cohort was declined");
    expect(email.text).toContain("The cohort is full this time.");
    expect(
      (await call(owner, "POST", `${base()}/${enrolmentOf["ada@acme.test"]}/decline`, {})).statusCode,
    ).toBe(422);
    const tooLong = await call(owner, "POST", `${base()}/${enrolmentOf["ada@acme.test"]}/decline`, {
      reason: "x".repeat(501),
    });
    expect(tooLong.statusCode).toBe(400);
    // A declined person cannot register again by themselves.
    const cy = await signInFixture(t, "cy@acme.test");
    const retry = await call(cy, "POST", `/api/orgs/${orgId}/programmes/${programme.id}/enrolment`, {
      role: "mentee",
    });
    expect(retry.statusCode).toBe(422);
  });

  it("two admins deciding at once: exactly one decision wins", async () => {
    const [pending] = Object.values(
      await addPeople(t, orgId, programme.id, [
        { email: "race@acme.test", role: "mentee", status: "pending_approval" },
      ]),
    );
    const enrolment = await t.deps.repos.enrolments.findForUser(orgId, programme.id, pending);
    const responses = await Promise.all([
      call(owner, "POST", `${base()}/${enrolment!.id}/approve`),
      call(owner, "POST", `${base()}/${enrolment!.id}/decline`, { reason: "No" }),
      call(owner, "POST", `${base()}/${enrolment!.id}/approve`),
    ]);
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.statusCode === 422)).toHaveLength(2);
  });

  it("changes someone's role and capacity (mentees have none); refuses roles not offered", async () => {
    const url = `${base()}/${enrolmentOf["eve@acme.test"]}`;
    const capacity = await call(owner, "PATCH", url, { mentorCapacity: 3 });
    expect(capacity.json()).toMatchObject({ role: "both", mentorCapacity: 3 });
    const mentee = await call(owner, "PATCH", url, { role: "mentee" });
    expect(mentee.json()).toMatchObject({ role: "mentee", mentorCapacity: 0 });
    const mentor = await call(owner, "PATCH", url, { role: "mentor" });
    expect(mentor.json()).toMatchObject({ role: "mentor", mentorCapacity: 1 });
    const both = await call(owner, "PATCH", url, { role: "mentor", mentorCapacity: 5 });
    expect(both.json()).toMatchObject({ mentorCapacity: 5 });
    expect((await call(owner, "PATCH", url, { role: "mentee", mentorCapacity: 2 })).statusCode).toBe(400);
    expect((await call(owner, "PATCH", url, {})).statusCode).toBe(400);
    const menteesOnly = await createProgramme(t, orgId, { rolesOffered: ["mentee"] });
    const [someone] = Object.values(
      await addPeople(t, orgId, menteesOnly.id, [{ email: "solo@acme.test", role: "mentee" }]),
    );
    const enrolment = await t.deps.repos.enrolments.findForUser(orgId, menteesOnly.id, someone);
    const refused = await call(
      owner,
      "PATCH",
      `/api/orgs/${orgId}/programmes/${menteesOnly.id}/participants/${enrolment!.id}`,
      {
        role: "mentor",
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      { path: "body.role", message: "is not offered here (choose mentee)" },
    ]);
    // The enrolment of another programme is not found through this one's path.
    expect((await call(owner, "PATCH", `${base()}/${enrolment!.id}`, { mentorCapacity: 1 })).statusCode).toBe(
      404,
    );
  });

  it("removes someone, but not while they are in a live relationship of the programme", async () => {
    await t.database.db.insert(relationships).values({
      orgId,
      programmeId: programme.id,
      menteeId: ids["ben@acme.test"],
      mentorId: ids["ada@acme.test"],
      status: "active",
      origin: "admin",
    });
    const refused = await call(owner, "DELETE", `${base()}/${enrolmentOf["ada@acme.test"]}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/End the relationship first/);
    const removed = await call(owner, "DELETE", `${base()}/${enrolmentOf["dee@acme.test"]}`);
    expect(removed.statusCode).toBe(204);
    expect((await call(owner, "DELETE", `${base()}/${enrolmentOf["dee@acme.test"]}`)).statusCode).toBe(404);
    const notices = await readNotifications(t, orgId, ids["dee@acme.test"], { limit: 5 });
    expect(notices[0].title).toBe("You were removed from Autumn cohort");
    expect((await call(owner, "GET", `${base()}?q=dee`)).json().total).toBe(0);
  });

  it("admin routes are 403 for members; a member's own routes are open to them", async () => {
    const admin = Object.entries(enrolmentRoutes).filter(([, contract]) => contract.access === "org-admin");
    expect(admin.length).toBeGreaterThanOrEqual(13);
    const values = {
      orgId,
      programmeId: programme.id,
      enrolmentId: enrolmentOf["eve@acme.test"],
      importId: "00000000-0000-4000-8000-00000000a003",
    };
    for (const [name, contract] of admin) {
      const body = sampleBody(name as never);
      const response = await t.app.inject({
        method: contract.method,
        url: fillPath(contract.path, values),
        headers: member.headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    }
    expect(
      (await call(member, "GET", `/api/orgs/${orgId}/programmes/${programme.id}/enrolment`)).statusCode,
    ).toBe(200);
  });

  it("an admin of organisation A gets 404 for B's programme and participants through A's path", async () => {
    const b = await createSecondOrganisation(t);
    const programmeOfB = await createProgramme(t, b.orgId, { status: "registration_open" });
    const [personOfB] = Object.values(
      await addPeople(t, b.orgId, programmeOfB.id, [
        { email: "bea@beta.test", role: "mentee", status: "pending_approval" },
      ]),
    );
    const enrolmentOfB = await t.deps.repos.enrolments.findForUser(b.orgId, programmeOfB.id, personOfB);
    const importOfB = await t.deps.repos.csvImports.create({
      orgId: b.orgId,
      programmeId: programmeOfB.id,
      totalRows: 1,
      processedRows: 0,
      errors: [],
      startedBy: b.owner.me.user.id as UserId,
    });
    const values = {
      orgId,
      programmeId: programmeOfB.id,
      enrolmentId: enrolmentOfB!.id,
      importId: importOfB,
    };
    const orgScoped = Object.entries(enrolmentRoutes).filter(([, contract]) =>
      contract.path.startsWith("/api/orgs/"),
    );
    for (const [name, contract] of orgScoped) {
      const body = sampleBody(name as never);
      const response = await t.app.inject({
        method: contract.method,
        url: fillPath(contract.path, values),
        headers: owner.headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    // A's real programme with B's enrolment or import: still 404.
    for (const path of [
      `${base()}/${enrolmentOfB!.id}/approve`,
      `/api/orgs/${orgId}/programmes/${programme.id}/imports/${importOfB}`,
    ]) {
      const response = await call(owner, path.endsWith("approve") ? "POST" : "GET", path);
      expect(response.statusCode, path).toBe(404);
    }
    // B is untouched.
    const still = await t.deps.repos.enrolments.findForUser(b.orgId, programmeOfB.id, personOfB);
    expect(still?.status).toBe("pending_approval");
    expect(await t.deps.repos.enrolments.hasJoinLink(b.orgId, programmeOfB.id)).toBe(false);
  });
});
