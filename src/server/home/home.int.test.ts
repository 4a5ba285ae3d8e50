import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Home } from "../../contracts/home.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { profiles } from "../../db/schema.ts";
import { createPairWorld, type PairWorld } from "../relationships/relationship.test-helpers.ts";
import { addPeople, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, createSecondOrganisation, createTestApp, type TestApp } from "../testing/test-app.ts";

const DAY_MS = 86_400_000;

describe("Home: what is next for me", () => {
  let t: TestApp;
  let world: PairWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createPairWorld(t);
  });
  afterAll(() => t.close());

  const home = async (caller: Caller, orgId: string = world.orgId) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/home`,
      headers: caller.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Home;
  };

  it("a new owner sees the organisation's members and no programme needing attention", async () => {
    const beta = await createSecondOrganisation(t, { email: "owner@home-beta.test" });
    const mine = await home(beta.owner, beta.orgId);
    expect(mine.manager).toEqual({ members: 1, programmes: [], inactiveDays: 21, expiringWithinDays: 3 });
    expect(mine.nextSteps).toEqual([]);
    expect(mine.pairs).toEqual([]);
  });

  it("another organisation's Home is 404", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${world.orgId}/home`,
      headers: (await createSecondOrganisation(t, { email: "owner@home-gamma.test" })).owner.headers,
    });
    expect(response.statusCode).toBe(404);
  });

  it("a mentor sees the request waiting for them with its expiry; the mentee sees it sent; times in the profile's zone", async () => {
    const now = t.deps.now();
    await t.database.db
      .update(profiles)
      .set({ timeZone: "Asia/Kolkata" })
      .where(sql`${profiles.userId} = ${world.mentor.userId}`);
    const expiresAt = new Date(now.getTime() + 2 * DAY_MS);
    await t.deps.repos.requests.insertOpen({
      orgId: world.orgId,
      programmeId: world.programme.id,
      menteeId: world.mentee.userId,
      mentorId: world.mentor.userId,
      goal: "Private goal text",
      reality: "",
      options: "",
      will: "",
      expectations: {},
      createdAt: now,
      expiresAt,
    });
    const mentor = await home(world.mentor);
    expect(mentor.timeZone).toBe("Asia/Kolkata");
    expect(mentor.requestsToAnswer).toEqual([
      expect.objectContaining({
        person: { userId: world.mentee.userId, name: "Mia Mentee" },
        programme: { id: world.programme.id, name: world.programme.name },
        status: "pending",
        expiresAt: expiresAt.toISOString(),
      }),
    ]);
    expect(mentor.nextSteps.map((step) => step.kind)).toContain("answer_requests");
    expect(mentor.manager).toBeNull();

    const mentee = await home(world.mentee);
    expect(mentee.requestsToAnswer).toEqual([]);
    expect(mentee.sentRequests).toEqual([
      expect.objectContaining({
        person: { userId: world.mentor.userId, name: "Marco Mentor" },
        status: "pending",
      }),
    ]);
    // Requests carry names, states and dates: never the GROW text.
    expect(JSON.stringify(mentee)).not.toContain("Private goal text");
  });

  it("a pair shows on both sides with its agreement to confirm; the manager sees counts, never the agreement", async () => {
    const pair = await world.newPair();
    await t.database.db.execute(
      sql`update agreements set confidentiality = 'Secret pact', first_goals = '["Hidden goal"]'::jsonb
          where relationship_id = ${pair.id}`,
    );
    const mentee = await home(world.mentee);
    expect(mentee.pairs.map((item) => item.id)).toContain(pair.id);
    expect(mentee.nextSteps).toContainEqual(
      expect.objectContaining({ kind: "confirm_agreement", relationshipId: pair.id }),
    );

    const owner = await home(world.owner);
    const programme = owner.manager?.programmes.find((item) => item.id === pair.programmeId);
    expect(programme).toMatchObject({ livePairs: 1, status: "running" });
    const text = JSON.stringify(owner);
    expect(text).not.toContain("Secret pact");
    expect(text).not.toContain("Hidden goal");
    expect(text).not.toContain("Private goal text");
  });

  it("the manager sees people waiting for a match, requests about to expire, inactive pairs and running work", async () => {
    const [waiting] = Object.values(
      await addPeople(t, world.orgId, world.programme.id, [{ email: "wanda@acme.test", role: "mentee" }]),
    );
    expect(waiting).toBeDefined();
    const now = t.deps.now();
    const pair = await world.newPair({ programmeId: world.programme.id, menteeId: waiting as UserId });
    await t.database.db.execute(
      sql`update relationships set status = 'active', last_activity_at = ${new Date(now.getTime() - 30 * DAY_MS).toISOString()}::timestamptz
          where id = ${pair.id}`,
    );
    await t.database.db.execute(
      sql`insert into match_runs (org_id, programme_id, status, progress, config)
          values (${world.orgId}, ${world.programme.id}, 'running', '{"phase":"scoring","done":40,"total":100}'::jsonb, '{}'::jsonb)`,
    );
    const owner = await home(world.owner);
    const programme = owner.manager?.programmes.find((item) => item.id === world.programme.id);
    expect(programme).toBeDefined();
    // Mia has an open request but no pair here; Olga has neither; Wanda now has an (inactive) pair.
    expect(programme?.waitingForMatch).toBe(2);
    expect(programme?.expiringRequests).toBe(1);
    expect(programme?.inactivePairs).toBe(1);
    expect(programme?.work).toEqual([expect.objectContaining({ kind: "matching", done: 40, total: 100 })]);
    expect(owner.manager?.members).toBeGreaterThanOrEqual(4);

    const member = await signInFixture(t, "wanda@acme.test");
    const wanda = await home(member);
    expect(wanda.pairs).toEqual([expect.objectContaining({ id: pair.id, daysSinceActivity: 30 })]);
    expect(wanda.manager).toBeNull();
  });
});
