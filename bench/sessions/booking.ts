/**
 * Booking under contention, measured on this machine.
 *
 *   TRELLIS_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/sessions/booking.ts            (PostgreSQL: the figure that matters)
 *   npx tsx bench/sessions/booking.ts              (PGlite: one connection, bookings queue)
 *
 * 100 mentees of one mentor (instant booking, 100 pairs). Each round fires 100 bookings at once
 * through the booking use case (the route's work: slot checks, the session and attendee rows under
 * the exclusion constraint, events, reminders, realtime push, the answer read back):
 *  - "distinct": each mentee a different hour of the mentor's (all succeed);
 *  - "one slot": all the same hour (one books, 99 get the 409);
 * and beside them, as the reference, 100 concurrent plain single-row inserts in the same run. The
 * app's pool has 10 connections, so 100 at once queue for them (what a burst costs end to end).
 * Prints p50/p95/max per kind over ROUNDS rounds (default 5).
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Membership, OrgId, UserId } from "../../src/core/accounts/types.ts";
import type { ProgrammeId } from "../../src/core/programmes/types.ts";
import { AppError } from "../../src/server/http/app-error.ts";
import { createRelationship } from "../../src/server/relationships/relationship.test-helpers.ts";
import { bookSession } from "../../src/server/sessions/book-session.ts";
import { addPeople, createProgramme } from "../../src/server/testing/programme-fixtures.ts";
import { createTestApp, setUpOwner } from "../../src/server/testing/test-app.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PEOPLE = 100;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (value: number) => Number(value.toFixed(1));
  return {
    n: samples.length,
    p50: f(quantile(sorted, 0.5)),
    p95: f(quantile(sorted, 0.95)),
    max: f(sorted.at(-1) ?? 0),
  };
};

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, outcome: "ok" };
  } catch (error) {
    if (error instanceof AppError) return { ms: performance.now() - started, outcome: String(error.status) };
    throw error;
  }
}

async function main(): Promise<void> {
  // Events go out in the background, as in production (the answer does not wait for emails).
  const t = await createTestApp({}, { backgroundEvents: true });
  try {
    const owner = await setUpOwner(t.app);
    const orgId = owner.me.currentOrgId as OrgId;
    const programme = await createProgramme(t, orgId, { startsOn: "2026-01-01", endsOn: "2099-01-01" });
    await t.deps.db.execute(sql`update programmes set instant_booking = true where id = ${programme.id}`);
    const ids = await addPeople(t, orgId, programme.id as ProgrammeId, [
      { email: "mentor@bench.test", name: "Bench Mentor", role: "mentor", mentorCapacity: PEOPLE },
      ...Array.from({ length: PEOPLE }, (_, i) => ({
        email: `m${i}@bench.test`,
        name: `Mentee ${i}`,
        role: "mentee" as const,
      })),
    ]);
    const mentorId = ids["mentor@bench.test"] as UserId;
    const allDay = JSON.stringify(
      [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" })),
    );
    await t.deps.db.execute(
      sql`update profiles set time_zone = 'UTC', availability = ${allDay}::jsonb where org_id = ${orgId}`,
    );
    await t.deps.db.execute(sql`insert into scheduling_preferences (org_id, user_id, minimum_notice_minutes, buffer_minutes)
      select ${orgId}, user_id, 0, 0 from profiles where org_id = ${orgId}`);
    const pairs: { menteeId: string; pairId: string }[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const menteeId = ids[`m${i}@bench.test`] as UserId;
      const pair = await createRelationship(t, {
        orgId,
        programmeId: programme.id as ProgrammeId,
        menteeId,
        mentorId,
      });
      pairs.push({ menteeId, pairId: pair.id });
    }
    const member = (userId: string): Membership => ({
      orgId,
      orgName: "Bench",
      userId: userId as UserId,
      role: "member",
      status: "active",
      createdAt: new Date(),
    });
    const base = Date.UTC(2031, 0, 6, 0, 0);
    const hour = 3_600_000;
    const distinct: number[] = [];
    const oneSlot: number[] = [];
    const insert: number[] = [];
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const day = base + round * 7 * 24 * hour;
      const a = await Promise.all(
        pairs.map((pair, i) =>
          timed(() =>
            bookSession(t.deps, member(pair.menteeId), pair.pairId, {
              startsAt: new Date(day + i * hour).toISOString(),
              format: "video",
            }),
          ),
        ),
      );
      if (a.some((r) => r.outcome !== "ok"))
        throw new Error(`distinct round ${round}: ${a.map((r) => r.outcome).join(",")}`);
      distinct.push(...a.map((r) => r.ms));
      const slot = new Date(day + 5 * 24 * hour).toISOString(); // after the distinct round's 100 hours
      const b = await Promise.all(
        pairs.map((pair) =>
          timed(() =>
            bookSession(t.deps, member(pair.menteeId), pair.pairId, { startsAt: slot, format: "video" }),
          ),
        ),
      );
      if (b.filter((r) => r.outcome === "ok").length !== 1)
        throw new Error(`one-slot round ${round}: not exactly one booked`);
      refused += b.filter((r) => r.outcome === "409").length;
      oneSlot.push(...b.map((r) => r.ms));
      const c = await Promise.all(
        pairs.map((pair, i) =>
          timed(() =>
            t.deps.db.execute(sql`insert into availability_overrides (org_id, user_id, date, slots)
          values (${orgId}, ${pair.menteeId}, ${new Date(day + i * 24 * hour).toISOString().slice(0, 10)}, '[]'::jsonb)`),
          ),
        ),
      );
      insert.push(...c.map((r) => r.ms));
    }
    // One at a time, for scale: what one booking costs with nothing else running.
    const alone: number[] = [];
    const quiet = base + ROUNDS * 7 * 24 * hour + 10 * 24 * hour;
    for (const [i, pair] of pairs.slice(0, 50).entries()) {
      const r = await timed(() =>
        bookSession(t.deps, member(pair.menteeId), pair.pairId, {
          startsAt: new Date(quiet + i * hour).toISOString(),
          format: "video",
        }),
      );
      if (r.outcome !== "ok") throw new Error(`sequential booking ${i}: ${r.outcome}`);
      alone.push(r.ms);
    }
    console.log(
      JSON.stringify(
        {
          database: t.database.kind,
          concurrent: PEOPLE,
          rounds: ROUNDS,
          bookingDistinctSlotsMs: summary(distinct),
          bookingOneSlotMs: { ...summary(oneSlot), refused409: refused },
          plainInsertMs: summary(insert),
          bookingOneAtATimeMs: summary(alone),
        },
        null,
        2,
      ),
    );
  } finally {
    await t.close();
  }
}

void main();
