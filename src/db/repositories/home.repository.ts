import { sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import { statusList } from "../status-sql.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { OPEN_REQUEST_STATUSES, REQUESTABLE_PROGRAMME_STATES } from "../../core/requests/request-status.ts";
import type { ProgrammeId, ProgrammeStatus, RequestId, RequestStatus } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import {
  csvImports,
  enrolments,
  matchRuns,
  memberships,
  mentoringRequests,
  profiles,
  programmes,
  relationships,
  users,
} from "../schema.ts";

/** A request on Home: who is on the other side, its state and when it expires. */
export interface HomeRequestRow {
  id: RequestId;
  programmeId: ProgrammeId;
  programmeName: string;
  otherId: UserId;
  otherName: string;
  status: RequestStatus;
  expiresAt: Date;
  updatedAt: Date;
}

/** What needs a manager's attention in one programme: counts only, never a pair's content. */
export interface ProgrammeAttentionRow {
  id: ProgrammeId;
  name: string;
  status: ProgrammeStatus;
  startsOn: string | null;
  endsOn: string | null;
  evergreen: boolean;
  waitingForMatch: number;
  pendingApproval: number;
  expiringRequests: number;
  inactivePairs: number;
  livePairs: number;
}

export interface RunningWorkRow {
  kind: "matching" | "import";
  id: string;
  programmeId: ProgrammeId;
  startedAt: Date;
  done: number;
  total: number;
}

/** Rows of a raw query (node-postgres and PGlite both answer { rows }). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asDay = (value: unknown): string | null =>
  value == null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
const OPEN = statusList(OPEN_REQUEST_STATUSES);
const LIVE = statusList(LIVE_RELATIONSHIP_STATUSES);
/** The programmes Home lists as in progress: those taking requests. */
const IN_PROGRESS = statusList(REQUESTABLE_PROGRAMME_STATES);

/** Reads for Home: a person's requests and, for managers, each programme's attention counts. */
export function homeRepository(db: Database) {
  return {
    /** The viewer's profile time zone here, or null without a profile. */
    async timeZoneOf(orgId: OrgId, userId: UserId): Promise<string | null> {
      const rows = rowsOf<{ time_zone: string }>(
        await db.execute(
          sql`select ${profiles.timeZone} as time_zone from ${profiles}
              where ${profiles.orgId} = ${orgId} and ${profiles.userId} = ${userId}`,
        ),
      );
      return rows[0]?.time_zone ?? null;
    },

    /**
     * My requests: open ones as mentor (to answer) and, as mentee, open ones plus those that
     * closed since `closedSince`. At most 50 of each side.
     */
    async requestsOf(
      orgId: OrgId,
      userId: UserId,
      closedSince: Date,
    ): Promise<{ toAnswer: HomeRequestRow[]; sent: HomeRequestRow[] }> {
      type Raw = {
        id: string;
        programme_id: string;
        programme_name: string;
        other_id: string;
        other_name: string;
        status: RequestStatus;
        expires_at: Date | string;
        updated_at: Date | string;
        side: "mentor" | "mentee";
      };
      const rows = rowsOf<Raw>(
        await db.execute(sql`
          (select r.id, r.programme_id, p.name as programme_name, r.mentee_id as other_id,
                  u.name as other_name, r.status, r.expires_at, r.updated_at, 'mentor' as side
             from ${mentoringRequests} r
             join ${programmes} p on p.id = r.programme_id
             join ${users} u on u.id = r.mentee_id
            where r.org_id = ${orgId} and r.mentor_id = ${userId} and r.status = 'pending'
            order by r.expires_at, r.id
            limit 50)
          union all
          (select r.id, r.programme_id, p.name, r.mentor_id, u.name, r.status, r.expires_at,
                  r.updated_at, 'mentee'
             from ${mentoringRequests} r
             join ${programmes} p on p.id = r.programme_id
             join ${users} u on u.id = r.mentor_id
            where r.org_id = ${orgId} and r.mentee_id = ${userId}
              and (r.status in (${OPEN}) or r.updated_at >= ${closedSince.toISOString()}::timestamptz)
            order by r.updated_at desc, r.id
            limit 50)`),
      );
      const toRow = (row: Raw): HomeRequestRow => ({
        id: row.id as RequestId,
        programmeId: row.programme_id as ProgrammeId,
        programmeName: row.programme_name,
        otherId: row.other_id as UserId,
        otherName: row.other_name,
        status: row.status,
        expiresAt: asDate(row.expires_at),
        updatedAt: asDate(row.updated_at),
      });
      return {
        toAnswer: rows.filter((row) => row.side === "mentor").map(toRow),
        sent: rows.filter((row) => row.side === "mentee").map(toRow),
      };
    },

    /** Active members of the organisation (for a new owner's empty state). */
    async activeMembers(orgId: OrgId): Promise<number> {
      const rows = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from ${memberships}
              where ${memberships.orgId} = ${orgId} and ${memberships.status} = 'active'`,
        ),
      );
      return Number(rows[0]?.n ?? 0);
    },

    /**
     * Each programme that is open, matching or running, with what needs attention: people waiting
     * for a match, registrations to approve, open requests expiring before `expiringBefore`,
     * active pairs with no activity since `inactiveSince`. Five correlated counts per programme;
     * an organisation runs tens of programmes, not thousands.
     */
    async programmeAttention(
      orgId: OrgId,
      at: { expiringBefore: Date; inactiveSince: Date; now: Date },
    ): Promise<ProgrammeAttentionRow[]> {
      type Raw = {
        id: string;
        name: string;
        status: ProgrammeStatus;
        starts_on: unknown;
        ends_on: unknown;
        evergreen: boolean;
        waiting: number;
        pending_approval: number;
        expiring: number;
        inactive: number;
        live: number;
      };
      const rows = rowsOf<Raw>(
        await db.execute(sql`
          select p.id, p.name, p.status, p.starts_on, p.ends_on, p.evergreen,
            (select count(*)::int from ${enrolments} e
              where e.programme_id = p.id and e.status = 'active' and e.role in ('mentee', 'both')
                and not exists (select 1 from ${relationships} x
                  where x.programme_id = p.id and x.mentee_id = e.user_id and x.status in (${LIVE}))
            ) as waiting,
            (select count(*)::int from ${enrolments} e
              where e.programme_id = p.id and e.status = 'pending_approval') as pending_approval,
            (select count(*)::int from ${mentoringRequests} r
              where r.programme_id = p.id and r.status in (${OPEN})
                and r.expires_at > ${at.now.toISOString()}::timestamptz
                and r.expires_at <= ${at.expiringBefore.toISOString()}::timestamptz) as expiring,
            (select count(*)::int from ${relationships} x
              where x.programme_id = p.id and x.status = 'active'
                and x.last_activity_at < ${at.inactiveSince.toISOString()}::timestamptz) as inactive,
            (select count(*)::int from ${relationships} x
              where x.programme_id = p.id and x.status in (${LIVE})) as live
          from ${programmes} p
          where p.org_id = ${orgId} and p.status in (${IN_PROGRESS})
          order by p.starts_on nulls last, p.name, p.id`),
      );
      return rows.map((row) => ({
        id: row.id as ProgrammeId,
        name: row.name,
        status: row.status,
        startsOn: asDay(row.starts_on),
        endsOn: asDay(row.ends_on),
        evergreen: row.evergreen,
        waitingForMatch: Number(row.waiting),
        pendingApproval: Number(row.pending_approval),
        expiringRequests: Number(row.expiring),
        inactivePairs: Number(row.inactive),
        livePairs: Number(row.live),
      }));
    },

    /** Matching runs and CSV imports still running in the organisation, with their progress. */
    async runningWork(orgId: OrgId): Promise<RunningWorkRow[]> {
      type Raw = {
        kind: "matching" | "import";
        id: string;
        programme_id: string;
        started_at: Date | string;
        done: number | null;
        total: number | null;
      };
      const rows = rowsOf<Raw>(
        await db.execute(sql`
          select 'matching' as kind, m.id, m.programme_id, m.created_at as started_at,
                 coalesce((m.progress->>'done')::int, 0) as done,
                 coalesce((m.progress->>'total')::int, 0) as total
            from ${matchRuns} m where m.org_id = ${orgId} and m.status = 'running'
          union all
          select 'import', c.id, c.programme_id, c.created_at, c.processed_rows, c.total_rows
            from ${csvImports} c where c.org_id = ${orgId} and c.status = 'running'`),
      );
      return rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        programmeId: row.programme_id as ProgrammeId,
        startedAt: asDate(row.started_at),
        done: Number(row.done ?? 0),
        total: Number(row.total ?? 0),
      }));
    },
  };
}

export type HomeRepository = ReturnType<typeof homeRepository>;
