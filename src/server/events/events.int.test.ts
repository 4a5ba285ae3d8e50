import { CONSUMER_NAMES } from "./consumer-names.ts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DomainEvent, EVENT_KINDS, type EventKind, type EventPayload } from "../../contracts/events.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { openDatabase, repositories } from "../../db/index.ts";
import { testDatabaseKind } from "../../db/testing/test-database.ts";
import type { ServerDeps } from "../deps.ts";
import { noticesFor } from "../notifications/notices.ts";
import { addPeople, signInFixture } from "../testing/programme-fixtures.ts";
import { readNotifications } from "../testing/read-notifications.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { createEventDispatcher, MAX_ATTEMPTS } from "./dispatcher.ts";
import { recordEvents } from "./record-events.ts";

const rid = "00000000-0000-4000-8000-0000000000a1";
const pid = "00000000-0000-4000-8000-0000000000b2";

/** One payload per kind: the type makes a new kind add its sample here. */
/** One sample of each session event kind (H3). */
function sessionSamples(mentee: string, mentor: string) {
  const session = {
    sessionId: rid,
    relationshipId: rid,
    programmeId: pid,
    programmeName: "Developer cohort",
    version: 2,
    actorId: mentee,
    actorName: "Mia Mentee",
    attendeeIds: [mentee, mentor],
    attendeeNames: ["Mia Mentee", "Max Mentor"],
    startsAt: "2027-01-12T17:00:00Z",
    endsAt: "2027-01-12T18:00:00Z",
    status: "confirmed",
  };
  return {
    "session.proposed": { ...session, status: "proposed", occurrences: 1 },
    "session.confirmed": { ...session, occurrences: 1, accepted: false },
    "session.rescheduled": {
      ...session,
      previousStartsAt: "2027-01-11T17:00:00Z",
      previousEndsAt: "2027-01-11T18:00:00Z",
    },
    "session.cancelled": { ...session, status: "cancelled", reason: "Ill today", late: true },
    "session.declined": { ...session, status: "declined", reason: null },
    "session.recorded": { ...session, status: "held", outcome: "held" as const, absentUserIds: [] },
    "session.reminder": { ...session, actorId: null, actorName: null, offsetMinutes: 60 },
    "session.cadence_lapsed": {
      relationshipId: rid,
      programmeId: pid,
      programmeName: "Developer cohort",
      menteeId: mentee,
      mentorId: mentor,
      menteeName: "Mia Mentee",
      mentorName: "Max Mentor",
      cadence: "fortnightly",
      since: "2026-12-01T17:00:00Z",
    },
  };
}

function samples(mentee: string, mentor: string, admin: string): { [K in EventKind]: EventPayload<K> } {
  const request = {
    id: rid,
    menteeId: mentee,
    mentorId: mentor,
    menteeName: "Mia Mentee",
    mentorName: "Max Mentor",
    programmeName: "Developer cohort",
  };
  const toMentor = {
    relationshipId: rid,
    programmeName: "Developer cohort",
    recipientId: mentor,
    actorName: "Mia",
  };
  return {
    "request.sent": { request },
    "request.accepted": { request, relationshipId: rid },
    "request.declined": { request, reason: "Too busy", atCapacity: false },
    "request.withdrawn": { request, why: "by_mentee" },
    "request.info_asked": { request, question: "Which stack?" },
    "request.answered": { request },
    "request.expired": { request },
    "request.reminder_due": { request, turn: "mentor", daysLeft: 3 },
    "relationship.proposed": {
      relationshipId: rid,
      menteeId: mentee,
      mentorId: mentor,
      menteeName: "Mia Mentee",
      mentorName: "Max Mentor",
      programmeName: "Developer cohort",
    },
    "relationship.started": { ...toMentor, endsOn: "2027-04-30", fitCheckDueOn: "2027-02-01" },
    "relationship.status_changed": {
      ...toMentor,
      status: "paused",
      reason: "Exams",
      recipientIsMentee: false,
    },
    "agreement.changed": { ...toMentor, version: 2, changes: ["the end date"], isActive: true },
    "agreement.confirmed": { ...toMentor, version: 2, isActive: true },
    "agreement.agreed": { ...toMentor, version: 2, newEndsOn: "2027-05-31", endDateChanged: true },
    "relationship.changed": {
      relationshipId: rid,
      change: "paused",
      fromStatus: "active",
      toStatus: "paused",
      detail: "Exams",
    },
    "fit_check.due": toMentor,
    "fit_check.answered": { ...toMentor, note: "We never managed to meet.", recipientIsMentee: false },
    "enrolment.pending": {
      programmeId: pid,
      programmeName: "Developer cohort",
      registrantName: "Mia",
      adminIds: [admin],
    },
    "enrolment.added": { programmeId: pid, programmeName: "Developer cohort", userIds: [mentee, mentor] },
    "enrolment.approved": { programmeId: pid, programmeName: "Developer cohort", userId: mentee },
    "enrolment.declined": {
      programmeId: pid,
      programmeName: "Developer cohort",
      userId: mentee,
      reason: null,
    },
    "enrolment.removed": { programmeId: pid, programmeName: "Developer cohort", userId: mentee },
    "account.reset_issued": {
      userId: mentee,
      actorName: "Olive Owner",
      actorRole: "owner",
      orgName: "Acme",
      issuedAt: "2026-12-07T21:00:00Z",
      expiresAt: "2026-12-08T21:00:00Z",
    },
    ...sessionSamples(mentee, mentor),
  };
}

async function count(deps: ServerDeps, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await deps.db.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

describe(`domain events (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let orgId: OrgId;
  let ids: Record<string, string>;
  let ownerId: string;
  let owner: Caller;

  beforeAll(async () => {
    t = await createTestApp({}, { backgroundEvents: true });
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    ownerId = owner.me.user.id;
    ids = await addPeople(t, orgId, null, [
      { email: "mia@acme.test", name: "Mia Mentee" },
      { email: "max@acme.test", name: "Max Mentor" },
    ]);
  });
  afterAll(() => t.close());

  it("every kind gives its notification and its email exactly once, with two dispatchers racing", async () => {
    const mentee = ids["mia@acme.test"] as string;
    const mentor = ids["max@acme.test"] as string;
    const payloads = samples(mentee, mentor, ownerId);
    const events = EVENT_KINDS.map((kind) => ({ kind, orgId, payload: payloads[kind] }) as DomainEvent);
    // Ten rounds of every kind, so the dispatchers have enough to fight over.
    const all = Array.from({ length: 10 }, () => events).flat();
    const emailsBefore = await count(t.deps, sql`select count(*)::int as n from sent_emails`);
    await recordEvents(t.deps.repos, all);

    // A second instance: its own connection pool on PostgreSQL (on PGlite, the same database).
    const second =
      t.database.url !== null
        ? await openDatabase({ kind: "postgres", url: t.database.url, poolSize: 4 })
        : null;
    const deps2: ServerDeps = second ? { ...t.deps, db: second.db, repos: repositories(second.db) } : t.deps;
    const one = createEventDispatcher();
    const two = createEventDispatcher();
    one.bind(t.deps);
    two.bind(deps2);
    try {
      const [a, b] = await Promise.all([one.drain(), two.drain()]);
      expect(a + b).toBe(all.length * CONSUMER_NAMES.length);
      if (second) expect(Math.min(a, b)).toBeGreaterThan(0);
    } finally {
      await second?.close();
    }

    const expectedNotifications = all.reduce((sum, event) => sum + noticesFor(event).length, 0);
    const expectedEmails = all.reduce(
      (sum, event) => sum + noticesFor(event).filter((notice) => notice.email !== false).length,
      0,
    );
    expect(
      await count(t.deps, sql`select count(*)::int as n from notifications where event_id is not null`),
    ).toBe(expectedNotifications);
    expect(await count(t.deps, sql`select count(*)::int as n from sent_emails`)).toBe(
      emailsBefore + expectedEmails,
    );
    expect(await t.deps.repos.events.deliveryCounts()).toEqual({ done: all.length * CONSUMER_NAMES.length });
    // Each kind reached someone, worded (not stored as text).
    for (const kind of EVENT_KINDS) {
      // A line of a pair's history tells nobody (the change's notice is an event of its own).
      if (kind === "relationship.changed") {
        expect(noticesFor({ kind, orgId, payload: payloads[kind] } as DomainEvent)).toEqual([]);
        continue;
      }
      const notices = noticesFor({ kind, orgId, payload: payloads[kind] } as DomainEvent);
      expect(notices.length, kind).toBeGreaterThan(0);
      for (const notice of notices) expect(notice.title.length, kind).toBeGreaterThan(5);
    }
    const mine = await readNotifications(t, orgId, mentor, { limit: 100 });
    expect(mine.some((item) => item.body.includes("We never managed to meet."))).toBe(true);
  });

  it("a consumer that throws is retried with backoff, then recorded failed and listed for admins; others go on", async () => {
    let clock = new Date("2030-01-01T00:00:00Z");
    const attempts: number[] = [];
    const deps: ServerDeps = { ...t.deps, now: () => clock };
    const dispatcher = createEventDispatcher({
      consumers: {
        notifications: async () => {
          attempts.push(1);
          throw new Error("notifications store down");
        },
        email: async () => {},
        calendar: async () => {},
        webhooks: async () => {},
      },
    });
    dispatcher.bind(deps);
    await recordEvents(t.deps.repos, [
      {
        kind: "request.sent",
        orgId,
        payload: samples(ids["mia@acme.test"] as string, ids["max@acme.test"] as string, ownerId)[
          "request.sent"
        ],
      },
    ]);
    await dispatcher.drain();
    expect(attempts).toHaveLength(1);
    await dispatcher.drain();
    expect(attempts).toHaveLength(1); // backing off: not due yet
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      clock = new Date(clock.getTime() + 11 * 60_000);
      await dispatcher.drain();
    }
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    clock = new Date(clock.getTime() + 60 * 60_000);
    await dispatcher.drain();
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    const failed = await t.deps.repos.events.listFailed(orgId, 10);
    expect(failed).toEqual([
      expect.objectContaining({
        kind: "request.sent",
        consumer: "notifications",
        attempts: MAX_ATTEMPTS,
        lastError: "notifications store down",
      }),
    ]);
    // The email of the same event went out regardless.
    expect(await t.deps.repos.events.deliveryCounts()).toMatchObject({ failed: 1 });
    // Admins see it; members do not; another organisation's admins see none of it (404 for its path).
    const listed = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/event-deliveries/failed`,
      headers: owner.headers,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().deliveries).toEqual([
      expect.objectContaining({ kind: "request.sent", consumer: "notifications", attempts: MAX_ATTEMPTS }),
    ]);
    const member = await signInFixture(t, "mia@acme.test");
    const refused = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/event-deliveries/failed`,
      headers: member.headers,
    });
    expect(refused.statusCode).toBe(403);
    const other = await createSecondOrganisation(t);
    const foreign = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/event-deliveries/failed`,
      headers: other.owner.headers,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("refuses an event whose payload does not match its kind, and nothing is recorded", async () => {
    const before = await t.deps.repos.events.deliveryCounts();
    await expect(
      recordEvents(t.deps.repos, [
        { kind: "request.sent", orgId, payload: { request: { id: "x" } } } as never,
      ]),
    ).rejects.toThrow(/bad payload/);
    expect(await t.deps.repos.events.deliveryCounts()).toEqual(before);
  });
});
