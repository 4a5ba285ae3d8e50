import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, repositories } from "../db/index.ts";
import { createTestDatabase } from "../db/testing/test-database.ts";
import { DEMO_MENTEE_EMAIL, DEMO_MENTOR_EMAIL, seedDemo } from "./seed.command.ts";

describe("trellis seed --demo", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  const count = async (query: ReturnType<typeof sql>) =>
    Number(((await handle.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n);

  it("grows a demo organisation: two programmes, 40 mentors, 120 mentees, requests and relationships in every state", async () => {
    const summary = await seedDemo(handle.db, 170, new Date("2026-11-22T12:00:00Z"));
    // Members counts everyone the Members page lists: the owner, 6 admins and the rest.
    expect(summary).toMatchObject({ members: 171, admins: 6, mentors: 40, mentees: 120, programmes: 2 });
    expect(await count(sql`select count(*)::int as n from memberships where status = 'active'`)).toBe(171);
    // Each history reads in order: the match first, nothing after now, activity not before the start.
    expect(
      await count(sql`select count(*)::int as n from domain_events e
        join domain_events c on c.subject_id = e.subject_id and c.kind = 'relationship.changed'
          and c.payload->>'change' = 'created'
        where e.kind = 'relationship.changed'
          and (e.occurred_at < c.occurred_at or e.occurred_at > '2026-11-22T12:00:00Z'::timestamptz)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from relationships
        where started_at < created_at or last_activity_at < created_at or started_at > '2026-11-22T12:00:00Z'`),
    ).toBe(0);
    // The mentor persona has a request waiting for an answer (their Home shows it).
    expect(
      await count(sql`select count(*)::int as n from mentoring_requests r join users u on u.id = r.mentor_id
        where u.email = ${DEMO_MENTOR_EMAIL} and r.status = 'pending'`),
    ).toBe(1);

    expect(await count(sql`select count(*)::int as n from programmes`)).toBe(2);
    expect(
      await count(sql`select count(distinct user_id)::int as n from enrolments where role = 'mentor'`),
    ).toBe(40);
    expect(
      await count(sql`select count(distinct user_id)::int as n from enrolments where role = 'mentee'`),
    ).toBe(120);
    const relationshipStates = await handle.db.execute(
      sql`select distinct status from relationships order by 1`,
    );
    expect(
      (relationshipStates as unknown as { rows: { status: string }[] }).rows.map((r) => r.status),
    ).toEqual(["active", "completed", "ended_early", "paused", "proposed"]);
    const requestStates = await handle.db.execute(
      sql`select distinct status from mentoring_requests order by 1`,
    );
    expect((requestStates as unknown as { rows: { status: string }[] }).rows.map((r) => r.status)).toEqual([
      "accepted",
      "declined",
      "expired",
      "needs_info",
      "pending",
      "withdrawn",
    ]);
    // Profiles are varied: several departments, time zones and skills; mentors offer, mentees want.
    expect(
      await count(sql`select count(distinct department)::int as n from profiles`),
    ).toBeGreaterThanOrEqual(5);
    expect(await count(sql`select count(distinct time_zone)::int as n from profiles`)).toBeGreaterThanOrEqual(
      5,
    );
    expect(
      await count(sql`select count(*)::int as n from profiles p join enrolments e on e.user_id = p.user_id
        where e.role = 'mentor' and jsonb_array_length(p.skills_offered) = 0`),
    ).toBe(0);
    // No mentor holds more live relationships than their capacity in a programme.
    expect(
      await count(sql`select count(*)::int as n from enrolments e where e.role = 'mentor' and e.mentor_capacity <
        (select count(*) from relationships r where r.mentor_id = e.user_id and r.programme_id = e.programme_id
         and r.status in ('proposed', 'active', 'paused'))`),
    ).toBe(0);
  }, 180_000);

  it("gives the personas a proposed relationship with each other, agreement unconfirmed", async () => {
    const repos = repositories(handle.db);
    const mentor = await repos.users.findByEmailWithHash(DEMO_MENTOR_EMAIL);
    const mentee = await repos.users.findByEmailWithHash(DEMO_MENTEE_EMAIL);
    const rows = await handle.db.execute(
      sql`select r.status, a.mentee_confirmed_version from relationships r join agreements a on a.relationship_id = r.id
          where r.mentor_id = ${mentor!.id} and r.mentee_id = ${mentee!.id}`,
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
      { status: "proposed", mentee_confirmed_version: null },
    ]);
  });

  it("gives live pairs sessions: held ones with agenda, notes and follow-ups, and upcoming ones", async () => {
    expect(await count(sql`select count(*)::int as n from sessions where status = 'held'`)).toBeGreaterThan(
      20,
    );
    expect(
      await count(
        sql`select count(*)::int as n from sessions where status in ('confirmed', 'proposed') and starts_at > '2026-11-22T12:00:00Z'`,
      ),
    ).toBeGreaterThan(10);
    expect(await count(sql`select count(*)::int as n from session_notes`)).toBeGreaterThan(20);
    expect(
      await count(sql`select count(*)::int as n from session_action_items where done_at is null`),
    ).toBeGreaterThan(10);
    // The personas' proposed pair has a proposed first session.
    const repos = repositories(handle.db);
    const mentee = await repos.users.findByEmailWithHash(DEMO_MENTEE_EMAIL);
    expect(
      await count(sql`select count(*)::int as n from sessions s join session_attendees a on a.session_id = s.id
        where a.user_id = ${mentee!.id} and s.status = 'proposed'`),
    ).toBe(1);
  });

  it("does nothing the second time", async () => {
    expect(await seedDemo(handle.db, 300)).toBeNull();
    expect(await count(sql`select count(*)::int as n from programmes`)).toBe(2);
  });
});
