import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import {
  FIXTURE_PASSWORD,
  addPeople,
  createProgramme,
  signInFixture,
} from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

const ZELDA = { name: "Zelda Quixotewright", email: "zelda.q@acme.test" };

describe("personal data: export and account deletion", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let programmeId: ProgrammeId;
  let ids: Record<string, UserId>;
  let zelda: Caller;
  let marcus: Caller;

  const get = (caller: Caller, url: string) => t.app.inject({ method: "GET", url, headers: caller.headers });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    programmeId = (await createProgramme(t, orgId)).id;
    ids = await addPeople(t, orgId, programmeId, [
      {
        email: ZELDA.email,
        name: ZELDA.name,
        role: "mentee",
        answers: { motivation: "I want to grow into kayak-design leadership" },
        profile: { bio: "Zelda paddles sea kayaks at dawn", headline: "Kayak designer" },
      },
      {
        email: "marcus@acme.test",
        name: "Marcus Mentorsson",
        role: "mentor",
        mentorCapacity: 3,
        profile: { bio: "Marcus keeps bees on a rooftop", headline: "Staff engineer" },
      },
      {
        email: "other@acme.test",
        name: "Olga Otherperson",
        role: "mentee",
        profile: { bio: "Olga private bio about chess openings" },
      },
    ]);
    zelda = await signInFixture(t, ZELDA.email);
    marcus = await signInFixture(t, "marcus@acme.test");
    const request = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/programmes/${programmeId}/requests`,
      headers: zelda.headers,
      payload: {
        mentorId: ids["marcus@acme.test"],
        goal: "Zelda wants to lead the hull redesign project",
        reality: "I have drawn hulls but never led a team of designers.",
        options: "Shadow a lead, run a small project.",
        will: "Write one design doc a month.",
        expectations: { cadence: "fortnightly", formats: ["video"], minutesPerMonth: 120, note: "" },
      },
    });
    expect(request.statusCode, request.body).toBe(201);
    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/requests/${request.json().id}/accept`,
      headers: marcus.headers,
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(() => t.close());

  it("exports everything about the person as JSON, and nothing of others' private content", async () => {
    const response = await get(zelda, "/api/me/data-export");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="trellis-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = response.json();
    expect(data.format).toBe("trellis-personal-data/1");
    expect(data.account).toMatchObject({ name: ZELDA.name, email: ZELDA.email });
    expect(data.memberships).toEqual([{ orgId, orgName: "Acme Mentoring", role: "member" }]);
    const text = response.body;
    // Theirs: profile, registration answers, the request they wrote, their pair, notifications, sign-ins.
    for (const key of [
      "profiles.user_id",
      "enrolments.user_id",
      "mentoring_requests.mentee_id",
      "relationships.mentee_id",
      "sign_in_sessions.user_id",
      "memberships.user_id",
    ]) {
      expect(Object.keys(data.records)).toContain(key);
    }
    expect(text).toContain("Zelda paddles sea kayaks at dawn");
    expect(text).toContain("kayak-design leadership");
    expect(text).toContain("Zelda wants to lead the hull redesign project");
    // Not theirs: other people's profiles, and no secrets.
    expect(text).not.toContain("Marcus keeps bees");
    expect(text).not.toContain("Olga private bio");
    expect(text).not.toMatch(/password_hash|token_hash|csrf_token|secret_sealed|code_hash/);
    expect(text).not.toContain("$argon2");
  });

  it("exports the same as a readable HTML page, escaped", async () => {
    const response = await get(zelda, "/api/me/data-export?format=html");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("<h1>Your data in Trellis</h1>");
    expect(response.body).toContain("<h2>Requests you sent</h2>");
    expect(response.body).toContain("Zelda paddles sea kayaks at dawn");
    expect(response.body).not.toContain("<script");
    expect((await get(zelda, "/api/me/data-export?format=pdf")).statusCode).toBe(400);
  });

  it("admins export members, participants and relationships as CSV, each recorded in the audit log", async () => {
    const members = await get(owner, `/api/orgs/${orgId}/exports/members`);
    expect(members.statusCode).toBe(200);
    expect(members.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const memberLines = members.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(memberLines[0]).toBe("name,email,role,status,joined (UTC)");
    expect(memberLines.some((line) => line.startsWith(`${ZELDA.name},${ZELDA.email},member,active,`))).toBe(
      true,
    );
    const participants = (await get(owner, `/api/orgs/${orgId}/exports/participants`)).body;
    expect(participants).toContain(`Developer cohort,${ZELDA.name},${ZELDA.email},mentee,active,0,`);
    const pairs = (await get(owner, `/api/orgs/${orgId}/exports/relationships`)).body;
    expect(pairs).toContain("Developer cohort,Marcus Mentorsson,Zelda Quixotewright,");
    // No private content: the request's text is not in it.
    expect(pairs).not.toContain("hull redesign");
    const log = (await get(owner, `/api/orgs/${orgId}/audit-log`)).json();
    expect(log.entries.map((entry: { action: string }) => entry.action)).toEqual([
      "export.relationships",
      "export.participants",
      "export.members",
    ]);
    expect(log.entries[2].details).toEqual({ rows: 4 });
    // Members may not; another organisation's admin gets 404.
    expect((await get(zelda, `/api/orgs/${orgId}/exports/members`)).statusCode).toBe(403);
    const beta = await createSecondOrganisation(t);
    expect((await get(beta.owner, `/api/orgs/${orgId}/exports/participants`)).statusCode).toBe(404);
  });

  it("refuses deletion without the password, and for an organisation's only owner", async () => {
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/me/delete",
      headers: zelda.headers,
      payload: { password: "not-the-password" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details[0].path).toBe("body.password");
    const onlyOwner = await t.app.inject({
      method: "POST",
      url: "/api/me/delete",
      headers: owner.headers,
      payload: { password: "owner-password-1" },
    });
    expect(onlyOwner.statusCode).toBe(422);
    expect(onlyOwner.json().error.code).toBe("last_owner");
  });

  it("deletes the account: no table holds their name or email afterwards; what others wrote stays", async () => {
    const before = await t.deps.repos.personalData.columnsContaining(
      await t.deps.repos.personalData.textColumns(),
      [ZELDA.name, ZELDA.email],
    );
    // The scan finds them before (so it would find them after).
    expect(before).toEqual(expect.arrayContaining(["public.users.name", "public.users.email"]));
    expect(before.length).toBeGreaterThan(3);

    const deleted = await t.app.inject({
      method: "POST",
      url: "/api/me/delete",
      headers: zelda.headers,
      payload: { password: FIXTURE_PASSWORD },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(deleted.cookies.find((cookie) => cookie.name === "trellis_session")?.value).toBe("");

    const after = await t.deps.repos.personalData.columnsContaining(
      await t.deps.repos.personalData.textColumns(),
      [ZELDA.name, ZELDA.email, "Zelda paddles sea kayaks", "kayak-design leadership"],
    );
    expect(after).toEqual([]);

    // Signed out everywhere, and the old password no longer signs in.
    expect((await get(zelda, "/api/me")).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: ZELDA.email, password: FIXTURE_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);

    // The pair stays for Marcus, with the request Zelda wrote, under "Deleted person".
    const mine = (await get(marcus, `/api/orgs/${orgId}/mentoring`)).json();
    expect(JSON.stringify(mine)).toContain("Deleted person");
    const log = (await get(owner, `/api/orgs/${orgId}/audit-log?action=account.deleted`)).json();
    expect(log.entries).toEqual([
      expect.objectContaining({
        action: "account.deleted",
        actorName: "Deleted person",
        subjectName: "Deleted person",
        subjectId: ids[ZELDA.email],
      }),
    ]);
    // Another person keeps their own data.
    const olga = await signInFixture(t, "other@acme.test");
    const theirs = await get(olga, "/api/me/data-export");
    expect(theirs.body).toContain("Olga private bio about chess openings");
  });
});
