import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Relationship, RelationshipEvent } from "../../contracts/relationships.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  movableClock,
  type TestApp,
} from "../testing/test-app.ts";
import {
  createPairWorld,
  createRelationship,
  type PairWorld,
  relationshipCaller,
} from "./relationship.test-helpers.ts";

describe("a relationship's states", () => {
  let t: TestApp;
  let world: PairWorld;
  let call: ReturnType<typeof relationshipCaller>;
  const clock = movableClock();

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    world = await createPairWorld(t);
    call = relationshipCaller(t, world.orgId);
  });
  afterAll(() => t.close());

  const activePair = async () => {
    const pair = await world.newPair();
    for (const caller of [world.mentee, world.mentor]) {
      const response = await call.post(caller, pair.id, "agreement/confirm", { version: 1 });
      expect(response.statusCode, response.body).toBe(200);
    }
    return pair;
  };
  const expectConflict = async (response: { statusCode: number; body: string; json(): unknown }) => {
    expect(response.statusCode, response.body).toBe(409);
    expect((response.json() as { error: { code: string } }).error.code).toBe("conflict");
  };
  const history = async (caller: Caller, id: string) => {
    const response = await call.get(caller, id, "history");
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { events: RelationshipEvent[] }).events;
  };

  it("a participant sees everything: both people, the programme, the agreement and what they may do", async () => {
    const pair = await world.newPair();
    const response = await call.get(world.mentee, pair.id);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Relationship;
    expect(body).toMatchObject({
      id: pair.id,
      status: "proposed",
      programme: { id: pair.programmeId, name: "Developer cohort" },
      mentee: { userId: world.mentee.userId, name: "Mia Mentee", headline: "Junior developer" },
      mentor: { userId: world.mentor.userId, name: "Marco Mentor", headline: "Staff engineer" },
      endsOn: world.programmeEndsOn,
      startedAt: null,
      agreement: {
        version: 1,
        cadence: "fortnightly",
        firstGoals: ["Lead a design review"],
        confidentiality: "",
        confirmedByMentee: false,
        confirmedByMentor: false,
      },
      viewer: {
        role: "mentee",
        mustConfirm: true,
        mayEditAgreement: true,
        fitCheckDue: false,
        actions: ["end"],
      },
    });
    expect((await call.get(world.mentor, pair.id)).json().viewer.role).toBe("mentor");
  });

  it("a manager sees states, dates, counts and history, but not the first goals or confidentiality text", async () => {
    const pair = await world.newPair({ agreement: { firstGoals: ["Secret goal about my manager"] } });
    await call.put(world.mentee, pair.id, {
      version: 1,
      cadence: "weekly",
      formats: ["video"],
      minutesPerMonth: 120,
      confidentiality: "Private words about confidentiality",
      endsOn: world.programmeEndsOn,
      firstGoals: ["Secret goal about my manager", "Another private aim"],
    });
    const response = await call.get(world.owner, pair.id);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Relationship;
    expect(body.agreement).toMatchObject({
      firstGoals: null,
      confidentiality: null,
      firstGoalCount: 2,
      version: 2,
    });
    expect(body.viewer).toEqual({
      role: "admin",
      mustConfirm: false,
      mayEditAgreement: false,
      fitCheckDue: false,
      actions: [],
    });
    const agreement = await call.get(world.owner, pair.id, "agreement");
    expect(agreement.json()).toMatchObject({ firstGoals: null, confidentiality: null, firstGoalCount: 2 });
    const events = await history(world.owner, pair.id);
    expect(events.map((event) => event.kind)).toEqual(["created", "agreement_changed"]);
    for (const text of [response.body, agreement.body, JSON.stringify(events)]) {
      expect(text).not.toContain("Secret goal");
      expect(text).not.toContain("Another private aim");
      expect(text).not.toContain("Private words");
    }
  });

  it("a member outside the pair gets 404 everywhere; a manager may look but not act (403)", async () => {
    const pair = await world.newPair();
    for (const sub of ["", "history", "agreement"]) {
      expect((await call.get(world.outsider, pair.id, sub)).statusCode).toBe(404);
    }
    const writes: [string, object | undefined][] = [
      ["pause", {}],
      ["resume", undefined],
      ["complete", undefined],
      ["end", { reason: "Not my pair" }],
      ["agreement/confirm", { version: 1 }],
      ["fit-check", { answer: "end" }],
    ];
    for (const [sub, payload] of writes) {
      const outsider = await call.post(world.outsider, pair.id, sub, payload);
      expect(outsider.statusCode, `${sub}: ${outsider.body}`).toBe(404);
      const manager = await call.post(world.owner, pair.id, sub, payload);
      expect(manager.statusCode, `${sub}: ${manager.body}`).toBe(403);
    }
    const edit = {
      version: 1,
      cadence: "weekly",
      formats: ["video"],
      minutesPerMonth: 60,
      confidentiality: "",
      endsOn: world.programmeEndsOn,
      firstGoals: [],
    };
    expect((await call.put(world.outsider, pair.id, edit)).statusCode).toBe(404);
    expect((await call.put(world.owner, pair.id, edit)).statusCode).toBe(403);
    const after = (await call.get(world.mentee, pair.id)).json() as Relationship;
    expect(after).toMatchObject({ status: "proposed", agreement: { version: 1, confirmedByMentee: false } });
  });

  it("an unknown relationship id is 404", async () => {
    const response = await call.get(world.mentee, "00000000-0000-4000-8000-0000000000ff");
    expect(response.statusCode).toBe(404);
  });

  it("pauses with a reason, resumes and completes, each move in the history with who and why", async () => {
    const pair = await activePair();
    const paused = await call.post(world.mentor, pair.id, "pause", { reason: "  Travelling for work  " });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({
      status: "paused",
      viewer: { actions: ["resume", "complete", "end"] },
    });

    const resumed = await call.post(world.mentee, pair.id, "resume");
    expect(resumed.json()).toMatchObject({ status: "active" });
    const completed = await call.post(world.mentee, pair.id, "complete");
    expect(completed.json()).toMatchObject({
      status: "completed",
      endedByName: "Mia Mentee",
      endReason: null,
      viewer: { actions: [], mustConfirm: false, mayEditAgreement: false },
    });
    expect(completed.json().endedAt).not.toBeNull();

    const events = await history(world.owner, pair.id);
    expect(
      events.map((event) => [event.kind, event.fromStatus, event.toStatus, event.actorName, event.detail]),
    ).toEqual([
      ["created", null, "proposed", "Marco Mentor", "request"],
      ["agreement_confirmed", null, null, "Mia Mentee", "Version 1, as mentee"],
      ["agreement_confirmed", null, null, "Marco Mentor", "Version 1, as mentor"],
      ["activated", "proposed", "active", "Marco Mentor", "Both confirmed the agreement"],
      ["paused", "active", "paused", "Marco Mentor", "Travelling for work"],
      ["resumed", "paused", "active", "Mia Mentee", null],
      ["completed", "active", "completed", "Mia Mentee", null],
    ]);
  });

  it("every illegal move is a 409 that says why, and changes nothing", async () => {
    const proposed = await world.newPair();
    for (const sub of ["pause", "resume", "complete"]) {
      await expectConflict(await call.post(world.mentee, proposed.id, sub, sub === "pause" ? {} : undefined));
    }
    const active = await activePair();
    await expectConflict(await call.post(world.mentee, active.id, "resume"));
    await call.post(world.mentee, active.id, "pause", {});
    const again = await call.post(world.mentor, active.id, "pause", {});
    await expectConflict(again);
    expect(again.json().error.message).toBe("A paused relationship cannot be paused.");
    await call.post(world.mentee, active.id, "end", { reason: "Moving teams" });
    for (const [sub, payload] of [
      ["pause", {}],
      ["resume", undefined],
      ["complete", undefined],
      ["end", { reason: "Again" }],
    ] as const) {
      const response = await call.post(world.mentor, active.id, sub, payload);
      await expectConflict(response);
      expect(response.json().error.message).toMatch(/has ended; it cannot be/);
    }
    const completed = await activePair();
    await call.post(world.mentor, completed.id, "complete");
    for (const [sub, payload] of [
      ["pause", {}],
      ["resume", undefined],
      ["complete", undefined],
      ["end", { reason: "Too late" }],
    ] as const) {
      const response = await call.post(world.mentor, completed.id, sub, payload);
      await expectConflict(response);
      expect(response.json().error.message).toMatch(/has completed; it cannot be/);
    }
    const after = (await call.get(world.mentee, completed.id)).json() as Relationship;
    expect(after.status).toBe("completed");
    expect((await history(world.mentee, completed.id)).at(-1)?.kind).toBe("completed");
  });

  it("moves asked for at the same moment queue: the history stays one unbroken chain of states", async () => {
    const pair = await activePair();
    const responses = await Promise.all([
      call.post(world.mentee, pair.id, "pause", {}),
      call.post(world.mentor, pair.id, "end", { reason: "Changing roles" }),
      call.post(world.mentee, pair.id, "complete"),
      call.post(world.mentor, pair.id, "pause", {}),
    ]);
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);
    const final = (await call.get(world.mentee, pair.id)).json() as Relationship;
    expect(["completed", "ended_early"]).toContain(final.status);
    const moves = (await history(world.mentee, pair.id)).filter((event) => event.toStatus !== null);
    for (let index = 1; index < moves.length; index++) {
      expect(moves[index].fromStatus).toBe(moves[index - 1].toStatus);
    }
    expect(moves.at(-1)?.toStatus).toBe(final.status);
    const successes = responses.filter((response) => response.statusCode === 200).length;
    expect(moves.length).toBe(2 + successes);
  });

  it("ending early needs a reason, records who and why, and a proposed pair can be declined", async () => {
    const pair = await world.newPair();
    const missing = await call.post(world.mentor, pair.id, "end", {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((detail: { path: string }) => detail.path)).toContain(
      "body.reason",
    );
    const blank = await call.post(world.mentor, pair.id, "end", { reason: "   " });
    expect(blank.statusCode).toBe(400);
    const tooLong = await call.post(world.mentor, pair.id, "end", { reason: "x".repeat(501) });
    expect(tooLong.statusCode).toBe(400);

    const ended = await call.post(world.mentor, pair.id, "end", { reason: "My team changed; no time now" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      status: "ended_early",
      endedByName: "Marco Mentor",
      endReason: "My team changed; no time now",
    });
    const managerView = (await call.get(world.owner, pair.id)).json() as Relationship;
    expect(managerView).toMatchObject({ status: "ended_early", endReason: "My team changed; no time now" });
  });

  it("a pause reason is optional and capped", async () => {
    const pair = await activePair();
    expect((await call.post(world.mentee, pair.id, "pause", { reason: "x".repeat(501) })).statusCode).toBe(
      400,
    );
    expect((await call.post(world.mentee, pair.id, "pause", { reason: 5 })).statusCode).toBe(400);
    const paused = await call.post(world.mentee, pair.id, "pause", {});
    expect(paused.json()).toMatchObject({ status: "paused" });
    expect((await history(world.mentee, pair.id)).at(-1)).toMatchObject({ kind: "paused", detail: null });
  });

  it("tells the other side in the app and by email, in words that name the person and the reason", async () => {
    const pair = await activePair();
    const before = (await emailsTo(t, "marco@acme.test")).length;
    await call.post(world.mentee, pair.id, "pause", { reason: "Exams this month" });
    const emails = await emailsTo(t, "marco@acme.test");
    expect(emails.length).toBe(before + 1);
    expect(emails[0].subject).toBe("Mia Mentee paused your mentoring");
    expect(emails[0].text).toContain("Mia Mentee paused your mentoring in Developer cohort.");
    expect(emails[0].text).toContain("“Exams this month”");
    expect(emails[0].text).toContain(`http://trellis.test/mentoring/relationships/${pair.id}`);

    const list = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${world.orgId}/notifications`,
      headers: world.mentor.headers,
    });
    expect(list.json().notifications[0]).toMatchObject({
      kind: "relationship.status_changed",
      title: "Mia Mentee paused your mentoring",
      body: "Reason: Exams this month",
      link: `/mentoring/relationships/${pair.id}`,
      readAt: null,
    });
    const mine = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${world.orgId}/notifications`,
      headers: world.mentee.headers,
    });
    const mineForPair = mine
      .json()
      .notifications.filter((item: { link: string }) => item.link === `/mentoring/relationships/${pair.id}`);
    expect(mineForPair.map((item: { kind: string }) => item.kind)).not.toContain(
      "relationship.status_changed",
    );

    await call.post(world.mentor, pair.id, "end", { reason: "We met our goals early" });
    const menteeEmail = (await emailsTo(t, "mia@acme.test"))[0];
    expect(menteeEmail.subject).toBe("Marco Mentor ended your mentoring early");
    expect(menteeEmail.text).toContain("You can be matched with another mentor");
  });

  it("every event counts as activity: days since the last one reset", async () => {
    const pair = await world.newPair();
    const created = (await call.get(world.mentee, pair.id)).json() as Relationship;
    clock.advanceMinutes(1);
    await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 });
    const after = (await call.get(world.mentee, pair.id)).json() as Relationship;
    expect(new Date(after.lastActivityAt).getTime()).toBeGreaterThan(
      new Date(created.lastActivityAt).getTime(),
    );
    expect(after.daysSinceActivity).toBe(0);
  });

  it("an admin of another organisation, or using A's path with B's relationship, gets 404", async () => {
    const b = await createSecondOrganisation(t);
    const programmeB = await createProgramme(t, b.orgId, { name: "Beta cohort" });
    const idsB = await addPeople(t, b.orgId, programmeB.id, [
      { email: "bmentee@beta.test", role: "mentee" },
      { email: "bmentor@beta.test", role: "mentor" },
    ]);
    const pairB = await createRelationship(t, {
      orgId: b.orgId as OrgId,
      programmeId: programmeB.id as ProgrammeId,
      menteeId: idsB["bmentee@beta.test"],
      mentorId: idsB["bmentor@beta.test"],
      endsOn: world.programmeEndsOn,
    });
    for (const sub of ["", "history", "agreement"]) {
      expect((await call.get(world.owner, pairB.id, sub)).statusCode).toBe(404);
      expect((await relationshipCaller(t, b.orgId).get(world.owner, pairB.id, sub)).statusCode).toBe(404);
    }
    for (const [sub, payload] of [
      ["pause", {}],
      ["end", { reason: "Crossing over" }],
      ["agreement/confirm", { version: 1 }],
    ] as const) {
      expect((await call.post(world.owner, pairB.id, sub, payload)).statusCode).toBe(404);
      expect((await call.post(world.mentee, pairB.id, sub, payload)).statusCode).toBe(404);
    }
    // The mentee of B, a member of B only, cannot reach A's pair through B's path either.
    const menteeOfB = await signInFixture(t, "bmentee@beta.test");
    const pairA = await world.newPair({ programmeId: world.programme.id as ProgrammeId });
    expect((await relationshipCaller(t, b.orgId).get(menteeOfB, pairA.id)).statusCode).toBe(404);
    const stillB = (await relationshipCaller(t, b.orgId).get(b.owner, pairB.id)).json() as Relationship;
    expect(stillB).toMatchObject({ status: "proposed", agreement: { version: 1 } });
  });
});
