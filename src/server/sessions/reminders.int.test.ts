import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookedSessions, Session } from "../../contracts/sessions.ts";
import { openDatabase, repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { createTestApp, movableClock, type TestApp } from "../testing/test-app.ts";
import { sendDueReminders, sendSessionReminder } from "./reminders.ts";
import { createSessionWorld, type SessionWorld, utcAt } from "./session.test-helpers.ts";
import { nudgeLapsedCadences } from "./session-jobs.ts";

/** Reminders with the movable clock: once each, none after a cancel, re-armed after a move, never twice. */
describe("session reminders and cadence nudges", () => {
  let t: TestApp;
  let w: SessionWorld;
  const clock = movableClock();
  let moved = 0;

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    w = await createSessionWorld(t);
  });
  afterAll(() => t.close());

  /** Moves the clock to `minutes` before an instant (and remembers, to undo). */
  function setClockBefore(iso: string, minutes: number) {
    const delta = Math.round((Date.parse(iso) - minutes * 60_000 - clock.now().getTime()) / 60_000);
    clock.advanceMinutes(delta);
    moved += delta;
  }
  function resetClock() {
    clock.advanceMinutes(-moved);
    moved = 0;
  }

  const remindersFor = async (sessionId: string) => {
    const result = (await t.deps.db.execute(
      sql`select payload from domain_events where kind = 'session.reminder' and subject_id = ${sessionId} order by seq`,
    )) as unknown as { rows: { payload: { offsetMinutes: number; startsAt: string; version: number } }[] };
    return result.rows.map((row) => row.payload);
  };

  async function bookConfirmed(days: number, hour: number): Promise<Session> {
    const pair = await w.newPair();
    await w.setProgramme(pair.programmeId, { instantBooking: true });
    const response = await w.book(w.mentee, { startsAt: utcAt(t, days, hour), format: "video" }, pair.id);
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as BookedSessions).sessions[0] as Session;
  }

  it("sends each reminder once, at its time, in the app and by email", async () => {
    const session = await bookConfirmed(5, 14);
    try {
      setClockBefore(session.startsAt, 24 * 60 + 5);
      expect(await sendDueReminders(t.deps)).toBe(0);
      setClockBefore(session.startsAt, 24 * 60 - 1);
      expect(await sendDueReminders(t.deps)).toBe(1);
      expect(await sendDueReminders(t.deps)).toBe(0);
      setClockBefore(session.startsAt, 59);
      expect(await sendDueReminders(t.deps)).toBe(1);
      // The job queued for the time finds it already sent.
      expect(
        await sendSessionReminder(t.deps, { sessionId: session.id, version: 1, offsetMinutes: 60 }),
      ).toBe("skipped");
      expect((await remindersFor(session.id)).map((r) => r.offsetMinutes)).toEqual([1440, 60]);
      const notices = await t.deps.db.execute(
        sql`select count(*)::int as n from notifications n join domain_events e on e.id = n.event_id where e.subject_id = ${session.id} and e.kind = 'session.reminder'`,
      );
      expect((notices as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(4);
    } finally {
      resetClock();
    }
  });

  it("a cancelled session is not reminded", async () => {
    const session = await bookConfirmed(6, 15);
    const cancelled = await w.call(w.mentor, "POST", `/sessions/${session.id}/cancel`, {
      version: session.version,
      reason: "Travelling",
    });
    expect(cancelled.statusCode).toBe(200);
    try {
      setClockBefore(session.startsAt, 30);
      expect(await sendDueReminders(t.deps)).toBe(0);
      expect(
        await sendSessionReminder(t.deps, { sessionId: session.id, version: 1, offsetMinutes: 60 }),
      ).toBe("skipped");
      expect(await remindersFor(session.id)).toEqual([]);
    } finally {
      resetClock();
    }
  });

  it("a move re-arms the reminders for the new time; the old time's are never sent", async () => {
    const session = await bookConfirmed(7, 14);
    const later = utcAt(t, 8, 16);
    const response = await w.call(w.mentee, "POST", `/sessions/${session.id}/reschedule`, {
      version: session.version,
      startsAt: later,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "confirmed", version: 2 });
    try {
      setClockBefore(session.startsAt, 30); // the old time: nothing due for version 1
      expect(
        await sendSessionReminder(t.deps, { sessionId: session.id, version: 1, offsetMinutes: 60 }),
      ).toBe("skipped");
      expect(await sendDueReminders(t.deps)).toBe(0);
      setClockBefore(later, 24 * 60 - 1);
      expect(await sendDueReminders(t.deps)).toBe(1);
      setClockBefore(later, 30);
      expect(await sendDueReminders(t.deps)).toBe(1);
      const sent = await remindersFor(session.id);
      expect(sent.map((r) => [r.version, r.offsetMinutes, r.startsAt])).toEqual([
        [2, 1440, later],
        [2, 60, later],
      ]);
    } finally {
      resetClock();
    }
  });

  it("two instances sweeping at once send each reminder once", async () => {
    const sessions = [await bookConfirmed(9, 14), await bookConfirmed(9, 16), await bookConfirmed(9, 18)];
    const second =
      t.database.url !== null
        ? await openDatabase({ kind: "postgres", url: t.database.url, poolSize: 4 })
        : null;
    const deps2: ServerDeps = second ? { ...t.deps, db: second.db, repos: repositories(second.db) } : t.deps;
    try {
      setClockBefore(sessions[2]?.startsAt as string, 24 * 60 - 1);
      const [a, b] = await Promise.all([sendDueReminders(t.deps), sendDueReminders(deps2)]);
      expect(a + b).toBe(3);
      for (const session of sessions) expect(await remindersFor(session.id)).toHaveLength(1);
    } finally {
      resetClock();
      await second?.close();
    }
  });

  it("nudges a pair whose cadence lapsed with nothing booked, once per lapse", async () => {
    const pair = await w.newPair();
    await t.deps.db.execute(
      sql`update relationships set status = 'active', started_at = ${new Date(clock.now().getTime() - 20 * 86_400_000)} where id = ${pair.id}`,
    );
    // Other pairs of the world have upcoming sessions or are not active; this one (fortnightly) lapsed.
    const first = await nudgeLapsedCadences(t.deps);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await nudgeLapsedCadences(t.deps)).toBe(0);
    const events = (await t.deps.db.execute(
      sql`select payload from domain_events where kind = 'session.cadence_lapsed' and subject_id = ${pair.id}`,
    )) as unknown as { rows: { payload: { cadence: string } }[] };
    expect(events.rows.map((row) => row.payload.cadence)).toEqual(["fortnightly"]);

    // Booking ends the lapse: nothing more while a session is ahead.
    const booked = await w.book(w.mentee, { startsAt: utcAt(t, 3, 14), format: "video" }, pair.id);
    expect(booked.statusCode).toBe(201);
    expect(await nudgeLapsedCadences(t.deps)).toBe(0);
  });
});
