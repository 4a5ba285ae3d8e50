import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Membership, OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { testDatabaseKind } from "../../db/testing/test-database.ts";
import { AppError } from "../http/app-error.ts";
import { createRelationship } from "../relationships/relationship.test-helpers.ts";
import { addPeople, createProgramme } from "../testing/programme-fixtures.ts";
import { createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { bookSession } from "./book-session.ts";
import { DAYTIME, utcAt } from "./session.test-helpers.ts";

const member = (orgId: OrgId, userId: string): Membership => ({
  orgId,
  orgName: "Acme",
  userId: userId as UserId,
  role: "member",
  status: "active",
  createdAt: new Date(),
});

/** Outcome of one booking attempt: "booked", or the refusal's HTTP status. */
async function attempt(work: () => Promise<unknown>): Promise<"booked" | number> {
  try {
    await work();
    return "booked";
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

/**
 * Double booking under real concurrency (a PostgreSQL server and a connection pool; PGlite has one
 * connection, so its transactions never overlap). The exclusion constraint decides every race.
 */
describe.skipIf(testDatabaseKind() !== "postgres")("booking races on PostgreSQL", () => {
  let t: TestApp;
  let orgId: OrgId;
  let mentorId: string;
  const menteeIds: string[] = [];
  const pairIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    const programme = await createProgramme(t, orgId, { startsOn: "2026-01-01", endsOn: "2099-01-01" });
    await t.deps.db.execute(sql`update programmes set instant_booking = true where id = ${programme.id}`);
    const people = [
      { email: "mentor@race.test", name: "Rae Mentor", role: "mentor" as const, mentorCapacity: 200 },
      ...Array.from({ length: 100 }, (_, index) => ({
        email: `mentee${index}@race.test`,
        name: `Mentee ${index}`,
        role: "mentee" as const,
      })),
    ];
    const ids = await addPeople(t, orgId, programme.id as ProgrammeId, people);
    mentorId = ids["mentor@race.test"] as string;
    const hours = JSON.stringify(DAYTIME);
    await t.deps.db.execute(
      sql`update profiles set time_zone = 'UTC', availability = ${hours}::jsonb where org_id = ${orgId}`,
    );
    await t.deps.db.execute(sql`
      insert into scheduling_preferences (org_id, user_id, minimum_notice_minutes, buffer_minutes)
      select ${orgId}, user_id, 0, 0 from profiles where org_id = ${orgId}`);
    for (let index = 0; index < 100; index++) {
      const menteeId = ids[`mentee${index}@race.test`] as string;
      menteeIds.push(menteeId);
      const pair = await createRelationship(t, {
        orgId,
        programmeId: programme.id as ProgrammeId,
        menteeId: menteeId as UserId,
        mentorId: mentorId as UserId,
      });
      pairIds.push(pair.id);
    }
  }, 120_000);
  afterAll(() => t.close());

  it("100 mentees booking one mentor's slot at once: exactly one booked, 99 refused with 409", async () => {
    const startsAt = utcAt(t, 5, 10);
    const outcomes = await Promise.all(
      pairIds.map((pairId, index) =>
        attempt(() =>
          bookSession(t.deps, member(orgId, menteeIds[index] as string), pairId, {
            startsAt,
            format: "video",
          }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "booked")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 409)).toHaveLength(99);
    const live = await t.deps.db.execute(
      sql`select count(*)::int as n from session_attendees where user_id = ${mentorId} and live`,
    );
    expect((live as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
  }, 60_000);

  it("two people booking each other at overlapping times at once: never both", async () => {
    // Mentee 1 also mentors mentee 2 in a second programme, so each can book the other.
    const second = await createProgramme(t, orgId, { startsOn: "2026-01-01", endsOn: "2099-01-01" });
    await t.deps.db.execute(sql`update programmes set instant_booking = true where id = ${second.id}`);
    const a = menteeIds[1] as string;
    const b = menteeIds[2] as string;
    const aMentorsB = await createRelationship(t, {
      orgId,
      programmeId: second.id as ProgrammeId,
      menteeId: b as UserId,
      mentorId: a as UserId,
    });
    const firstPair = await createRelationship(t, {
      orgId,
      programmeId: (await createProgramme(t, orgId, { startsOn: "2026-01-01", endsOn: "2099-01-01" }))
        .id as ProgrammeId,
      menteeId: a as UserId,
      mentorId: b as UserId,
    });
    let doubles = 0;
    for (let round = 0; round < 20; round++) {
      const day = 10 + round;
      const [one, two] = await Promise.all([
        attempt(() =>
          bookSession(t.deps, member(orgId, a), firstPair.id, {
            startsAt: utcAt(t, day, 9),
            format: "video",
          }),
        ),
        attempt(() =>
          bookSession(t.deps, member(orgId, b), aMentorsB.id, {
            startsAt: utcAt(t, day, 9, 30),
            format: "phone",
          }),
        ),
      ]);
      if (one === "booked" && two === "booked") doubles++;
      expect([one, two].filter((outcome) => outcome === "booked")).toHaveLength(1);
      expect([one, two]).toContain(409);
    }
    expect(doubles).toBe(0);
  }, 120_000);
});
