import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DraftPair } from "../../core/bulk-matching/match-run.ts";
import type { Database } from "../connection.ts";
import { matchRunPairs, matchRuns, users } from "../schema.ts";
import type { RunRef } from "./match-runs.repository.ts";

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

const INSERT_BATCH = 5000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A matching run's draft pairs: written by the run, edited by the manager (assign, swap, remove, lock), read back named and in aggregate. */
export function matchRunPairsRepository(db: Database) {
  const mentee = alias(users, "mentee");
  const mentor = alias(users, "mentor");
  const ofRun = (ref: RunRef) =>
    and(
      eq(matchRunPairs.runId, ref.runId),
      sql`exists (select 1 from ${matchRuns} where ${matchRuns.id} = ${matchRunPairs.runId} and ${matchRuns.orgId} = ${ref.orgId})`,
    );

  return {
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
  };
}
