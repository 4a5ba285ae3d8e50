import { aliasedTable, and, count, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { statusList } from "../status-sql.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { CLOSE_REASONS, OPEN_REQUEST_STATUSES, statesBefore } from "../../core/requests/request-status.ts";
import type { ProgrammeId, RequestId, RequestStatus } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments, mentoringRequests, programmes, relationships, users } from "../schema.ts";

export interface MentoringRequestRecord {
  id: RequestId;
  orgId: OrgId;
  programmeId: ProgrammeId;
  menteeId: UserId;
  mentorId: UserId;
  status: RequestStatus;
  goal: string;
  reality: string;
  options: string;
  will: string;
  expectations: Record<string, unknown>;
  infoQuestion: string | null;
  infoAnswer: string | null;
  closeReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  respondedAt: Date | null;
  expiresAt: Date;
  remindedAt: Date | null;
}

/** A request with the names around it: its programme, mentee and mentor, and the relationship it started. */
export interface MentoringRequestView extends MentoringRequestRecord {
  programmeName: string;
  menteeName: string;
  mentorName: string;
  relationshipId: string | null;
}

export type NewMentoringRequest = Pick<
  MentoringRequestRecord,
  | "orgId"
  | "programmeId"
  | "menteeId"
  | "mentorId"
  | "goal"
  | "reality"
  | "options"
  | "will"
  | "expectations"
  | "createdAt"
  | "expiresAt"
>;

/** What a state change writes (status, texts and dates; the rest stays). */
export type RequestChange = Partial<
  Pick<
    MentoringRequestRecord,
    "status" | "infoQuestion" | "infoAnswer" | "closeReason" | "respondedAt" | "expiresAt" | "remindedAt"
  >
> & { updatedAt: Date };

const OPEN = [...OPEN_REQUEST_STATUSES];
/** The same list as SQL literals (the partial index requests_open_pair_key lists them so). */
const OPEN_SQL = statusList(OPEN_REQUEST_STATUSES);

/** Rows of a raw query (node-postgres and PGlite both answer { rows }). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const toRecord = (row: typeof mentoringRequests.$inferSelect) => row as MentoringRequestRecord;

const mentee = aliasedTable(users, "mentee");
const mentor = aliasedTable(users, "mentor");

/** Mentoring requests (self-match). Every query is scoped by organisation. */
export function requestsRepository(db: Database) {
  const viewQuery = () =>
    db
      .select({
        request: mentoringRequests,
        programmeName: programmes.name,
        menteeName: mentee.name,
        mentorName: mentor.name,
        relationshipId: sql<string | null>`(select ${relationships.id} from ${relationships}
          where ${relationships.requestId} = ${mentoringRequests.id} limit 1)`,
      })
      .from(mentoringRequests)
      .innerJoin(programmes, eq(programmes.id, mentoringRequests.programmeId))
      .innerJoin(mentee, eq(mentee.id, mentoringRequests.menteeId))
      .innerJoin(mentor, eq(mentor.id, mentoringRequests.mentorId));
  const byIds = async (ids: readonly RequestId[]): Promise<MentoringRequestRecord[]> => {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(mentoringRequests)
      .where(inArray(mentoringRequests.id, [...ids]));
    return rows.map(toRecord);
  };
  const toView = (row: Awaited<ReturnType<ReturnType<typeof viewQuery>["execute"]>>[number]) => ({
    ...toRecord(row.request),
    programmeName: row.programmeName,
    menteeName: row.menteeName,
    mentorName: row.mentorName,
    relationshipId: row.relationshipId,
  });

  return {
    /**
     * Inserts a pending request; null when the mentee already has an open request to this mentor
     * (the partial unique index on open pairs decides, so two concurrent sends cannot both pass).
     */
    async insertOpen(values: NewMentoringRequest): Promise<MentoringRequestRecord | null> {
      const [row] = await db
        .insert(mentoringRequests)
        .values({ ...values, status: "pending", updatedAt: values.createdAt })
        .onConflictDoNothing({
          target: [mentoringRequests.programmeId, mentoringRequests.menteeId, mentoringRequests.mentorId],
          where: sql`status in (${OPEN_SQL})`,
        })
        .returning();
      return row ? toRecord(row) : null;
    },

    async find(orgId: OrgId, requestId: RequestId): Promise<MentoringRequestRecord | null> {
      const [row] = await db
        .select()
        .from(mentoringRequests)
        .where(and(eq(mentoringRequests.orgId, orgId), eq(mentoringRequests.id, requestId)));
      return row ? toRecord(row) : null;
    },

    /** The request locked for the rest of the transaction. */
    async findForUpdate(orgId: OrgId, requestId: RequestId): Promise<MentoringRequestRecord | null> {
      const [row] = await db
        .select()
        .from(mentoringRequests)
        .where(and(eq(mentoringRequests.orgId, orgId), eq(mentoringRequests.id, requestId)))
        .for("update");
      return row ? toRecord(row) : null;
    },

    async findView(orgId: OrgId, requestId: RequestId): Promise<MentoringRequestView | null> {
      const [row] = await viewQuery().where(
        and(eq(mentoringRequests.orgId, orgId), eq(mentoringRequests.id, requestId)),
      );
      return row ? toView(row) : null;
    },

    /**
     * Applies a change only if the request is still in one of `from` (a conditional UPDATE: of two
     * people acting at once, one wins and the other gets null).
     */
    async transition(
      orgId: OrgId,
      requestId: RequestId,
      from: readonly RequestStatus[],
      change: RequestChange,
    ): Promise<MentoringRequestRecord | null> {
      const [row] = await db
        .update(mentoringRequests)
        .set(change)
        .where(
          and(
            eq(mentoringRequests.orgId, orgId),
            eq(mentoringRequests.id, requestId),
            inArray(mentoringRequests.status, [...from]),
          ),
        )
        .returning();
      return row ? toRecord(row) : null;
    },

    /** The mentee's open requests in a programme, locked in id order (accepting closes them). */
    async listOpenOfMenteeForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
      menteeId: UserId,
    ): Promise<MentoringRequestRecord[]> {
      const rows = await db
        .select()
        .from(mentoringRequests)
        .where(
          and(
            eq(mentoringRequests.orgId, orgId),
            eq(mentoringRequests.programmeId, programmeId),
            eq(mentoringRequests.menteeId, menteeId),
            inArray(mentoringRequests.status, OPEN),
          ),
        )
        .orderBy(mentoringRequests.id)
        .for("update");
      return rows.map(toRecord);
    },

    /** The mentee's open requests in a programme: to whom, and in which state. */
    async listOpenOfMentee(
      orgId: OrgId,
      programmeId: ProgrammeId,
      menteeId: UserId,
    ): Promise<{ id: RequestId; mentorId: UserId; status: RequestStatus }[]> {
      const rows = await db
        .select({
          id: mentoringRequests.id,
          mentorId: mentoringRequests.mentorId,
          status: mentoringRequests.status,
        })
        .from(mentoringRequests)
        .where(
          and(
            eq(mentoringRequests.orgId, orgId),
            eq(mentoringRequests.programmeId, programmeId),
            eq(mentoringRequests.menteeId, menteeId),
            inArray(mentoringRequests.status, OPEN),
          ),
        );
      return rows as { id: RequestId; mentorId: UserId; status: RequestStatus }[];
    },

    /**
     * Median milliseconds from sending to the mentor's first answer, per mentor, over requests
     * answered since `since` (mentors with none are absent).
     */
    async medianResponseMs(
      orgId: OrgId,
      mentorIds: readonly UserId[],
      since: Date,
    ): Promise<Map<UserId, number>> {
      if (mentorIds.length === 0) return new Map();
      const rows = await db
        .select({
          mentorId: mentoringRequests.mentorId,
          median: sql<string>`percentile_cont(0.5) within group (order by extract(epoch from ${mentoringRequests.respondedAt} - ${mentoringRequests.createdAt}))`,
        })
        .from(mentoringRequests)
        .where(
          and(
            eq(mentoringRequests.orgId, orgId),
            inArray(mentoringRequests.mentorId, [...mentorIds]),
            isNotNull(mentoringRequests.respondedAt),
            gte(mentoringRequests.respondedAt, since),
          ),
        )
        .groupBy(mentoringRequests.mentorId);
      return new Map(rows.map((row) => [row.mentorId as UserId, Number(row.median) * 1000]));
    },

    /** My requests in the organisation, as mentee, as mentor, or both; newest first. */
    async listForUser(
      orgId: OrgId,
      userId: UserId,
      filters: {
        role?: "mentee" | "mentor";
        status?: RequestStatus | "open";
        programmeId?: ProgrammeId;
        limit: number;
        offset: number;
      },
    ): Promise<{ items: MentoringRequestView[]; total: number }> {
      const mine =
        filters.role === "mentee"
          ? eq(mentoringRequests.menteeId, userId)
          : filters.role === "mentor"
            ? eq(mentoringRequests.mentorId, userId)
            : sql`(${mentoringRequests.menteeId} = ${userId} or ${mentoringRequests.mentorId} = ${userId})`;
      const where = and(
        eq(mentoringRequests.orgId, orgId),
        mine,
        filters.programmeId ? eq(mentoringRequests.programmeId, filters.programmeId) : undefined,
        filters.status === "open"
          ? inArray(mentoringRequests.status, OPEN)
          : filters.status
            ? eq(mentoringRequests.status, filters.status)
            : undefined,
      );
      const [rows, [total]] = await Promise.all([
        viewQuery()
          .where(where)
          .orderBy(desc(mentoringRequests.updatedAt), desc(mentoringRequests.id))
          .limit(filters.limit)
          .offset(filters.offset),
        db.select({ value: count() }).from(mentoringRequests).where(where),
      ]);
      return { items: rows.map(toView), total: total?.value ?? 0 };
    },

    /** Names of people by id (for notices). */
    async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...ids]));
      return new Map(rows.map((row) => [row.id as UserId, row.name]));
    },

    // -------------------------------------------------------------------------------------------
    // The periodic sweep. Each claims its rows with FOR UPDATE SKIP LOCKED and changes them in one
    // conditional UPDATE ... RETURNING: several instances share the work, none waits on a row
    // another transaction holds (so the sweep can never deadlock with an accept), and a row is
    // changed once.
    // -------------------------------------------------------------------------------------------

    /** Marks open requests whose reminder is due (once: reminded_at) and returns them. */
    async claimDueReminders(now: Date, limit: number): Promise<MentoringRequestRecord[]> {
      const at = now.toISOString();
      const result = await db.execute(sql`
        with due as (
          select r.id from ${mentoringRequests} r
          join ${programmes} p on p.id = r.programme_id
          where r.status in (${OPEN_SQL}) and r.reminded_at is null
            and r.expires_at > ${at}::timestamptz
            and r.expires_at <= ${at}::timestamptz + p.request_reminder_days * interval '1 day'
          order by r.expires_at
          limit ${limit}
          for update of r skip locked
        )
        update ${mentoringRequests} r set reminded_at = ${at}::timestamptz
        from due where r.id = due.id and r.reminded_at is null
        returning r.id`);
      return byIds(rowsOf<{ id: RequestId }>(result).map((row) => row.id));
    },

    /** Expires open requests past their expiry and returns them (with the state they were in). */
    async claimExpired(
      now: Date,
      limit: number,
    ): Promise<(MentoringRequestRecord & { previousStatus: RequestStatus })[]> {
      const at = now.toISOString();
      const result = await db.execute(sql`
        with due as (
          select id, status from ${mentoringRequests}
          where status in (${OPEN_SQL}) and expires_at <= ${at}::timestamptz
          order by expires_at
          limit ${limit}
          for update skip locked
        )
        update ${mentoringRequests} r
        set status = 'expired', updated_at = ${at}::timestamptz,
            close_reason = case when due.status = 'needs_info'
              then ${CLOSE_REASONS.expiredWaitingForMentee}::text else ${CLOSE_REASONS.expired}::text end
        from due where r.id = due.id and r.status in (${statusList(statesBefore("expired"))})
        returning r.id, due.status as previous`);
      const previous = new Map(
        rowsOf<{ id: RequestId; previous: RequestStatus }>(result).map((row) => [row.id, row.previous]),
      );
      const records = await byIds([...previous.keys()]);
      return records.map((record) => ({ ...record, previousStatus: previous.get(record.id) ?? "pending" }));
    },

    /**
     * Withdraws open requests whose mentor or mentee is no longer active on their side of the
     * programme (paused, left, or no longer enrolled), and returns them with the reason.
     */
    async claimWithInactiveSide(now: Date, limit: number): Promise<MentoringRequestRecord[]> {
      const at = now.toISOString();
      const result = await db.execute(sql`
        with due as (
          select r.id,
            case when me.status is distinct from 'active' or me.role = 'mentor'
              then ${CLOSE_REASONS.menteeInactive}::text
              else ${CLOSE_REASONS.mentorInactive}::text end as reason
          from ${mentoringRequests} r
          left join ${enrolments} me on me.programme_id = r.programme_id and me.user_id = r.mentee_id
          left join ${enrolments} mo on mo.programme_id = r.programme_id and mo.user_id = r.mentor_id
          where r.status in (${OPEN_SQL})
            and (me.status is distinct from 'active' or me.role = 'mentor'
              or mo.status is distinct from 'active' or mo.role = 'mentee')
          limit ${limit}
          for update of r skip locked
        )
        update ${mentoringRequests} r
        set status = 'withdrawn', close_reason = due.reason, updated_at = ${at}::timestamptz
        from due where r.id = due.id and r.status in (${statusList(statesBefore("withdrawn"))})
        returning r.id`);
      return byIds(rowsOf<{ id: RequestId }>(result).map((row) => row.id));
    },

    /** How many requests of a programme are in each state. */
    async countByStatus(orgId: OrgId, programmeId: ProgrammeId): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: mentoringRequests.status, value: count() })
        .from(mentoringRequests)
        .where(and(eq(mentoringRequests.orgId, orgId), eq(mentoringRequests.programmeId, programmeId)))
        .groupBy(mentoringRequests.status);
      return Object.fromEntries(rows.map((row) => [row.status, row.value]));
    },
  };
}

export type RequestsRepository = ReturnType<typeof requestsRepository>;
