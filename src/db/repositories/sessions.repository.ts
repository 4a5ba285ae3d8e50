import { and, asc, desc, eq, gt, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId, ProgrammeType, RelationshipId } from "../../core/programmes/types.ts";
import type { Range } from "../../core/sessions/ranges.ts";
import { LIVE_SESSION_STATUSES, type SessionStatus } from "../../core/sessions/session-status.ts";
import type { Database } from "../connection.ts";
import { agreements, profiles, programmes, relationships, users } from "../schema.ts";
import { sessionAttendees, sessions } from "../schema/sessions.ts";
import { statusList } from "../status-sql.ts";

export type SessionId = string & { readonly __brand: "SessionId" };
export type SessionFormatValue = "video" | "in_person" | "phone";
export type AttendeeRole = "mentee" | "mentor" | "member";

export interface SessionRecord {
  id: SessionId;
  orgId: OrgId;
  programmeId: ProgrammeId;
  relationshipId: RelationshipId | null;
  seriesId: string | null;
  status: SessionStatus;
  version: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  format: SessionFormatValue;
  location: string | null;
  videoUrl: string | null;
  createdBy: UserId | null;
  proposedBy: UserId | null;
  cancelledBy: UserId | null;
  cancelReason: string | null;
  cancelledLate: boolean;
  cancelledAt: Date | null;
  recordedBy: UserId | null;
  recordedAt: Date | null;
  absentUserIds: UserId[];
  createdAt: Date;
  updatedAt: Date;
}

export interface AttendeeInfo {
  userId: UserId;
  name: string;
  role: AttendeeRole;
  timeZone: string;
}

/** A session with the names around it: programme, attendees, who cancelled or recorded it. */
export interface SessionView {
  session: SessionRecord;
  programmeName: string;
  programmeType: ProgrammeType;
  /** The programme's late-cancel window, in hours. */
  lateCancelHours: number;
  attendees: AttendeeInfo[];
  cancelledByName: string | null;
  recordedByName: string | null;
}

export interface NewSession {
  orgId: OrgId;
  programmeId: ProgrammeId;
  relationshipId: RelationshipId | null;
  seriesId: string | null;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  format: SessionFormatValue;
  location: string | null;
  videoUrl: string | null;
  createdBy: UserId;
  proposedBy: UserId | null;
  attendees: { userId: UserId; role: AttendeeRole }[];
  now: Date;
}

/** What a change of a session may set; the version rises by one with it. */
export type SessionChange = Partial<
  Pick<
    SessionRecord,
    | "status"
    | "startsAt"
    | "endsAt"
    | "format"
    | "location"
    | "videoUrl"
    | "proposedBy"
    | "cancelledBy"
    | "cancelReason"
    | "cancelledLate"
    | "cancelledAt"
    | "recordedBy"
    | "recordedAt"
    | "absentUserIds"
  >
> & { at: Date };

/** A pair and the rules its sessions follow: people, agreement, programme settings. */
export interface PairContext {
  relationshipId: RelationshipId;
  orgId: OrgId;
  programmeId: ProgrammeId;
  programmeName: string;
  programmeType: ProgrammeType;
  relationshipStatus: string;
  menteeId: UserId;
  mentorId: UserId;
  menteeName: string;
  mentorName: string;
  cadence: string;
  sessionMinutes: number;
  rules: SessionRules;
}

/** The programme's settings for sessions. */
export interface SessionRules {
  type: ProgrammeType;
  instantBooking: boolean;
  lateCancelHours: number;
  reminderOffsetsMinutes: number[];
}

export interface PairStatsRow {
  relationshipId: string;
  relationshipStatus: string;
  menteeId: string;
  menteeName: string;
  mentorId: string;
  mentorName: string;
  held: number;
  cancelled: number;
  cancelledLate: number;
  missed: number;
  upcoming: number;
  hours: number;
  lastHeldAt: Date | null;
  nextAt: Date | null;
}

const cancelledByUser = alias(users, "cancelled_by_user");
const menteeUser = alias(users, "mentee_user");
const mentorUser = alias(users, "mentor_user");
const recordedByUser = alias(users, "recorded_by_user");

const LIVE = statusList(LIVE_SESSION_STATUSES);

const range = (start: Date, end: Date) =>
  sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;

/**
 * SQLSTATE 40P01: PostgreSQL aborted one of two transactions waiting on each other. Two bookings
 * inserting overlapping ranges of one person at the same moment can each wait for the other's
 * uncommitted row while checking the exclusion constraint; one is aborted and may simply retry
 * (it then sees the other's row, or none if that one rolled back).
 */
export function isDeadlock(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: string }; code?: string })?.cause?.code ??
    (error as { code?: string })?.code;
  return code === "40P01";
}

/** SQLSTATE of an exclusion-constraint violation: a person would be in two live sessions at once. */
export function isDoubleBooking(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: string }; code?: string })?.cause?.code ??
    (error as { code?: string })?.code;
  return code === "23P01";
}

/**
 * Sessions, their attendees' booked ranges and their reminders. Every query is scoped by
 * organisation. Writes that span rows (a session and its attendees) are meant to run inside the
 * caller's transaction; the attendee rows carry the exclusion constraint that makes a double
 * booking fail with SQLSTATE 23P01 (`isDoubleBooking`).
 */
export function sessionsRepository(db: Database) {
  const viewQuery = () =>
    db
      .select({
        session: sessions,
        programmeName: programmes.name,
        programmeType: programmes.type,
        lateCancelHours: programmes.lateCancelHours,
        cancelledByName: cancelledByUser.name,
        recordedByName: recordedByUser.name,
      })
      .from(sessions)
      .innerJoin(programmes, eq(programmes.id, sessions.programmeId))
      .leftJoin(cancelledByUser, eq(cancelledByUser.id, sessions.cancelledBy))
      .leftJoin(recordedByUser, eq(recordedByUser.id, sessions.recordedBy));

  async function attendeesOf(orgId: OrgId, sessionIds: string[]): Promise<Map<string, AttendeeInfo[]>> {
    const bySession = new Map<string, AttendeeInfo[]>();
    if (sessionIds.length === 0) return bySession;
    const rows = await db
      .select({
        sessionId: sessionAttendees.sessionId,
        userId: sessionAttendees.userId,
        role: sessionAttendees.role,
        name: users.name,
        timeZone: sql<string>`coalesce(${profiles.timeZone}, 'UTC')`,
      })
      .from(sessionAttendees)
      .innerJoin(users, eq(users.id, sessionAttendees.userId))
      .leftJoin(
        profiles,
        and(eq(profiles.orgId, sessionAttendees.orgId), eq(profiles.userId, sessionAttendees.userId)),
      )
      .where(and(eq(sessionAttendees.orgId, orgId), inArray(sessionAttendees.sessionId, sessionIds)))
      .orderBy(asc(sessionAttendees.role), asc(users.name));
    for (const row of rows) {
      const list = bySession.get(row.sessionId) ?? [];
      list.push({ userId: row.userId as UserId, name: row.name, role: row.role, timeZone: row.timeZone });
      bySession.set(row.sessionId, list);
    }
    return bySession;
  }

  async function toViews(
    orgId: OrgId,
    rows: Awaited<ReturnType<ReturnType<typeof viewQuery>["execute"]>>,
  ): Promise<SessionView[]> {
    const attendees = await attendeesOf(
      orgId,
      rows.map((row) => row.session.id),
    );
    return rows.map((row) => ({
      session: row.session as SessionRecord,
      programmeName: row.programmeName,
      programmeType: row.programmeType,
      lateCancelHours: row.lateCancelHours,
      attendees: attendees.get(row.session.id) ?? [],
      cancelledByName: row.cancelledByName,
      recordedByName: row.recordedByName,
    }));
  }

  /** Sessions in which a person is an attendee (a subquery condition). */
  const attendedBy = (userId: UserId) =>
    sql`${sessions.id} in (select session_id from session_attendees where user_id = ${userId})`;

  return {
    /** A pair with its people, agreement and programme rules, or null (another organisation's: null too). */
    async pairContext(orgId: OrgId, relationshipId: string): Promise<PairContext | null> {
      const [row] = await db
        .select({
          relationshipId: relationships.id,
          orgId: relationships.orgId,
          programmeId: relationships.programmeId,
          programmeName: programmes.name,
          programmeType: programmes.type,
          relationshipStatus: relationships.status,
          menteeId: relationships.menteeId,
          mentorId: relationships.mentorId,
          menteeName: menteeUser.name,
          mentorName: mentorUser.name,
          cadence: agreements.cadence,
          sessionMinutes: agreements.sessionMinutes,
          instantBooking: programmes.instantBooking,
          lateCancelHours: programmes.lateCancelHours,
          reminderOffsetsMinutes: programmes.reminderOffsetsMinutes,
        })
        .from(relationships)
        .innerJoin(programmes, eq(programmes.id, relationships.programmeId))
        .innerJoin(agreements, eq(agreements.relationshipId, relationships.id))
        .innerJoin(menteeUser, eq(menteeUser.id, relationships.menteeId))
        .innerJoin(mentorUser, eq(mentorUser.id, relationships.mentorId))
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)));
      if (!row) return null;
      const { instantBooking, lateCancelHours, reminderOffsetsMinutes, ...rest } = row;
      return {
        ...(rest as Omit<PairContext, "rules">),
        rules: { type: row.programmeType, instantBooking, lateCancelHours, reminderOffsetsMinutes },
      };
    },

    /** The session rules of a programme. */
    async rules(orgId: OrgId, programmeId: string): Promise<SessionRules | null> {
      const [row] = await db
        .select({
          type: programmes.type,
          instantBooking: programmes.instantBooking,
          lateCancelHours: programmes.lateCancelHours,
          reminderOffsetsMinutes: programmes.reminderOffsetsMinutes,
        })
        .from(programmes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)));
      return row ?? null;
    },

    /** Changes a programme's session rules; false when there is no such programme here. */
    async updateRules(
      orgId: OrgId,
      programmeId: string,
      rules: Omit<SessionRules, "type">,
      now: Date,
    ): Promise<boolean> {
      const rows = await db
        .update(programmes)
        .set({ ...rules, updatedAt: now })
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)))
        .returning({ id: programmes.id });
      return rows.length === 1;
    },

    /** Tells the realtime hub (at commit) that these topics changed. */
    async pushRealtime(topics: readonly string[]): Promise<void> {
      if (topics.length === 0) return;
      await db.execute(
        sql`select trellis_realtime_push(${sql.raw(`ARRAY[${topics.map((topic) => `'${topic.replace(/[^a-z0-9:-]/g, "")}'`).join(",")}]::text[]`)})`,
      );
    },

    /** Inserts a session and one attendee row per person (live when the session is). Throws 23P01 on a double booking. */
    async insert(session: NewSession): Promise<SessionRecord> {
      const [row] = await db
        .insert(sessions)
        .values({
          orgId: session.orgId,
          programmeId: session.programmeId,
          relationshipId: session.relationshipId,
          seriesId: session.seriesId,
          status: session.status,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          timeZone: session.timeZone,
          format: session.format,
          location: session.location,
          videoUrl: session.videoUrl,
          createdBy: session.createdBy,
          proposedBy: session.proposedBy,
          createdAt: session.now,
          updatedAt: session.now,
        })
        .returning();
      const live = (LIVE_SESSION_STATUSES as readonly string[]).includes(session.status);
      await db.insert(sessionAttendees).values(
        session.attendees.map((attendee) => ({
          sessionId: row!.id,
          userId: attendee.userId,
          orgId: session.orgId,
          role: attendee.role,
          during: range(session.startsAt, session.endsAt) as unknown as string,
          live,
        })),
      );
      return row as SessionRecord;
    },

    async find(orgId: OrgId, sessionId: string): Promise<SessionRecord | null> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)));
      return (row as SessionRecord | undefined) ?? null;
    },

    /** The session's row, locked for the rest of the transaction (changes of one session queue). */
    async findForUpdate(orgId: OrgId, sessionId: string): Promise<SessionRecord | null> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)))
        .for("update");
      return (row as SessionRecord | undefined) ?? null;
    },

    async findView(orgId: OrgId, sessionId: string): Promise<SessionView | null> {
      const rows = await viewQuery().where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)));
      const [view] = await toViews(orgId, rows);
      return view ?? null;
    },

    async viewsByIds(orgId: OrgId, ids: string[]): Promise<SessionView[]> {
      if (ids.length === 0) return [];
      const rows = await viewQuery()
        .where(and(eq(sessions.orgId, orgId), inArray(sessions.id, ids)))
        .orderBy(asc(sessions.startsAt));
      return toViews(orgId, rows);
    },

    /** A pair's sessions, in time order. */
    async listForRelationship(orgId: OrgId, relationshipId: RelationshipId): Promise<SessionView[]> {
      const rows = await viewQuery()
        .where(and(eq(sessions.orgId, orgId), eq(sessions.relationshipId, relationshipId)))
        .orderBy(asc(sessions.startsAt))
        .limit(500);
      return toViews(orgId, rows);
    },

    /**
     * A person's sessions: upcoming (live, ending after now, soonest first), past (the rest, latest
     * first), or every session starting in [from, to).
     */
    async listForUser(
      orgId: OrgId,
      userId: UserId,
      filter:
        | { when: "upcoming" | "past"; now: Date; limit: number }
        | { from: Date; to: Date; limit: number },
    ): Promise<SessionView[]> {
      const conditions: SQL[] = [eq(sessions.orgId, orgId), attendedBy(userId)];
      let order: SQL;
      if ("from" in filter) {
        conditions.push(gte(sessions.startsAt, filter.from), lt(sessions.startsAt, filter.to));
        order = asc(sessions.startsAt);
      } else if (filter.when === "upcoming") {
        conditions.push(sql`${sessions.status} in (${LIVE})`, gt(sessions.endsAt, filter.now));
        order = asc(sessions.startsAt);
      } else {
        conditions.push(sql`(${sessions.status} not in (${LIVE}) or ${sessions.endsAt} <= ${filter.now})`);
        order = desc(sessions.startsAt);
      }
      const rows = await viewQuery()
        .where(and(...conditions))
        .orderBy(order)
        .limit(filter.limit);
      return toViews(orgId, rows);
    },

    /** The person's next live session ending after now (Home). */
    async nextForUser(orgId: OrgId, userId: UserId, now: Date): Promise<SessionView | null> {
      const [view] = await this.listForUser(orgId, userId, { when: "upcoming", now, limit: 1 });
      return view ?? null;
    },

    /** The pair's latest session starting before `before` that was held (for carrying items over). */
    async previousHeld(
      orgId: OrgId,
      relationshipId: RelationshipId,
      before: Date,
    ): Promise<SessionRecord | null> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.orgId, orgId),
            eq(sessions.relationshipId, relationshipId),
            eq(sessions.status, "held"),
            lt(sessions.startsAt, before),
          ),
        )
        .orderBy(desc(sessions.startsAt))
        .limit(1);
      return (row as SessionRecord | undefined) ?? null;
    },

    /**
     * Changes a session if it is still at `version` and in one of `from`; bumps the version and
     * moves its attendees' ranges and liveness with it. Returns the new row, or null when it
     * changed meanwhile. A move onto someone's live session throws 23P01.
     */
    async update(
      orgId: OrgId,
      sessionId: string,
      expected: { version: number; from: readonly SessionStatus[] },
      change: SessionChange,
    ): Promise<SessionRecord | null> {
      const { at, ...fields } = change;
      const [row] = await db
        .update(sessions)
        .set({ ...fields, version: sql`${sessions.version} + 1`, updatedAt: at })
        .where(
          and(
            eq(sessions.orgId, orgId),
            eq(sessions.id, sessionId),
            eq(sessions.version, expected.version),
            inArray(sessions.status, [...expected.from]),
          ),
        )
        .returning();
      if (!row) return null;
      const live = (LIVE_SESSION_STATUSES as readonly string[]).includes(row.status);
      await db
        .update(sessionAttendees)
        .set({ during: range(row.startsAt, row.endsAt) as unknown as string, live })
        .where(eq(sessionAttendees.sessionId, sessionId));
      return row as SessionRecord;
    },

    /** Changes a session's place and link only (no version: its time and state stay). */
    async updateDetails(
      orgId: OrgId,
      sessionId: string,
      version: number,
      fields: Pick<SessionRecord, "format" | "location" | "videoUrl">,
      at: Date,
    ): Promise<SessionRecord | null> {
      const [row] = await db
        .update(sessions)
        .set({ ...fields, updatedAt: at })
        .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId), eq(sessions.version, version)))
        .returning();
      return (row as SessionRecord | undefined) ?? null;
    },

    /**
     * Each person's live sessions overlapping the window, as busy ranges (any programme), leaving
     * out one session (the one being moved).
     */
    async busyRanges(
      userIds: readonly string[],
      window: Range,
      excludeSessionId?: string,
    ): Promise<Map<string, Range[]>> {
      const busy = new Map<string, Range[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return busy;
      const rows = await db
        .select({
          userId: sessionAttendees.userId,
          startsAt: sessions.startsAt,
          endsAt: sessions.endsAt,
        })
        .from(sessionAttendees)
        .innerJoin(sessions, eq(sessions.id, sessionAttendees.sessionId))
        .where(
          and(
            inArray(sessionAttendees.userId, [...userIds]),
            eq(sessionAttendees.live, true),
            sql`${sessionAttendees.during} && ${range(new Date(window.start), new Date(window.end))}`,
            ...(excludeSessionId ? [ne(sessionAttendees.sessionId, excludeSessionId)] : []),
          ),
        );
      for (const row of rows)
        busy.get(row.userId)?.push({ start: row.startsAt.getTime(), end: row.endsAt.getTime() });
      return busy;
    },

    /** Who of these people has a live session overlapping [start, end) (other than `excludeSessionId`). */
    async whoIsBusy(
      userIds: readonly string[],
      start: Date,
      end: Date,
      excludeSessionId?: string,
    ): Promise<string[]> {
      const busy = await this.busyRanges(
        userIds,
        { start: start.getTime(), end: end.getTime() },
        excludeSessionId,
      );
      return [...busy].filter(([, ranges]) => ranges.length > 0).map(([userId]) => userId);
    },

    /** Proposals whose start passed unanswered become expired (their time is freed). Returns them. */
    async expireProposals(now: Date, limit = 500): Promise<SessionRecord[]> {
      const rows = await db.execute(sql`
        update sessions set status = 'expired', version = version + 1, updated_at = ${now}
        where id in (
          select id from sessions where status = 'proposed' and starts_at <= ${now}
          order by starts_at limit ${limit} for update skip locked
        )
        returning id`);
      const ids = (rows as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
      if (ids.length === 0) return [];
      await db.update(sessionAttendees).set({ live: false }).where(inArray(sessionAttendees.sessionId, ids));
      const expired = await db.select().from(sessions).where(inArray(sessions.id, ids));
      return expired as SessionRecord[];
    },

    /** Per pair of a programme: sessions held, cancelled (late), missed, upcoming, hours held. Counts only. */
    async programmeStats(orgId: OrgId, programmeId: string, now: Date): Promise<PairStatsRow[]> {
      const result = await db.execute(sql`
        select r.id as relationship_id, r.status as relationship_status,
          r.mentee_id, mentee.name as mentee_name, r.mentor_id, mentor.name as mentor_name,
          (count(s.id) filter (where s.status = 'held'))::int as held,
          (count(s.id) filter (where s.status = 'cancelled'))::int as cancelled,
          (count(s.id) filter (where s.status = 'cancelled' and s.cancelled_late))::int as cancelled_late,
          (count(s.id) filter (where s.status = 'no_show'))::int as missed,
          (count(s.id) filter (where s.status in (${LIVE}) and s.ends_at > ${now}))::int as upcoming,
          (coalesce(sum(extract(epoch from s.ends_at - s.starts_at)) filter (where s.status = 'held'), 0) / 3600)::float8 as hours,
          max(s.starts_at) filter (where s.status = 'held') as last_held_at,
          min(s.starts_at) filter (where s.status in (${LIVE}) and s.ends_at > ${now}) as next_at
        from relationships r
        join users mentee on mentee.id = r.mentee_id
        join users mentor on mentor.id = r.mentor_id
        left join sessions s on s.relationship_id = r.id
        where r.org_id = ${orgId} and r.programme_id = ${programmeId}
        group by r.id, mentee.name, mentor.name
        order by mentee.name, mentor.name
        limit 5000`);
      const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
      const date = (value: unknown) =>
        value === null || value === undefined ? null : new Date(value as string);
      return rows.map((row) => ({
        relationshipId: row.relationship_id as string,
        relationshipStatus: row.relationship_status as string,
        menteeId: row.mentee_id as string,
        menteeName: row.mentee_name as string,
        mentorId: row.mentor_id as string,
        mentorName: row.mentor_name as string,
        held: Number(row.held),
        cancelled: Number(row.cancelled),
        cancelledLate: Number(row.cancelled_late),
        missed: Number(row.missed),
        upcoming: Number(row.upcoming),
        hours: Number(row.hours),
        lastHeldAt: date(row.last_held_at),
        nextAt: date(row.next_at),
      }));
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
