import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MyMentoring, RelationshipList } from "../../contracts/relationships.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { mentoringRequests } from "../../db/schema.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, createSecondOrganisation, createTestApp, type TestApp } from "../testing/test-app.ts";
import {
  createPairWorld,
  createRelationship,
  type PairWorld,
  relationshipCaller,
} from "./relationship.test-helpers.ts";

describe("My mentoring and the managers' list", () => {
  let t: TestApp;
  let world: PairWorld;
  let call: ReturnType<typeof relationshipCaller>;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createPairWorld(t);
    call = relationshipCaller(t, world.orgId);
  });
  afterAll(() => t.close());

  const myMentoring = async (caller: Caller, orgId: string = world.orgId) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/mentoring`,
      headers: caller.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as MyMentoring;
  };
  const managersList = (query = "", caller: Caller = world.owner) =>
    t.app.inject({
      method: "GET",
      url: `/api/orgs/${world.orgId}/relationships${query}`,
      headers: caller.headers,
    });

  describe("My mentoring", () => {
    it("a member in no programme gets an empty page that says so", async () => {
      const [newcomer] = Object.values(await addPeople(t, world.orgId, null, [{ email: "nina@acme.test" }]));
      expect(newcomer).toBeDefined();
      const mine = await myMentoring(await signInFixture(t, "nina@acme.test"));
      expect(mine).toEqual({ relationships: [], nextSteps: [], enrolledProgrammes: 0 });
    });

    it("a mentee without a mentor is pointed to finding one (self-match) or told the manager will match them", async () => {
      const adminOnly = await createProgramme(t, world.orgId, {
        name: "Admin-matched cohort",
        matchingMode: "admin",
      });
      await t.deps.repos.enrolments.insert({
        orgId: world.orgId,
        programmeId: adminOnly.id,
        userId: world.outsider.userId,
        role: "mentee",
      });
      const mine = await myMentoring(world.outsider);
      expect(mine.enrolledProgrammes).toBe(2);
      expect(mine.nextSteps).toEqual([
        {
          kind: "await_matching",
          text: "Your programme manager will match you with a mentor in Admin-matched cohort.",
          link: `/programmes/${adminOnly.id}`,
          relationshipId: null,
        },
        {
          kind: "find_mentor",
          text: "Find a mentor in Developer cohort.",
          link: `/programmes/${world.programme.id}/mentors`,
          relationshipId: null,
        },
      ]);
    });

    it("lists my pairs from my side, with whom, what to confirm and the next steps", async () => {
      const pair = await world.newPair({ programmeId: world.programme.id as ProgrammeId });
      const mentee = await myMentoring(world.mentee);
      expect(mentee.relationships).toEqual([
        {
          id: pair.id,
          myRole: "mentee",
          other: { userId: world.mentor.userId, name: "Marco Mentor", headline: "Staff engineer" },
          programme: { id: world.programme.id, name: "Developer cohort" },
          status: "proposed",
          endsOn: world.programmeEndsOn,
          startedAt: null,
          mustConfirm: true,
          otherMustConfirm: true,
          fitCheckDue: false,
          fitCheckDueOn: null,
          daysSinceActivity: 0,
        },
      ]);
      expect(mentee.nextSteps).toEqual([
        {
          kind: "confirm_agreement",
          text: "Review and confirm your agreement with Marco Mentor to start your mentoring.",
          link: `/mentoring/relationships/${pair.id}`,
          relationshipId: pair.id,
        },
      ]);

      await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 });
      const waiting = await myMentoring(world.mentee);
      expect(waiting.nextSteps.map((step) => step.text)).toEqual([
        "Waiting for Marco Mentor to confirm the agreement.",
      ]);
      const mentor = await myMentoring(world.mentor);
      expect(mentor.relationships[0]).toMatchObject({
        myRole: "mentor",
        other: { name: "Mia Mentee", headline: "Junior developer" },
        mustConfirm: true,
        otherMustConfirm: false,
      });
      await call.post(world.mentor, pair.id, "agreement/confirm", { version: 1 });
      const started = await myMentoring(world.mentee);
      expect(started.relationships[0]).toMatchObject({ status: "active", mustConfirm: false });
      expect(started.nextSteps).toEqual([]);
      expect((await myMentoring(world.outsider)).relationships).toEqual([]);
    });

    it("counts requests waiting for me: to answer as mentor, questions to answer as mentee", async () => {
      const expiresAt = new Date(Date.now() + 7 * 86_400_000);
      const base = { orgId: world.orgId, programmeId: world.programme.id, goal: "Grow as a lead", expiresAt };
      await t.database.db.insert(mentoringRequests).values([
        { ...base, menteeId: world.outsider.userId, mentorId: world.mentor.userId, status: "pending" },
        { ...base, menteeId: world.mentee.userId, mentorId: world.owner.me.user.id, status: "needs_info" },
      ]);
      const mentor = await myMentoring(world.mentor);
      expect(mentor.nextSteps).toContainEqual({
        kind: "answer_requests",
        text: "A mentoring request waits for your answer.",
        link: "/mentoring/requests",
        relationshipId: null,
      });
      const mentee = await myMentoring(world.mentee);
      expect(mentee.nextSteps.map((step) => step.kind)).toContain("answer_question");
    });
  });

  describe("the managers' list", () => {
    let otherProgramme: ProgrammeId;
    let people: Record<string, UserId>;

    beforeAll(async () => {
      const programme = await createProgramme(t, world.orgId, { name: "Career cohort" });
      otherProgramme = programme.id;
      people = await addPeople(t, world.orgId, programme.id, [
        { email: "zoe@acme.test", name: "Zoe Zimmer", role: "mentee" },
        { email: "yann@acme.test", name: "Yann Young", role: "mentor" },
        { email: "xena@acme.test", name: "Xena Percent_Sign", role: "mentee" },
      ]);
      for (const mentee of ["zoe@acme.test", "xena@acme.test"]) {
        await createRelationship(t, {
          orgId: world.orgId,
          programmeId: otherProgramme,
          menteeId: people[mentee],
          mentorId: people["yann@acme.test"],
          origin: "bulk",
          endsOn: world.programmeEndsOn,
          agreement: { firstGoals: ["A very private goal"] },
        });
      }
    });

    it("is for admins only (403 for members)", async () => {
      const response = await managersList("", world.mentee);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    });

    it("lists every pair with states, dates, counts and days since activity, and nothing private", async () => {
      const response = await managersList();
      expect(response.statusCode, response.body).toBe(200);
      const list = response.json() as RelationshipList;
      expect(list.total).toBe(list.relationships.length);
      expect(list.total).toBeGreaterThanOrEqual(3);
      expect(Object.values(list.counts).reduce((sum, value) => sum + value, 0)).toBe(list.total);
      const zoe = list.relationships.find((row) => row.mentee.name === "Zoe Zimmer");
      expect(zoe).toEqual({
        id: expect.any(String),
        programme: { id: otherProgramme, name: "Career cohort" },
        mentee: { userId: people["zoe@acme.test"], name: "Zoe Zimmer" },
        mentor: { userId: people["yann@acme.test"], name: "Yann Young" },
        status: "proposed",
        origin: "bulk",
        agreementConfirmed: false,
        startedAt: null,
        endsOn: world.programmeEndsOn,
        endedAt: null,
        fitCheckDueOn: null,
        lastActivityAt: expect.any(String),
        daysSinceActivity: 0,
        createdAt: expect.any(String),
      });
      expect(response.body).not.toContain("private goal");
    });

    it("filters by programme, state and name (LIKE wildcards are literal), and pages", async () => {
      const byProgramme = (await managersList(`?programmeId=${otherProgramme}`)).json() as RelationshipList;
      expect(byProgramme.total).toBe(2);
      expect(byProgramme.counts).toEqual({ proposed: 2, active: 0, paused: 0, completed: 0, ended_early: 0 });
      expect(new Set(byProgramme.relationships.map((row) => row.programme.name))).toEqual(
        new Set(["Career cohort"]),
      );

      const byName = (await managersList("?q=zimm")).json() as RelationshipList;
      expect(byName.relationships.map((row) => row.mentee.name)).toEqual(["Zoe Zimmer"]);
      const mentorName = (await managersList("?q=YANN")).json() as RelationshipList;
      expect(mentorName.total).toBe(2);
      expect((await managersList("?q=t_s")).json().total).toBe(1);
      expect((await managersList("?q=%25")).json().total).toBe(0);

      const active = (await managersList("?status=active")).json() as RelationshipList;
      expect(active.relationships.every((row) => row.status === "active")).toBe(true);
      expect(active.total).toBe(active.counts.active);

      const first = (await managersList(`?programmeId=${otherProgramme}&limit=1`)).json() as RelationshipList;
      const second = (
        await managersList(`?programmeId=${otherProgramme}&limit=1&offset=1`)
      ).json() as RelationshipList;
      expect(first.total).toBe(2);
      expect(first.relationships).toHaveLength(1);
      expect(second.relationships).toHaveLength(1);
      expect(second.relationships[0].id).not.toBe(first.relationships[0].id);
    });

    it("sorts the longest-inactive pairs first on request", async () => {
      const list = (await managersList("?sort=inactive&limit=200")).json() as RelationshipList;
      const times = list.relationships.map((row) => new Date(row.lastActivityAt).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it("refuses bad filters with a 400 naming the query field", async () => {
      for (const [query, path] of [
        ["?status=finished", "query.status"],
        ["?programmeId=abc", "query.programmeId"],
        ["?limit=0", "query.limit"],
        ["?offset=-1", "query.offset"],
        ["?sort=oldest", "query.sort"],
        [`?q=${"x".repeat(201)}`, "query.q"],
        ["?bogus=1", "query.bogus"],
      ]) {
        const response = await managersList(query);
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(path);
      }
    });

    it("shows nothing of another organisation, even filtered by its programme", async () => {
      const b = await createSecondOrganisation(t);
      const programmeB = await createProgramme(t, b.orgId, { name: "Beta cohort" });
      const idsB = await addPeople(t, b.orgId, programmeB.id, [
        { email: "bmentee@beta.test", name: "Bea Beta", role: "mentee" },
        { email: "bmentor@beta.test", name: "Ben Beta", role: "mentor" },
      ]);
      await createRelationship(t, {
        orgId: b.orgId as OrgId,
        programmeId: programmeB.id,
        menteeId: idsB["bmentee@beta.test"],
        mentorId: idsB["bmentor@beta.test"],
      });
      expect((await managersList(`?programmeId=${programmeB.id}`)).json().total).toBe(0);
      expect((await managersList("?q=beta")).json().total).toBe(0);
      const mentoringOfA = await t.app.inject({
        method: "GET",
        url: `/api/orgs/${b.orgId}/mentoring`,
        headers: world.owner.headers,
      });
      expect(mentoringOfA.statusCode).toBe(404);
      const inB = await myMentoring(await signInFixture(t, "bmentee@beta.test"), b.orgId);
      expect(inB.relationships.map((row) => row.other.name)).toEqual(["Ben Beta"]);
    });
  });
});
