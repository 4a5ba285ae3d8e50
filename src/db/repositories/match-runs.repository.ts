import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  MatchRunStatus,
  RunProgress,
  StoredRunConfig,
  StoredRunSummary,
} from "../../core/bulk-matching/match-run.ts";
import type { EnrolmentRole, EnrolmentStatus, ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments, matchRunPairs, matchRuns, memberships, relationships, users } from "../schema.ts";

export interface MatchRunRecord {
  id: string;
  orgId: OrgId;
  programmeId: ProgrammeId;
  status: MatchRunStatus;
  progress: RunProgress | null;
  config: StoredRunConfig;
  summary: StoredRunSummary | null;
  error: string | null;
  startedBy: UserId | null;
  startedByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  publishedAt: Date | null;
}

export interface RunRef {
  orgId: OrgId;
  runId: string;
}

const runColumns = {
  id: matchRuns.id,
  orgId: matchRuns.orgId,
  programmeId: matchRuns.programmeId,
  status: matchRuns.status,
  progress: matchRuns.progress,
  config: matchRuns.config,
  summary: matchRuns.summary,
  error: matchRuns.error,
  startedBy: matchRuns.startedBy,
  startedByName: users.name,
  createdAt: matchRuns.createdAt,
  finishedAt: matchRuns.finishedAt,
  publishedAt: matchRuns.publishedAt,
};

const toRun = (row: Record<string, unknown>) => row as unknown as MatchRunRecord;

/** Bulk-matching runs (their draft pairs: match-run-pairs.repository.ts). Every query is scoped by organisation. */
export function matchRunsRepository(db: Database) {
  const selectRuns = () =>
    db.select(runColumns).from(matchRuns).leftJoin(users, eq(users.id, matchRuns.startedBy));

  return {
    async insert(values: {
      orgId: OrgId;
      programmeId: ProgrammeId;
      config: StoredRunConfig;
      progress: RunProgress;
      startedBy: UserId;
    }): Promise<MatchRunRecord> {
      const [row] = await db
        .insert(matchRuns)
        .values({ ...values, progress: values.progress as never, status: "running" })
        .returning({ id: matchRuns.id });
      const [run] = await selectRuns().where(eq(matchRuns.id, row.id));
      return toRun(run);
    },

    async find(orgId: OrgId, programmeId: ProgrammeId, runId: string): Promise<MatchRunRecord | null> {
      const [row] = await selectRuns().where(
        and(eq(matchRuns.orgId, orgId), eq(matchRuns.programmeId, programmeId), eq(matchRuns.id, runId)),
      );
      return row ? toRun(row) : null;
    },

    /** Locks the run row for the rest of the transaction: edits and publishing take turns. */
    async findForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
      runId: string,
    ): Promise<MatchRunRecord | null> {
      const [locked] = await db
        .select({ id: matchRuns.id })
        .from(matchRuns)
        .where(
          and(eq(matchRuns.orgId, orgId), eq(matchRuns.programmeId, programmeId), eq(matchRuns.id, runId)),
        )
        .for("update");
      if (!locked) return null;
      const [row] = await selectRuns().where(eq(matchRuns.id, runId));
      return toRun(row);
    },

    async list(orgId: OrgId, programmeId: ProgrammeId, limit: number): Promise<MatchRunRecord[]> {
      const rows = await selectRuns()
        .where(and(eq(matchRuns.orgId, orgId), eq(matchRuns.programmeId, programmeId)))
        .orderBy(desc(matchRuns.createdAt), desc(matchRuns.id))
        .limit(limit);
      return rows.map(toRun);
    },

    async listByStatus(
      orgId: OrgId,
      programmeId: ProgrammeId,
      status: MatchRunStatus,
    ): Promise<MatchRunRecord[]> {
      const rows = await selectRuns()
        .where(
          and(
            eq(matchRuns.orgId, orgId),
            eq(matchRuns.programmeId, programmeId),
            eq(matchRuns.status, status),
          ),
        )
        .orderBy(desc(matchRuns.createdAt));
      return rows.map(toRun);
    },

    /** Moves a run from one status to another only if it is still in `from`; false otherwise. */
    async transition(
      ref: RunRef,
      from: MatchRunStatus,
      to: MatchRunStatus,
      changes: { error?: string; finishedAt?: Date; publishedAt?: Date; summary?: StoredRunSummary } = {},
    ): Promise<boolean> {
      const rows = await db
        .update(matchRuns)
        .set({ status: to, ...changes, summary: changes.summary as never })
        .where(and(eq(matchRuns.id, ref.runId), eq(matchRuns.orgId, ref.orgId), eq(matchRuns.status, from)))
        .returning({ id: matchRuns.id });
      return rows.length === 1;
    },

    /**
     * Fails every running run (of any organisation) last heard of before `heartbeatBefore`: its
     * runner died with its instance. Conditional on "running", so a runner that just finished wins.
     */
    async failStaleRunning(heartbeatBefore: Date, error: string, now: Date): Promise<number> {
      const rows = await db
        .update(matchRuns)
        .set({ status: "failed", error, finishedAt: now })
        .where(
          and(
            eq(matchRuns.status, "running"),
            sql`coalesce((${matchRuns.progress}->>'heartbeatAt')::timestamptz, ${matchRuns.createdAt}) < ${heartbeatBefore.toISOString()}::timestamptz`,
          ),
        )
        .returning({ id: matchRuns.id });
      return rows.length;
    },

    /** Discards every draft of a programme (a new run replaces them) with its pairs; returns how many. */
    async discardDrafts(orgId: OrgId, programmeId: ProgrammeId): Promise<number> {
      const rows = await db
        .update(matchRuns)
        .set({ status: "discarded" })
        .where(
          and(
            eq(matchRuns.orgId, orgId),
            eq(matchRuns.programmeId, programmeId),
            eq(matchRuns.status, "draft"),
          ),
        )
        .returning({ id: matchRuns.id });
      if (rows.length > 0)
        await db.delete(matchRunPairs).where(
          inArray(
            matchRunPairs.runId,
            rows.map((row) => row.id),
          ),
        );
      return rows.length;
    },

    /** Writes progress while the run is still running; false when it no longer is (cancelled). */
    async updateProgress(ref: RunRef, progress: RunProgress): Promise<boolean> {
      const rows = await db
        .update(matchRuns)
        .set({ progress: progress as never })
        .where(
          and(eq(matchRuns.id, ref.runId), eq(matchRuns.orgId, ref.orgId), eq(matchRuns.status, "running")),
        )
        .returning({ id: matchRuns.id });
      return rows.length === 1;
    },

    async updateSummary(ref: RunRef, summary: StoredRunSummary): Promise<void> {
      await db
        .update(matchRuns)
        .set({ summary: summary as never })
        .where(and(eq(matchRuns.id, ref.runId), eq(matchRuns.orgId, ref.orgId)));
    },

    /** Pairs of the programme holding capacity now (proposed, active, paused): [menteeId, mentorId]. */
    async livePairs(orgId: OrgId, programmeId: ProgrammeId): Promise<[string, string][]> {
      const rows = await db
        .select({ menteeId: relationships.menteeId, mentorId: relationships.mentorId })
        .from(relationships)
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.programmeId, programmeId),
            inArray(relationships.status, [...LIVE_RELATIONSHIP_STATUSES]),
          ),
        );
      return rows.map((row) => [row.menteeId, row.mentorId]);
    },

    /**
     * The programme's active enrolments, locked for the rest of the transaction (publishing
     * checks capacity against them, as accepting a request does).
     */
    /** Locks in user-id order, the order accepting a request locks in, so the two never deadlock. */
    async activeEnrolmentsForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
    ): Promise<{ userId: string; role: EnrolmentRole; status: EnrolmentStatus; mentorCapacity: number }[]> {
      return db
        .select({
          userId: enrolments.userId,
          role: enrolments.role,
          status: enrolments.status,
          mentorCapacity: enrolments.mentorCapacity,
        })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.status, "active"),
          ),
        )
        .orderBy(asc(enrolments.userId))
        .for("update");
    },

    /** Names of people by id (members of the organisation only); any number of ids, one parameter. */
    async names(orgId: OrgId, userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          and(
            sql`${users.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))`,
            sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.orgId} = ${orgId})`,
          ),
        );
      return new Map(rows.map((row) => [row.id, row.name]));
    },
  };
}
