import { readNotifications } from "../testing/read-notifications.ts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { agreements, enrolments } from "../../db/schema.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  movableClock,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import {
  call,
  growBody,
  requestsUrl,
  requestUrl,
  type SelfMatchWorld,
  selfMatchWorld,
  sendRequest,
} from "./requests.test-support.ts";

const DAY = 86_400_000;

describe("mentoring requests", () => {
  let t: TestApp;
  let owner: Caller;
  let world: SelfMatchWorld;
  const clock = movableClock();
  let orgB: { orgId: OrgId; owner: Caller; programmeId: string; requestId: string; mentorId: UserId };

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    owner = await setUpOwner(t.app);
    world = await selfMatchWorld(t, owner.me.currentOrgId as OrgId, [
      { email: "ada@acme.test", name: "Ada Mentor", role: "mentor", mentorCapacity: 2 },
      { email: "ben@acme.test", name: "Ben Mentor", role: "mentor", mentorCapacity: 1 },
      { email: "cyd@acme.test", name: "Cyd Paused", role: "mentor", status: "paused" },
      { email: "dan@acme.test", name: "Dan Mentor", role: "mentor", mentorCapacity: 1 },
      { email: "eve@acme.test", name: "Eve Mentee", role: "mentee" },
      { email: "fay@acme.test", name: "Fay Mentee", role: "mentee" },
      { email: "gus@acme.test", name: "Gus Mentee", role: "mentee" },
      { email: "hal@acme.test", name: "Hal Mentee", role: "mentee" },
      { email: "ivy@acme.test", name: "Ivy Member" },
    ]);

    // Organisation B, with a programme, a mentor and an open request of its own.
    const b = await createSecondOrganisation(t);
    const programmeB = await createProgramme(t, b.orgId);
    const idsB = await addPeople(t, b.orgId, programmeB.id, [
      { email: "mentor@beta.test", role: "mentor" },
      { email: "mentee@beta.test", role: "mentee" },
    ]);
    const worldB: SelfMatchWorld = {
      orgId: b.orgId,
      programme: programmeB,
      ids: { mentor: idsB["mentor@beta.test"], mentee: idsB["mentee@beta.test"] },
      callers: {
        mentee: await signInFixture(t, "mentee@beta.test"),
      },
    };
    const requestId = await sendRequest(t, worldB, "mentee", "mentor");
    orgB = {
      orgId: b.orgId,
      owner: b.owner,
      programmeId: programmeB.id,
      requestId,
      mentorId: worldB.ids.mentor,
    };
  });
  afterAll(() => t.close());

  const send = (mentee: string, body: unknown) =>
    call(t, world.callers[mentee], "POST", requestsUrl(world), body);

  describe("sending", () => {
    it("a mentee sends a GROW request: pending, expiring after requestExpiryDays, and the mentor is told", async () => {
      const before = clock.now().getTime();
      const response = await send("eve", growBody(world.ids.ada));
      expect(response.statusCode, response.body).toBe(201);
      const request = response.json();
      expect(request).toMatchObject({
        status: "pending",
        viewerRole: "mentee",
        mentee: { userId: world.ids.eve, name: "Eve Mentee" },
        mentor: { userId: world.ids.ada, name: "Ada Mentor" },
        grow: { goal: "Lead the design of a service end to end." },
        expectations: { cadence: "fortnightly", formats: ["video", "in_person"], minutesPerMonth: 90 },
        relationshipId: null,
      });
      const expires = new Date(request.expiresAt).getTime();
      expect(expires - before).toBeGreaterThanOrEqual(14 * DAY - 1000);
      expect(expires - before).toBeLessThan(14 * DAY + 60_000);
      const notices = await readNotifications(t, world.orgId, world.ids.ada, { limit: 5 });
      expect(notices[0]).toMatchObject({ kind: "request.sent", link: `/mentoring/requests/${request.id}` });
      expect((await emailsTo(t, "ada@acme.test"))[0].subject).toContain(
        "Eve Mentee asks you to be their mentor",
      );
    });

    it("bad input names the field", async () => {
      const cases: [unknown, string][] = [
        [growBody(world.ids.ada, { goal: "   " }), "body.goal"],
        [growBody(world.ids.ada, { will: "x".repeat(2001) }), "body.will"],
        [growBody("not-a-uuid"), "body.mentorId"],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "daily", formats: ["video"], minutesPerMonth: 60 },
          },
          "body.expectations.cadence",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: [], minutesPerMonth: 60 },
          },
          "body.expectations.formats",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: ["fax"], minutesPerMonth: 60 },
          },
          "body.expectations.formats.0",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: ["video", "video"], minutesPerMonth: 60 },
          },
          "body.expectations.formats",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: ["video"], minutesPerMonth: 5 },
          },
          "body.expectations.minutesPerMonth",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: ["video"], minutesPerMonth: 60.5 },
          },
          "body.expectations.minutesPerMonth",
        ],
        [
          {
            ...growBody(world.ids.ada),
            expectations: { cadence: "weekly", formats: ["video"], minutesPerMonth: 60, extra: 1 },
          },
          "body.expectations.extra",
        ],
        [growBody(world.ids.fay), "body.mentorId"],
      ];
      for (const [body, path] of cases) {
        const response = await send("fay", body);
        expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
        expect(
          response.json().error.details.map((d: { path: string }) => d.path),
          path,
        ).toContain(path);
      }
    });

    it("refuses a mentor who is not in the programme, or who is in organisation B (404)", async () => {
      for (const mentorId of [world.ids.ivy, orgB.mentorId, world.ids.fay]) {
        const response = await send("gus", growBody(mentorId));
        expect(response.statusCode, response.body).toBe(404);
      }
      const viaB = await call(
        t,
        world.callers.gus,
        "POST",
        `/api/orgs/${world.orgId}/programmes/${orgB.programmeId}/requests`,
        growBody(world.ids.ada),
      );
      expect(viaB.statusCode).toBe(404);
    });

    it("only an active mentee may send (403): not a mentor, not a member outside the programme", async () => {
      expect((await send("ada", growBody(world.ids.ben))).statusCode).toBe(403);
      expect((await send("ivy", growBody(world.ids.ben))).statusCode).toBe(403);
    });

    it("a paused mentor takes no requests (422)", async () => {
      const response = await send("gus", growBody(world.ids.cyd));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.message).toBe(
        "Cyd Paused is not taking requests in this programme right now.",
      );
    });

    it("a second open request to the same mentor is a 409", async () => {
      const response = await send("eve", growBody(world.ids.ada));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toBe("You already have an open request to Ada Mentor.");
    });

    it("at most pendingRequestCap open requests (422 says how many)", async () => {
      const capped = await selfMatchWorld(
        t,
        world.orgId,
        [
          { email: "m1@cap.test", role: "mentor" },
          { email: "m2@cap.test", role: "mentor" },
          { email: "m3@cap.test", role: "mentor" },
          { email: "e1@cap.test", role: "mentee" },
        ],
        { pendingRequestCap: 2 },
      );
      await sendRequest(t, capped, "e1", "m1");
      await sendRequest(t, capped, "e1", "m2");
      const third = await call(t, capped.callers.e1, "POST", requestsUrl(capped), growBody(capped.ids.m3));
      expect(third.statusCode).toBe(422);
      expect(third.json().error.message).toContain(
        "You already have 2 open requests, the most this programme allows (2)",
      );
    });

    it("a programme matched by its managers takes no requests (422)", async () => {
      const adminOnly = await selfMatchWorld(
        t,
        world.orgId,
        [
          { email: "m@admin-mode.test", role: "mentor" },
          { email: "e@admin-mode.test", role: "mentee" },
        ],
        { matchingMode: "admin" },
      );
      const response = await call(
        t,
        adminOnly.callers.e,
        "POST",
        requestsUrl(adminOnly),
        growBody(adminOnly.ids.m),
      );
      expect(response.statusCode).toBe(422);
    });
  });

  describe("reading", () => {
    let requestId: string;
    beforeAll(async () => {
      requestId = await sendRequest(t, world, "fay", "ada");
    });

    it("its mentee and its mentor see everything", async () => {
      for (const [who, role] of [
        ["fay", "mentee"],
        ["ada", "mentor"],
      ] as const) {
        const response = await call(t, world.callers[who], "GET", requestUrl(world, requestId));
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          viewerRole: role,
          grow: { will: "Write one design doc a month." },
        });
      }
    });

    it("an admin sees state and dates but not the GROW text, expectations or messages", async () => {
      const response = await call(t, owner, "GET", requestUrl(world, requestId));
      expect(response.statusCode).toBe(200);
      const request = response.json();
      expect(request).toMatchObject({
        viewerRole: "admin",
        status: "pending",
        grow: null,
        expectations: null,
        infoQuestion: null,
        infoAnswer: null,
        closeReason: null,
      });
      expect(request.expiresAt).toBeTruthy();
      expect(response.body).not.toContain("design doc");
    });

    it("anyone else gets 404: another mentor, another mentee, a member", async () => {
      for (const who of ["ben", "gus", "ivy"]) {
        expect((await call(t, world.callers[who], "GET", requestUrl(world, requestId))).statusCode).toBe(404);
      }
    });

    it("organisation B's request through A's path is 404, and A's request through B's path too", async () => {
      expect((await call(t, owner, "GET", requestUrl(world, orgB.requestId))).statusCode).toBe(404);
      for (const [action, body] of [
        ["accept", undefined],
        ["decline", { reason: "No." }],
        ["ask", { question: "Why?" }],
        ["answer", { answer: "Because." }],
        ["withdraw", undefined],
      ] as const) {
        for (const caller of [owner, world.callers.ada, world.callers.fay]) {
          const response = await call(t, caller, "POST", requestUrl(world, orgB.requestId, action), body);
          expect(response.statusCode, `${action}: ${response.body}`).toBe(404);
        }
      }
      expect(
        (await call(t, orgB.owner, "GET", `/api/orgs/${orgB.orgId}/requests/${requestId}`)).statusCode,
      ).toBe(404);
    });

    it("lists my requests as mentee and as mentor, with filters", async () => {
      const mine = async (who: string, query = "") =>
        (await call(t, world.callers[who], "GET", `/api/orgs/${world.orgId}/requests${query}`)).json();
      const ada = await mine("ada");
      expect(ada.requests.every((r: { myRole: string }) => r.myRole === "mentor")).toBe(true);
      expect(ada.total).toBe(2);
      const fay = await mine("fay", "?role=mentee&status=open");
      expect(fay.requests).toEqual([
        expect.objectContaining({ id: requestId, myRole: "mentee", status: "pending" }),
      ]);
      expect((await mine("fay", "?role=mentor")).total).toBe(0);
      expect((await mine("fay", "?status=declined")).total).toBe(0);
      expect((await mine("ada", `?programmeId=${orgB.programmeId}`)).total).toBe(0);
      const bad = await call(t, world.callers.fay, "GET", `/api/orgs/${world.orgId}/requests?status=lost`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe("query.status");
    });
  });

  describe("answering", () => {
    it("bad input on each action names the field; nothing changes", async () => {
      const id = await sendRequest(t, world, "hal", "ada");
      for (const [who, action, body, path] of [
        ["ada", "decline", { reason: "  " }, "body.reason"],
        ["ada", "decline", {}, "body.reason"],
        ["ada", "decline", { reason: "x".repeat(1001) }, "body.reason"],
        ["ada", "ask", { question: "" }, "body.question"],
        ["ada", "ask", { question: "x".repeat(2001) }, "body.question"],
        ["hal", "answer", { answer: " " }, "body.answer"],
        ["hal", "answer", { answer: "x".repeat(4001) }, "body.answer"],
        ["ada", "accept", undefined, "params.requestId"],
      ] as const) {
        const url =
          path === "params.requestId"
            ? requestUrl(world, "not-a-uuid", action)
            : requestUrl(world, id, action);
        const response = await call(t, world.callers[who], "POST", url, body);
        expect(response.statusCode, `${action} ${path}: ${response.body}`).toBe(400);
        expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      expect((await call(t, world.callers.hal, "GET", requestUrl(world, id))).json().status).toBe("pending");
      await call(t, world.callers.hal, "POST", requestUrl(world, id, "withdraw"));
    });

    it("the mentor asks for more information; the mentee answers; it is pending again with a fresh expiry", async () => {
      const id = await sendRequest(t, world, "gus", "ada");
      const asked = await call(t, world.callers.ada, "POST", requestUrl(world, id, "ask"), {
        question: "Which service?",
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json()).toMatchObject({ status: "needs_info", infoQuestion: "Which service?" });
      expect(asked.json().respondedAt).toBeTruthy();
      expect((await readNotifications(t, world.orgId, world.ids.gus, { limit: 1 }))[0].kind).toBe(
        "request.info_asked",
      );

      // Only the mentee answers; the mentor cannot ask twice; the mentee cannot ask.
      expect(
        (await call(t, world.callers.ada, "POST", requestUrl(world, id, "answer"), { answer: "x" }))
          .statusCode,
      ).toBe(403);
      const again = await call(t, world.callers.ada, "POST", requestUrl(world, id, "ask"), {
        question: "And?",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details).toEqual([{ path: "request.status", message: "needs_info" }]);
      expect(
        (await call(t, world.callers.gus, "POST", requestUrl(world, id, "ask"), { question: "?" }))
          .statusCode,
      ).toBe(403);

      clock.advanceDays(5);
      const answered = await call(t, world.callers.gus, "POST", requestUrl(world, id, "answer"), {
        answer: "Payments.",
      });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.json()).toMatchObject({ status: "pending", infoAnswer: "Payments.", remindedAt: null });
      const fresh = new Date(answered.json().expiresAt).getTime() - clock.now().getTime();
      expect(fresh).toBeGreaterThan(14 * DAY - 60_000);
      expect(
        (await call(t, world.callers.gus, "POST", requestUrl(world, id, "answer"), { answer: "More" }))
          .statusCode,
      ).toBe(409);
      expect((await readNotifications(t, world.orgId, world.ids.ada, { limit: 1 }))[0].kind).toBe(
        "request.answered",
      );

      // Decline with a reason: the mentee reads it; nothing more can happen to it.
      const declined = await call(t, world.callers.ada, "POST", requestUrl(world, id, "decline"), {
        reason: "Booked until June.",
      });
      expect(declined.json()).toMatchObject({ status: "declined", closeReason: "Booked until June." });
      const [notice] = await readNotifications(t, world.orgId, world.ids.gus, { limit: 1 });
      expect(notice).toMatchObject({ kind: "request.declined" });
      expect(notice.body).toContain("Booked until June.");
      for (const [who, action, body] of [
        ["ada", "accept", undefined],
        ["ada", "decline", { reason: "x" }],
        ["gus", "withdraw", undefined],
        ["gus", "answer", { answer: "x" }],
      ] as const) {
        const response = await call(t, world.callers[who], "POST", requestUrl(world, id, action), body);
        expect(response.statusCode, `${action}: ${response.body}`).toBe(409);
        expect(response.json().error.message).toContain("declined");
      }
    });

    it("wrong person: a mentee cannot accept their own request, another mentor gets 404, an admin 403", async () => {
      const id = await sendRequest(t, world, "hal", "dan");
      const own = await call(t, world.callers.hal, "POST", requestUrl(world, id, "accept"));
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message).toBe("Only the mentor can accept this request.");
      expect((await call(t, world.callers.ada, "POST", requestUrl(world, id, "accept"))).statusCode).toBe(
        404,
      );
      expect(
        (await call(t, world.callers.ada, "POST", requestUrl(world, id, "decline"), { reason: "no" }))
          .statusCode,
      ).toBe(404);
      expect((await call(t, owner, "POST", requestUrl(world, id, "accept"))).statusCode).toBe(403);
      expect((await call(t, world.callers.dan, "POST", requestUrl(world, id, "withdraw"))).statusCode).toBe(
        403,
      );
      expect((await call(t, world.callers.ivy, "POST", requestUrl(world, id, "withdraw"))).statusCode).toBe(
        404,
      );

      const withdrawn = await call(t, world.callers.hal, "POST", requestUrl(world, id, "withdraw"));
      expect(withdrawn.json()).toMatchObject({ status: "withdrawn" });
      expect((await readNotifications(t, world.orgId, world.ids.dan, { limit: 1 }))[0].kind).toBe(
        "request.withdrawn",
      );
      const late = await call(t, world.callers.dan, "POST", requestUrl(world, id, "accept"));
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details).toEqual([{ path: "request.status", message: "withdrawn" }]);
    });
  });

  describe("accepting", () => {
    it("starts the relationship from the request, withdraws the mentee's other requests and tells those mentors why", async () => {
      const people = await selfMatchWorld(t, world.orgId, [
        { email: "m1@accept.test", name: "Mo One", role: "mentor", mentorCapacity: 2 },
        { email: "m2@accept.test", name: "Mo Two", role: "mentor" },
        { email: "m3@accept.test", name: "Mo Three", role: "mentor" },
        { email: "e@accept.test", name: "Em Mentee", role: "mentee" },
      ]);
      const chosen = await sendRequest(t, people, "e", "m1");
      const other = await sendRequest(t, people, "e", "m2");
      const third = await sendRequest(t, people, "e", "m3");
      await call(t, people.callers.m3, "POST", requestUrl(people, third, "ask"), { question: "Why me?" });

      const response = await call(t, people.callers.m1, "POST", requestUrl(people, chosen, "accept"));
      expect(response.statusCode, response.body).toBe(200);
      const { request, relationshipId, withdrawnOthers } = response.json();
      expect(request).toMatchObject({ status: "accepted", relationshipId });
      expect(withdrawnOthers).toBe(2);

      const relationship = await t.deps.repos.relationships.find(people.orgId, relationshipId);
      expect(relationship).toMatchObject({
        status: "proposed",
        origin: "request",
        requestId: chosen,
        menteeId: people.ids.e,
        mentorId: people.ids.m1,
        endsOn: people.programme.endsOn,
      });
      for (const id of [other, third]) {
        const closed = await call(t, people.callers.e, "GET", requestUrl(people, id));
        expect(closed.json()).toMatchObject({
          status: "withdrawn",
          closeReason: "matched with another mentor",
        });
      }
      for (const mentor of ["m2", "m3"]) {
        const [notice] = await readNotifications(t, people.orgId, people.ids[mentor], {
          limit: 1,
        });
        expect(notice.kind).toBe("request.withdrawn");
        expect(notice.body).toContain("matched with another mentor");
        expect((await emailsTo(t, `${mentor}@accept.test`))[0].subject).toBe(
          "Em Mentee's request was withdrawn",
        );
      }
      const [menteeNotice] = await readNotifications(t, people.orgId, people.ids.e, { limit: 1 });
      expect(menteeNotice).toMatchObject({
        kind: "request.accepted",
        link: `/mentoring/relationships/${relationshipId}`,
      });

      // The agreement starts from what the mentee proposed.
      const [agreement] = await t.database.db
        .select()
        .from(agreements)
        .where(eq(agreements.relationshipId, relationshipId));
      expect(agreement).toMatchObject({
        cadence: "fortnightly",
        formats: ["video", "in_person"],
        minutesPerMonth: 90,
        firstGoals: ["Lead the design of a service end to end."],
        endsOn: people.programme.endsOn,
      });

      // Matched now: no more requests in this programme.
      const more = await call(t, people.callers.e, "POST", requestsUrl(people), growBody(people.ids.m2));
      expect(more.statusCode).toBe(422);
      expect(more.json().error.message).toBe("You already have a mentor in this programme.");
    });

    it('a mentor at capacity: the request is declined "at capacity" and the call says so (409)', async () => {
      const people = await selfMatchWorld(t, world.orgId, [
        { email: "m@full.test", name: "Full Mentor", role: "mentor", mentorCapacity: 1 },
        { email: "e1@full.test", role: "mentee" },
        { email: "e2@full.test", role: "mentee" },
      ]);
      const first = await sendRequest(t, people, "e1", "m");
      const second = await sendRequest(t, people, "e2", "m");
      expect((await call(t, people.callers.m, "POST", requestUrl(people, first, "accept"))).statusCode).toBe(
        200,
      );
      const response = await call(t, people.callers.m, "POST", requestUrl(people, second, "accept"));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toBe(
        'You are at capacity (1 of 1 mentees): the request was declined as "at capacity".',
      );
      const declined = await call(t, people.callers.e2, "GET", requestUrl(people, second));
      expect(declined.json()).toMatchObject({ status: "declined", closeReason: "at capacity" });
      expect((await readNotifications(t, people.orgId, people.ids.e2, { limit: 1 }))[0].title).toBe(
        "Full Mentor has no room for another mentee",
      );
      // A new request to a full mentor is refused at once.
      const e3 = await call(t, people.callers.e2, "POST", requestsUrl(people), growBody(people.ids.m));
      expect(e3.statusCode).toBe(409);
      expect(e3.json().error.message).toBe("Full Mentor has no room for another mentee right now.");
    });

    it("a mentee matched meanwhile (e.g. by a manager): the request is withdrawn and the call says so (409)", async () => {
      const people = await selfMatchWorld(t, world.orgId, [
        { email: "m1@meanwhile.test", role: "mentor" },
        { email: "m2@meanwhile.test", role: "mentor" },
        { email: "e@meanwhile.test", name: "Matched Mentee", role: "mentee" },
      ]);
      const id = await sendRequest(t, people, "e", "m1");
      await t.deps.repos.relationships.create({
        orgId: people.orgId,
        programmeId: people.programme.id,
        menteeId: people.ids.e,
        mentorId: people.ids.m2,
        origin: "admin",
        endsOn: null,
        actorId: null,
      });
      const response = await call(t, people.callers.m1, "POST", requestUrl(people, id, "accept"));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toBe(
        "Matched Mentee already has a mentor in this programme: the request was withdrawn.",
      );
      expect((await call(t, people.callers.e, "GET", requestUrl(people, id))).json()).toMatchObject({
        status: "withdrawn",
        closeReason: "already matched in this programme",
      });
    });

    it("a mentor who paused cannot accept (422)", async () => {
      const people = await selfMatchWorld(t, world.orgId, [
        { email: "m@pausing.test", role: "mentor" },
        { email: "e@pausing.test", role: "mentee" },
      ]);
      const id = await sendRequest(t, people, "e", "m");
      await t.database.db
        .update(enrolments)
        .set({ status: "paused" })
        .where(eq(enrolments.userId, people.ids.m));
      const response = await call(t, people.callers.m, "POST", requestUrl(people, id, "accept"));
      expect(response.statusCode).toBe(422);
    });
  });
});
