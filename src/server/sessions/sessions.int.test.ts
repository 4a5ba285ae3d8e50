import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookedSessions, Session, SessionDetail, SlotSearch } from "../../contracts/sessions.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { createRelationship } from "../relationships/relationship.test-helpers.ts";
import { addPeople, createProgramme } from "../testing/programme-fixtures.ts";
import { createTestApp, movableClock, type TestApp } from "../testing/test-app.ts";
import { createSessionWorld, type SessionWorld, utcAt } from "./session.test-helpers.ts";

describe("sessions: book, answer, move, cancel, record", () => {
  let t: TestApp;
  let w: SessionWorld;
  const clock = movableClock();

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    w = await createSessionWorld(t);
  });
  afterAll(() => t.close());

  const booked = (response: { json(): unknown }) =>
    (response.json() as BookedSessions).sessions[0] as Session;

  it("a booking without instant booking is a proposal the other side accepts", async () => {
    const response = await w.book(w.mentee, { startsAt: utcAt(t, 8, 14), format: "video" });
    expect(response.statusCode, response.body).toBe(201);
    const session = booked(response);
    expect(session).toMatchObject({
      status: "proposed",
      version: 1,
      lengthMinutes: 60,
      timeZone: "Europe/Berlin",
    });
    expect(session.viewer).toMatchObject({ role: "mentee", mustAnswer: false, ownsAgenda: true });
    expect(session.attendees.map((a) => a.role).sort()).toEqual(["mentee", "mentor"]);

    const forMentor = await w.call(w.mentor, "GET", `/sessions/${session.id}`);
    expect((forMentor.json() as SessionDetail).session.viewer).toMatchObject({ mustAnswer: true });

    const selfAccept = await w.call(w.mentee, "POST", `/sessions/${session.id}/accept`, { version: 1 });
    expect(selfAccept.statusCode).toBe(403);

    const accepted = await w.call(w.mentor, "POST", `/sessions/${session.id}/accept`, { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "confirmed", version: 2 });
    const reminders = await t.deps.repos.sessionReminders.remindersOf(session.id);
    expect(reminders.map((r) => [r.version, r.offsetMinutes])).toEqual([
      [2, 1440],
      [2, 60],
    ]);

    const stale = await w.call(w.mentor, "POST", `/sessions/${session.id}/cancel`, {
      version: 1,
      reason: "Too late",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].path).toBe("body.version");
  });

  it("instant booking confirms at once; a time someone is already booked at is a 409 naming the slot", async () => {
    const pair = await w.newPair();
    await w.setProgramme(pair.programmeId, { instantBooking: true });
    // Fresh hours for the new pair's people are the same profiles: same people, another programme.
    const first = await w.book(w.mentor, { startsAt: utcAt(t, 9, 15), format: "phone" }, pair.id);
    expect(first.statusCode, first.body).toBe(201);
    expect(booked(first)).toMatchObject({ status: "confirmed", proposedBy: null });

    // The same people in the first programme, overlapping by half an hour: refused, nothing kept.
    const clash = await w.book(w.mentee, { startsAt: utcAt(t, 9, 15, 30), format: "video" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/already has a session/);
    expect(clash.json().error.details[0].path).toBe("body.startsAt");

    // Back to back is fine ('[)').
    const next = await w.book(w.mentee, { startsAt: utcAt(t, 9, 16), format: "video" });
    expect(next.statusCode, next.body).toBe(201);
  });

  it("bad input names the field; outsiders get 404, managers 403", async () => {
    const past = await w.book(w.mentee, { startsAt: utcAt(t, -1, 14), format: "video" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ path: "body.startsAt", message: "is in the past" });
    const place = await w.book(w.mentee, { startsAt: utcAt(t, 10, 14), format: "in_person" });
    expect(place.json().error.details[0].path).toBe("body.location");
    const format = await w.book(w.mentee, { startsAt: utcAt(t, 10, 14), format: "carrier pigeon" });
    expect(format.statusCode).toBe(400);
    expect(format.json().error.details[0].path).toBe("body.format");
    const length = await w.book(w.mentee, { startsAt: utcAt(t, 10, 14), format: "video", lengthMinutes: 50 });
    expect(length.json().error.details[0]).toMatchObject({
      path: "body.lengthMinutes",
      message: "must be 30, 45, 60 or 90",
    });
    const endless = await w.book(w.mentee, {
      startsAt: utcAt(t, 10, 14),
      format: "video",
      recurrence: { everyWeeks: 2 },
    });
    expect(endless.statusCode).toBe(400);
    expect(endless.json().error.details[0].path).toBe("body.recurrence.count");

    expect((await w.book(w.outsider, { startsAt: utcAt(t, 10, 14), format: "video" })).statusCode).toBe(404);
    expect((await w.book(w.owner, { startsAt: utcAt(t, 10, 14), format: "video" })).statusCode).toBe(403);
  });

  it("a confirmed session moved where acceptance is needed goes back to proposed; cancelling late is recorded", async () => {
    const response = await w.book(w.mentee, { startsAt: utcAt(t, 12, 14), format: "video" });
    const session = booked(response);
    await w.call(w.mentor, "POST", `/sessions/${session.id}/accept`, { version: 1 });
    const moved = await w.call(w.mentee, "POST", `/sessions/${session.id}/reschedule`, {
      version: 2,
      startsAt: utcAt(t, 12, 17),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: "proposed", version: 3, proposedBy: w.mentee.userId });
    const counter = await w.call(w.mentor, "POST", `/sessions/${session.id}/reschedule`, {
      version: 3,
      startsAt: utcAt(t, 12, 18),
    });
    expect(counter.json()).toMatchObject({ status: "proposed", version: 4, proposedBy: w.mentor.userId });
    await w.call(w.mentee, "POST", `/sessions/${session.id}/accept`, { version: 4 });

    // 10 hours before: inside the 24-hour window.
    const minutes = Math.round((Date.parse(utcAt(t, 12, 18)) - clock.now().getTime()) / 60_000) - 600;
    clock.advanceMinutes(minutes);
    try {
      const cancelled = await w.call(w.mentor, "POST", `/sessions/${session.id}/cancel`, {
        version: 5,
        reason: "A fire drill",
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({
        status: "cancelled",
        cancelledLate: true,
        cancelReason: "A fire drill",
      });
      const again = await w.call(w.mentee, "POST", `/sessions/${session.id}/cancel`, {
        version: 6,
        reason: "again",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/cannot be cancelled any more/);
    } finally {
      clock.advanceMinutes(-minutes);
    }
  });

  it("held or missed only after the start; managers see counts, never notes or agenda", async () => {
    const pair = await w.newPair();
    const session = booked(await w.book(w.mentee, { startsAt: utcAt(t, 3, 14), format: "video" }, pair.id));
    await w.call(w.mentor, "POST", `/sessions/${session.id}/accept`, { version: 1 });
    const early = await w.call(w.mentee, "POST", `/sessions/${session.id}/outcome`, {
      version: 2,
      outcome: "held",
    });
    expect(early.statusCode).toBe(409);

    await w.call(w.mentee, "POST", `/sessions/${session.id}/agenda`, { text: "My promotion case" });
    await w.call(w.mentee, "POST", `/sessions/${session.id}/notes`, {
      text: "private thoughts",
      visibility: "only_me",
    });
    await w.call(w.mentor, "POST", `/sessions/${session.id}/notes`, {
      text: "for the pair",
      visibility: "pair",
    });
    await w.call(w.mentor, "POST", `/sessions/${session.id}/notes`, {
      text: "for coordinators",
      visibility: "coordinators",
    });

    clock.advanceDays(4);
    try {
      const held = await w.call(w.mentee, "POST", `/sessions/${session.id}/outcome`, {
        version: 2,
        outcome: "held",
      });
      expect(held.statusCode, held.body).toBe(200);
      expect(held.json()).toMatchObject({ status: "held", recordedByName: "Mia Mentee" });

      const stats = await w.call(w.owner, "GET", `/programmes/${pair.programmeId}/session-stats`);
      expect(stats.statusCode, stats.body).toBe(200);
      expect(stats.json().pairs[0]).toMatchObject({ held: 1, cancelled: 0, missed: 0, hoursLogged: 1 });
      expect(JSON.stringify(stats.json())).not.toMatch(/promotion|private|for the pair|for coordinators/);
      expect(
        (await w.call(w.mentee, "GET", `/programmes/${pair.programmeId}/session-stats`)).statusCode,
      ).toBe(403);

      const asManager = (await w.call(w.owner, "GET", `/sessions/${session.id}`)).json() as SessionDetail;
      expect(asManager.agenda).toEqual([]);
      expect(asManager.notes.map((n) => n.text)).toEqual(["for coordinators"]);
      expect(asManager.session.viewer).toMatchObject({ role: "admin", actions: [] });
      const asMentee = (await w.call(w.mentee, "GET", `/sessions/${session.id}`)).json() as SessionDetail;
      expect(asMentee.notes.map((n) => n.text)).toEqual([
        "private thoughts",
        "for the pair",
        "for coordinators",
      ]);
      const asMentor = (await w.call(w.mentor, "GET", `/sessions/${session.id}`)).json() as SessionDetail;
      expect(asMentor.notes.map((n) => n.text)).toEqual(["for the pair", "for coordinators"]);
      expect((await w.call(w.outsider, "GET", `/sessions/${session.id}`)).statusCode).toBe(404);
    } finally {
      clock.advanceDays(-4);
    }
  });

  it("the mentee owns the agenda in mentoring (the mentor suggests); the coach owns it in coaching", async () => {
    const session = booked(await w.book(w.mentor, { startsAt: utcAt(t, 14, 14), format: "video" }));
    const mine = await w.call(w.mentee, "POST", `/sessions/${session.id}/agenda`, { text: "Salary talk" });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ status: "agreed" });
    const suggestion = await w.call(w.mentor, "POST", `/sessions/${session.id}/agenda`, {
      text: "Your portfolio",
    });
    expect(suggestion.json()).toMatchObject({ status: "suggested" });
    const id = suggestion.json().id;
    expect(
      (await w.call(w.mentor, "PATCH", `/sessions/${session.id}/agenda/${id}`, { status: "agreed" }))
        .statusCode,
    ).toBe(403);
    const taken = await w.call(w.mentee, "PATCH", `/sessions/${session.id}/agenda/${id}`, {
      status: "agreed",
    });
    expect(taken.json()).toMatchObject({ status: "agreed" });
    const done = await w.call(w.mentor, "PATCH", `/sessions/${session.id}/agenda/${id}`, { done: true });
    expect(done.json()).toMatchObject({ done: true });

    const coaching = await w.newPair();
    await w.setProgramme(coaching.programmeId, { type: "coaching" });
    const coached = booked(
      await w.book(w.mentee, { startsAt: utcAt(t, 15, 14), format: "video" }, coaching.id),
    );
    expect(coached.viewer.ownsAgenda).toBe(false);
    const byCoach = await w.call(w.mentor, "POST", `/sessions/${coached.id}/agenda`, {
      text: "Goals review",
    });
    expect(byCoach.json()).toMatchObject({ status: "agreed" });
    const byCoachee = await w.call(w.mentee, "POST", `/sessions/${coached.id}/agenda`, {
      text: "My question",
    });
    expect(byCoachee.json()).toMatchObject({ status: "suggested" });
  });

  it("action items have an owner in the session, show on Home and carry to the next session", async () => {
    const pair = await w.newPair();
    const first = booked(await w.book(w.mentee, { startsAt: utcAt(t, 2, 14), format: "video" }, pair.id));
    await w.call(w.mentor, "POST", `/sessions/${first.id}/accept`, { version: 1 });
    const second = booked(await w.book(w.mentee, { startsAt: utcAt(t, 16, 14), format: "video" }, pair.id));
    const stranger = await w.call(w.mentee, "POST", `/sessions/${first.id}/action-items`, {
      text: "Ask Olga",
      ownerId: w.outsider.userId,
    });
    expect(stranger.json().error.details[0].path).toBe("body.ownerId");
    const item = await w.call(w.mentee, "POST", `/sessions/${first.id}/action-items`, {
      text: "Draft the promotion case",
      ownerId: w.mentee.userId,
      dueOn: "2099-01-10",
    });
    expect(item.statusCode, item.body).toBe(201);
    await w.call(w.mentee, "POST", `/sessions/${first.id}/agenda`, { text: "Left over topic" });

    const mine = await w.call(w.mentee, "GET", "/action-items");
    expect(mine.json().actionItems.map((i: { text: string }) => i.text)).toContain(
      "Draft the promotion case",
    );

    clock.advanceDays(3);
    try {
      await w.call(w.mentee, "POST", `/sessions/${first.id}/outcome`, { version: 2, outcome: "held" });
      const next = (await w.call(w.mentee, "GET", `/sessions/${second.id}`)).json() as SessionDetail;
      expect(next.carriedOver.previousSessionId).toBe(first.id);
      expect(next.carriedOver.openActionItems.map((i) => i.text)).toEqual(["Draft the promotion case"]);
      expect(next.carriedOver.openAgenda.map((i) => i.text)).toEqual(["Left over topic"]);
      const home = await w.call(w.mentee, "GET", "/home");
      expect(home.statusCode).toBe(200);
      expect(home.json().openActionItems.map((i: { text: string }) => i.text)).toContain(
        "Draft the promotion case",
      );
      expect(home.json().nextSession).toMatchObject({ status: expect.any(String) });
    } finally {
      clock.advanceDays(-3);
    }
  });

  it("finds the hours both share, and says so when they share none", async () => {
    const response = await w.call(w.mentee, "GET", `/relationships/${w.pair.id}/slots?weeks=1`);
    expect(response.statusCode, response.body).toBe(200);
    const search = response.json() as SlotSearch;
    expect(search.timeZone).toBe("Europe/Berlin");
    expect(search.slots.length).toBeGreaterThan(10);
    for (const slot of search.slots) {
      const hour = new Date(slot.start).getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(12);
      expect(hour).toBeLessThan(19);
    }
    expect(search.participants.map((p) => p.calendar)).toEqual(["none", "none"]);

    const ids = await addPeople(t, w.orgId, null, [
      {
        email: "night@acme.test",
        name: "Nina Night",
        profile: { timeZone: "Asia/Tokyo", availability: [{ day: 1, start: "10:00", end: "11:00" }] },
      },
    ]);
    const programme = await createProgramme(t, w.orgId, { startsOn: "2026-01-01", endsOn: "2099-01-01" });
    const pair = await createRelationship(t, {
      orgId: w.orgId,
      programmeId: programme.id as ProgrammeId,
      menteeId: w.mentee.userId,
      mentorId: ids["night@acme.test"] as never,
    });
    const none = (
      await w.call(w.mentee, "GET", `/relationships/${pair.id}/slots?weeks=2`)
    ).json() as SlotSearch;
    expect(none.slots).toEqual([]);
    expect(none.nearest.length).toBeGreaterThan(0);
    expect(none.nearest[0]?.outsideHours.length).toBe(1);
  });

  it("a series books every occurrence at the same local time, skipping one that clashes", async () => {
    const pair = await w.newPair();
    const blocker = await w.newPair();
    await w.book(w.mentor, { startsAt: utcAt(t, 21 + 14, 14), format: "video" }, blocker.id);
    const response = await w.book(
      w.mentee,
      {
        startsAt: utcAt(t, 21, 14),
        format: "video",
        recurrence: { everyWeeks: 1, count: 4 },
      },
      pair.id,
    );
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json() as BookedSessions;
    expect(result.sessions).toHaveLength(3);
    expect(result.skipped).toHaveLength(1);
    expect(new Set(result.sessions.map((s) => s.seriesId)).size).toBe(1);
  });

  it("admins set a programme's session rules; bad values name the field; members may not", async () => {
    const pair = await w.newPair();
    const path = `/programmes/${pair.programmeId}/session-settings`;
    expect((await w.call(w.owner, "GET", path)).json()).toEqual({
      instantBooking: false,
      lateCancelHours: 24,
      reminderOffsetsMinutes: [1440, 60],
    });
    const put = await w.call(w.owner, "PUT", path, {
      instantBooking: true,
      lateCancelHours: 12,
      reminderOffsetsMinutes: [30, 2880],
    });
    expect(put.json()).toEqual({
      instantBooking: true,
      lateCancelHours: 12,
      reminderOffsetsMinutes: [2880, 30],
    });
    const bad = await w.call(w.owner, "PUT", path, {
      instantBooking: true,
      lateCancelHours: 12,
      reminderOffsetsMinutes: [60, 60],
    });
    expect(bad.json().error.details[0].path).toBe("body.reminderOffsetsMinutes");
    expect((await w.call(w.mentee, "GET", path)).statusCode).toBe(403);
    const booked = await w.book(w.mentee, { startsAt: utcAt(t, 20, 14), format: "video" }, pair.id);
    expect(booked.json().sessions[0]).toMatchObject({ status: "confirmed" });
  });

  it("my scheduling: overrides and preferences, refusing a time that ends before it starts", async () => {
    const put = await w.call(w.mentee, "PUT", "/scheduling", {
      overrides: [
        { date: "2099-01-05", slots: [] },
        { date: "2099-01-06", slots: [{ start: "10:00", end: "12:00" }] },
      ],
      minimumNoticeMinutes: 120,
      bufferMinutes: 15,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      timeZone: "Europe/Berlin",
      minimumNoticeMinutes: 120,
      bufferMinutes: 15,
    });
    expect(put.json().overrides).toHaveLength(2);
    const bad = await w.call(w.mentee, "PUT", "/scheduling", {
      overrides: [{ date: "2099-01-06", slots: [{ start: "12:00", end: "10:00" }] }],
      minimumNoticeMinutes: 0,
      bufferMinutes: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe("body.overrides.0.slots.0.end");
    await w.call(w.mentee, "PUT", "/scheduling", {
      overrides: [],
      minimumNoticeMinutes: 0,
      bufferMinutes: 0,
    });
  });
});
