import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { enrolments, profiles, relationships } from "../../db/schema.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import {
  call,
  requestUrl,
  type SelfMatchWorld,
  selfMatchWorld,
  sendRequest,
} from "../requests/requests.test-support.ts";

const english = { languages: ["en"], timeZone: "Europe/London" };

describe("recommended mentors", () => {
  let t: TestApp;
  let owner: Caller;
  let world: SelfMatchWorld;
  let mentorOfB: string;
  let programmeOfB: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    const orgId = owner.me.currentOrgId as OrgId;
    world = await selfMatchWorld(t, orgId, [
      {
        email: "tess@acme.test",
        name: "Tess Typescript",
        role: "mentor",
        mentorCapacity: 2,
        profile: {
          ...english,
          headline: "Staff engineer",
          department: "Platform",
          yearsExperience: 12,
          skillsOffered: [{ skill: "TypeScript", level: 5 }],
          topics: ["architecture"],
        },
      },
      {
        email: "pat@acme.test",
        name: "Pat Python",
        role: "mentor",
        profile: {
          ...english,
          department: "Data",
          yearsExperience: 9,
          skillsOffered: [{ skill: "Python", level: 5 }],
        },
      },
      {
        email: "fra@acme.test",
        name: "Francine French",
        role: "mentor",
        profile: { languages: ["fr"], skillsOffered: [{ skill: "TypeScript", level: 5 }] },
      },
      { email: "mgr@acme.test", name: "Max Manager", role: "mentor", profile: english },
      { email: "old@acme.test", name: "Olga Earlier", role: "mentor", profile: english },
      { email: "full@acme.test", name: "Fred Full", role: "mentor", mentorCapacity: 1, profile: english },
      { email: "paused@acme.test", name: "Paz Paused", role: "mentor", status: "paused", profile: english },
      { email: "other@acme.test", role: "mentee", profile: english },
      { email: "member@acme.test", name: "Mo Member" },
    ]);
    const [menteeId] = Object.values(
      await addPeople(t, orgId, world.programme.id, [
        {
          email: "eve@acme.test",
          name: "Eve Mentee",
          role: "mentee",
          profile: {
            ...english,
            department: "Product",
            yearsExperience: 2,
            skillsWanted: [{ skill: "typescript", level: 3 }],
            topics: ["architecture"],
          },
        },
      ]),
    );
    world.ids.eve = menteeId;
    world.callers.eve = await signInFixture(t, "eve@acme.test");
    await t.database.db
      .update(profiles)
      .set({ managerId: world.ids.mgr })
      .where(eq(profiles.userId, menteeId));
    const pair = (mentorId: string, menteeId: string) => ({
      orgId: world.orgId,
      programmeId: world.programme.id,
      menteeId: menteeId as never,
      mentorId: mentorId as never,
      origin: "admin" as const,
      endsOn: null,
      actorId: null,
    });
    const earlier = await t.deps.repos.relationships.create(pair(world.ids.old, menteeId));
    await t.database.db
      .update(relationships)
      .set({ status: "completed" })
      .where(eq(relationships.id, earlier.id));
    await t.deps.repos.relationships.create(pair(world.ids.full, world.ids.other));

    const b = await createSecondOrganisation(t);
    const programmeB = await createProgramme(t, b.orgId);
    programmeOfB = programmeB.id;
    mentorOfB = (await addPeople(t, b.orgId, programmeB.id, [{ email: "mentor@beta.test", role: "mentor" }]))[
      "mentor@beta.test"
    ];
  });
  afterAll(() => t.close());

  const url = (path = "") =>
    `/api/orgs/${world.orgId}/programmes/${world.programme.id}/recommendations${path}`;
  const recommendations = async (who = "eve") => {
    const response = await call(t, world.callers[who], "GET", url());
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("ranks eligible mentors by score, with the why of each criterion, room left and no request yet", async () => {
    const list = await recommendations();
    expect(list.programme).toEqual({ id: world.programme.id, name: world.programme.name });
    expect(list.allowance).toEqual({ canRequest: true, reason: null, openRequests: 0, pendingRequestCap: 3 });
    expect(list.recommendations.map((r: { name: string }) => r.name)).toEqual([
      "Tess Typescript",
      "Pat Python",
    ]);
    expect(list.eligibleMentors).toBe(2);
    const [tess, pat] = list.recommendations;
    expect(tess).toMatchObject({
      rank: 1,
      headline: "Staff engineer",
      department: "Platform",
      capacity: 2,
      remainingCapacity: 2,
      responseTime: null,
      myRequest: null,
      skillsOffered: [{ skill: "TypeScript", level: 5 }],
    });
    expect(tess.score).toBeGreaterThan(pat.score);
    const skills = tess.why.find((c: { criterion: string }) => c.criterion === "skills wanted offered");
    expect(skills).toMatchObject({ weight: 8, value: 10_000, passed: true });
    expect(tess.why.find((c: { criterion: string }) => c.criterion === "shared language")).toMatchObject({
      hard: true,
      passed: true,
    });
    // The points are the score's parts.
    const points = tess.why.reduce((sum: number, c: { points: number }) => sum + c.points, 0);
    expect(Math.abs(points - tess.score)).toBeLessThanOrEqual(tess.why.length);
  });

  it("marks mentors I asked, and says how fast they usually reply once they answered", async () => {
    const id = await sendRequest(t, world, "eve", "tess");
    let list = await recommendations();
    expect(list.recommendations[0].myRequest).toEqual({ id, status: "pending" });
    expect(list.allowance.openRequests).toBe(1);
    await call(t, world.callers.tess, "POST", requestUrl(world, id, "ask"), { question: "Which project?" });
    list = await recommendations();
    expect(list.recommendations[0]).toMatchObject({
      myRequest: { id, status: "needs_info" },
      responseTime: { label: "usually replies within an hour" },
    });
  });

  it("explains why not each excluded mentor, and where an eligible one stands", async () => {
    const why = async (who: string) => {
      const response = await call(t, world.callers.eve, "GET", url(`/${world.ids[who]}`));
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const codes = async (who: string) => (await why(who)).reasons.map((r: { code: string }) => r.code);
    expect(await why("fra")).toMatchObject({
      eligible: false,
      rank: null,
      score: null,
      reasons: [
        { code: "hard_rule", message: "A must-have rule of this programme is not met: shared language." },
      ],
    });
    expect(await codes("mgr")).toEqual(["reporting_line"]);
    expect(await codes("old")).toEqual(["earlier_pair"]);
    expect(await why("full")).toMatchObject({
      eligible: false,
      reasons: [
        { code: "no_capacity", message: "Fred Full has no room for another mentee (1 of 1 places taken)." },
      ],
    });
    expect((await why("full")).score).toBeGreaterThan(0);
    expect(await why("paused")).toMatchObject({ eligible: false, reasons: [{ code: "not_active" }] });
    expect(await why("tess")).toMatchObject({
      eligible: true,
      rank: 1,
      reasons: [{ code: "already_requested" }],
    });
    expect(await why("pat")).toMatchObject({ eligible: true, rank: 2, reasons: [] });
    expect((await why("pat")).why.length).toBeGreaterThan(0);
  });

  it("someone who is not a mentor of the programme, or is in organisation B, is 404", async () => {
    for (const id of [world.ids.member, world.ids.other, mentorOfB]) {
      expect((await call(t, world.callers.eve, "GET", url(`/${id}`))).statusCode).toBe(404);
    }
    const viaB = `/api/orgs/${world.orgId}/programmes/${programmeOfB}/recommendations`;
    expect((await call(t, world.callers.eve, "GET", viaB)).statusCode).toBe(404);
  });

  it("only active mentees get recommendations (403), and not where managers make the matches (422)", async () => {
    expect((await call(t, world.callers.tess, "GET", url())).statusCode).toBe(403);
    expect((await call(t, world.callers.member, "GET", url())).statusCode).toBe(403);
    expect((await call(t, owner, "GET", url())).statusCode).toBe(403);
    const adminMode = await selfMatchWorld(
      t,
      world.orgId,
      [{ email: "e@admin-matched.test", role: "mentee" }],
      { matchingMode: "admin" },
    );
    const response = await call(
      t,
      adminMode.callers.e,
      "GET",
      `/api/orgs/${adminMode.orgId}/programmes/${adminMode.programme.id}/recommendations`,
    );
    expect(response.statusCode).toBe(422);
    expect((await call(t, world.callers.eve, "GET", `${url()}?limit=0`)).statusCode).toBe(400);
  });

  it("follows changes written elsewhere (another instance, a script) even without updated_at", async () => {
    const before = await recommendations();
    expect(before.recommendations.map((r: { name: string }) => r.name)).toEqual([
      "Tess Typescript",
      "Pat Python",
    ]);
    // Pat now offers TypeScript at the top level and shares the topic: written straight to the
    // database, without touching updated_at, as a careless writer would.
    await t.database.db
      .update(profiles)
      .set({
        skillsOffered: [{ skill: "TypeScript", level: 5 }],
        topics: ["architecture"],
        yearsExperience: 12,
      })
      .where(eq(profiles.userId, world.ids.pat));
    await t.database.db
      .update(profiles)
      .set({ skillsOffered: [], topics: [] })
      .where(eq(profiles.userId, world.ids.tess));
    const after = await recommendations();
    expect(after.recommendations.map((r: { name: string }) => r.name)).toEqual([
      "Pat Python",
      "Tess Typescript",
    ]);

    // A mentor who resumes appears; one who leaves disappears.
    await t.database.db
      .update(enrolments)
      .set({ status: "active" })
      .where(and(eq(enrolments.userId, world.ids.paused), eq(enrolments.programmeId, world.programme.id)));
    await t.database.db
      .update(enrolments)
      .set({ status: "left" })
      .where(and(eq(enrolments.userId, world.ids.tess), eq(enrolments.programmeId, world.programme.id)));
    const names = (await recommendations()).recommendations.map((r: { name: string }) => r.name);
    expect(names).toContain("Paz Paused");
    expect(names).not.toContain("Tess Typescript");
  });
});
