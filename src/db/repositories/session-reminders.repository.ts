import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { OrgId } from "../../core/accounts/types.ts";
import { LIVE_SESSION_STATUSES } from "../../core/sessions/session-status.ts";
import type { Database } from "../connection.ts";
import { sessionCadenceNudges, sessionReminders, sessions } from "../schema/sessions.ts";
import { statusList } from "../status-sql.ts";
import type { SessionId } from "./sessions.repository.ts";

export interface CadenceCandidate {
  relationshipId: string;
  orgId: OrgId;
  programmeId: string;
  programmeName: string;
  menteeId: string;
  mentorId: string;
  menteeName: string;
  mentorName: string;
  cadence: string;
  since: Date;
}

export interface ReminderRow {
  sessionId: SessionId;
  version: number;
  offsetMinutes: number;
  dueAt: Date;
}

const LIVE = statusList(LIVE_SESSION_STATUSES);

/**
 * What the sessions' timers read and claim: reminders per session version (armed on confirm and
 * move, claimed once when sent) and cadence nudges (once per lapse). Claims are conditional writes,
 * so any number of instances may run them.
 */
export function sessionRemindersRepository(db: Database) {
  return {
    /**
     * Active pairs with an agreed cadence and nothing live booked ahead, with when they last met or
     * booked (or started): the cadence nudge's candidates. The caller decides which lapsed.
     */
    async cadenceCandidates(now: Date, limit = 2000): Promise<CadenceCandidate[]> {
      const result = await db.execute(sql`
        select r.id, r.org_id, r.programme_id, p.name as programme_name, r.mentee_id, r.mentor_id,
          mentee.name as mentee_name, mentor.name as mentor_name, a.cadence,
          greatest(r.started_at, (
            select max(s.starts_at) from sessions s
            where s.relationship_id = r.id and s.status in ('held', 'no_show', ${LIVE})
          )) as since
        from relationships r
        join agreements a on a.relationship_id = r.id
        join programmes p on p.id = r.programme_id
        join users mentee on mentee.id = r.mentee_id
        join users mentor on mentor.id = r.mentor_id
        where r.status = 'active' and a.cadence <> 'as_needed' and r.started_at is not null
          and not exists (
            select 1 from sessions s where s.relationship_id = r.id
              and s.status in (${LIVE}) and s.ends_at > ${now}
          )
        order by r.id
        limit ${limit}`);
      const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
      return rows.map((row) => ({
        relationshipId: row.id as string,
        orgId: row.org_id as OrgId,
        programmeId: row.programme_id as string,
        programmeName: row.programme_name as string,
        menteeId: row.mentee_id as string,
        mentorId: row.mentor_id as string,
        menteeName: row.mentee_name as string,
        mentorName: row.mentor_name as string,
        cadence: row.cadence as string,
        since: new Date(row.since as string),
      }));
    },

    /** Marks a lapse nudged; true only the first time (one nudge per relationship and lapse). */
    async claimCadenceNudge(orgId: OrgId, relationshipId: string, since: Date, now: Date): Promise<boolean> {
      const rows = await db
        .insert(sessionCadenceNudges)
        .values({ orgId, relationshipId, since, createdAt: now })
        .onConflictDoNothing()
        .returning({ relationshipId: sessionCadenceNudges.relationshipId });
      return rows.length === 1;
    },

    /** Arms reminders for one version of a session (rows already there are kept). */
    async insertReminders(orgId: OrgId, rows: readonly ReminderRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(sessionReminders)
        .values(rows.map((row) => ({ ...row, orgId })))
        .onConflictDoNothing();
    },

    /**
     * Claims one reminder to send: marks it sent only if it is due and unsent, its version is still
     * the session's and the session is confirmed and not yet started. Returns the organisation for
     * exactly one caller, however many run it (null for the rest).
     */
    async claimReminder(
      key: { sessionId: string; version: number; offsetMinutes: number },
      now: Date,
    ): Promise<OrgId | null> {
      const result = await db.execute(sql`
        update session_reminders r set sent_at = ${now}
        from sessions s
        where r.session_id = ${key.sessionId} and r.version = ${key.version}
          and r.offset_minutes = ${key.offsetMinutes} and r.sent_at is null and r.due_at <= ${now}
          and s.id = r.session_id and s.version = r.version and s.status = 'confirmed'
          and s.starts_at > ${now}
        returning r.org_id`);
      const rows = (result as unknown as { rows: { org_id: string }[] }).rows;
      return (rows[0]?.org_id as OrgId | undefined) ?? null;
    },

    /** Unsent reminders of current versions due at or before `now` (the sweep's safety net). */
    async dueReminders(now: Date, limit = 1000): Promise<ReminderRow[]> {
      const rows = await db
        .select({
          sessionId: sessionReminders.sessionId,
          version: sessionReminders.version,
          offsetMinutes: sessionReminders.offsetMinutes,
          dueAt: sessionReminders.dueAt,
        })
        .from(sessionReminders)
        .innerJoin(sessions, eq(sessions.id, sessionReminders.sessionId))
        .where(
          and(
            sql`${sessionReminders.sentAt} is null`,
            lte(sessionReminders.dueAt, now),
            eq(sessions.version, sessionReminders.version),
            eq(sessions.status, "confirmed"),
            gt(sessions.startsAt, now),
          ),
        )
        .orderBy(asc(sessionReminders.dueAt))
        .limit(limit);
      return rows as ReminderRow[];
    },

    async remindersOf(sessionId: string): Promise<(ReminderRow & { sentAt: Date | null })[]> {
      const rows = await db
        .select()
        .from(sessionReminders)
        .where(eq(sessionReminders.sessionId, sessionId))
        .orderBy(asc(sessionReminders.version), desc(sessionReminders.offsetMinutes));
      return rows as unknown as (ReminderRow & { sentAt: Date | null })[];
    },
  };
}
