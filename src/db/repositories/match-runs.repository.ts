import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import { alias } from "drizzle-orm/pg-core";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  DraftPair,
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

/** A draft pair with the names of both people. */
export interface NamedDraftPair extends DraftPair {
  menteeName: string;
  mentorName: string;
}

/** What edits and counts read of a draft: pairs, locks, manual changes, scores in ten bands. */
export interface DraftAggregates {
  pairs: number;
  totalScore: number;
  locked: number;
  manual: number;
  bands: Map<number, number>;
}

export interface RunRef {
  orgId: OrgId;
  runId: string;
}

const INSERT_BATCH = 5000;

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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Bulk-matching runs and their draft pairs. Every query is scoped by organisation. */
export function matchRunsRepository(db: Database) {
  const mentee = alias(users, "mentee");
  const mentor = alias(users, "mentor");
  const ofRun = (ref: RunRef) =>
    and(
      eq(matchRunPairs.runId, ref.runId),
      sql`exists (select 1 from ${matchRuns} where ${matchRuns.id} = ${matchRunPairs.runId} and ${matchRuns.orgId} = ${ref.orgId})`,
    );
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

    /** Inserts pairs in one statement per 5,000 (rows as one JSON parameter: no parameter limit). */
    async insertPairs(runId: string, pairs: readonly DraftPair[]): Promise<void> {
      for (let at = 0; at < pairs.length; at += INSERT_BATCH) {
        const rows = pairs.slice(at, at + INSERT_BATCH).map((pair) => ({
          mentee_id: pair.menteeId,
          mentor_id: pair.mentorId,
          score: pair.score,
          explanation: pair.explanation,
          locked: pair.locked,
          manual: pair.manual,
        }));
        await db.execute(sql`
          insert into ${matchRunPairs} (run_id, mentee_id, mentor_id, score, explanation, locked, manual)
          select ${runId}, x.mentee_id, x.mentor_id, x.score, x.explanation, x.locked, x.manual
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(mentee_id uuid, mentor_id uuid, score integer, explanation jsonb, locked boolean, manual boolean)`);
      }
    },

    async deletePair(ref: RunRef, menteeId: string): Promise<void> {
      await db.delete(matchRunPairs).where(and(ofRun(ref), eq(matchRunPairs.menteeId, menteeId)));
    },

    async setLocked(ref: RunRef, menteeId: string, locked: boolean): Promise<void> {
      await db
        .update(matchRunPairs)
        .set({ locked })
        .where(and(ofRun(ref), eq(matchRunPairs.menteeId, menteeId)));
    },

    /** Every pair of a draft, unnamed (publishing, locks carried to a new run). */
    async allPairs(ref: RunRef, options: { lockedOnly?: boolean } = {}): Promise<DraftPair[]> {
      const rows = await db
        .select({
          menteeId: matchRunPairs.menteeId,
          mentorId: matchRunPairs.mentorId,
          score: matchRunPairs.score,
          explanation: matchRunPairs.explanation,
          locked: matchRunPairs.locked,
          manual: matchRunPairs.manual,
        })
        .from(matchRunPairs)
        .where(and(ofRun(ref), options.lockedOnly ? eq(matchRunPairs.locked, true) : undefined))
        .orderBy(asc(matchRunPairs.menteeId));
      return rows as DraftPair[];
    },

    /** Named pairs: one page, sorted and filtered by either person's name; or by mentee ids. */
    async listPairs(
      ref: RunRef,
      options: {
        q?: string;
        sort?: "score_desc" | "score_asc" | "mentee" | "mentor";
        limit?: number;
        offset?: number;
        menteeIds?: readonly string[];
      },
    ): Promise<{ pairs: NamedDraftPair[]; total: number }> {
      const search = options.q ? `%${escapeLike(options.q)}%` : undefined;
      const where = and(
        ofRun(ref),
        search ? or(ilike(mentee.name, search), ilike(mentor.name, search)) : undefined,
        options.menteeIds ? inArray(matchRunPairs.menteeId, [...options.menteeIds]) : undefined,
      );
      const order: SQL[] = {
        score_desc: [desc(matchRunPairs.score), asc(mentee.name)],
        score_asc: [asc(matchRunPairs.score), asc(mentee.name)],
        mentee: [asc(mentee.name), asc(matchRunPairs.menteeId)],
        mentor: [asc(mentor.name), asc(mentee.name)],
      }[options.sort ?? "score_desc"];
      const rows = await db
        .select({
          menteeId: matchRunPairs.menteeId,
          mentorId: matchRunPairs.mentorId,
          score: matchRunPairs.score,
          explanation: matchRunPairs.explanation,
          locked: matchRunPairs.locked,
          manual: matchRunPairs.manual,
          menteeName: mentee.name,
          mentorName: mentor.name,
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(matchRunPairs)
        .innerJoin(mentee, eq(mentee.id, matchRunPairs.menteeId))
        .innerJoin(mentor, eq(mentor.id, matchRunPairs.mentorId))
        .where(where)
        .orderBy(...order, asc(matchRunPairs.menteeId))
        .limit(options.limit ?? 10_000)
        .offset(options.offset ?? 0);
      const total = rows[0]?.total ?? 0;
      return { pairs: rows.map(({ total: _total, ...pair }) => pair as NamedDraftPair), total };
    },

    async aggregates(ref: RunRef): Promise<DraftAggregates> {
      const bands = await db
        .select({
          band: sql<number>`least(${matchRunPairs.score} / 1000, 9)`.mapWith(Number),
          pairs: sql<number>`count(*)`.mapWith(Number),
          total: sql<number>`sum(${matchRunPairs.score})`.mapWith(Number),
          locked: sql<number>`count(*) filter (where ${matchRunPairs.locked})`.mapWith(Number),
          manual: sql<number>`count(*) filter (where ${matchRunPairs.manual})`.mapWith(Number),
        })
        .from(matchRunPairs)
        .where(ofRun(ref))
        .groupBy(sql`1`);
      const out: DraftAggregates = { pairs: 0, totalScore: 0, locked: 0, manual: 0, bands: new Map() };
      for (const row of bands) {
        out.pairs += row.pairs;
        out.totalScore += row.total;
        out.locked += row.locked;
        out.manual += row.manual;
        out.bands.set(row.band, row.pairs);
      }
      return out;
    },

    /** Draft pairs per mentor of a run. */
    async draftLoads(ref: RunRef, mentorIds?: readonly string[]): Promise<Map<string, number>> {
      const rows = await db
        .select({ mentorId: matchRunPairs.mentorId, pairs: sql<number>`count(*)`.mapWith(Number) })
        .from(matchRunPairs)
        .where(and(ofRun(ref), mentorIds ? inArray(matchRunPairs.mentorId, [...mentorIds]) : undefined))
        .groupBy(matchRunPairs.mentorId);
      return new Map(rows.map((row) => [row.mentorId, row.pairs]));
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
