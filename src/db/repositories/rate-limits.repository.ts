import { sql } from "drizzle-orm";
import type { Database } from "../connection.ts";

/** One counter to bump: its key, the start of the current fixed window and when that window ends. */
export interface RateLimitHit {
  key: string;
  windowStart: Date;
  windowEnd: Date;
  /** Hits allowed in the window; a count above it is over the limit. */
  max: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const values = (hits: RateLimitHit[], stage: number) =>
  hits.map(
    (hit) =>
      sql`(${hit.key}::text, ${hit.windowStart.toISOString()}::timestamptz, ${hit.windowEnd.toISOString()}::timestamptz, ${hit.max}::int, ${stage}::int)`,
  );

/**
 * Rate-limit counters kept in the database, so every instance counts against one budget.
 * Each check is one statement (one round trip): an upsert per key that starts a new window or
 * adds one to the current one, returning the counts.
 */
export function rateLimitsRepository(db: Database) {
  return {
    /**
     * Counts one hit on every `always` key; the `gated` keys are counted only when no `always`
     * key went over its limit. That is how an account-wide budget stays out of reach of one
     * address: once the address (or the address on that account) is over its own budget, its
     * further attempts no longer use up the account's. Returns the count of each key counted.
     * `cleanUpBefore` also deletes counters whose window ended before then, in the same statement.
     */
    async hit(
      always: RateLimitHit[],
      gated: RateLimitHit[] = [],
      cleanUpBefore: Date | null = null,
    ): Promise<Map<string, number>> {
      const input = [...values(always, 1), ...values(gated, 2)];
      if (input.length === 0) return new Map();
      const upsert = sql`
        on conflict (key) do update set
          hits = case when rate_limit_counters.window_start >= excluded.window_start
                      then rate_limit_counters.hits + 1 else 1 end,
          window_start = greatest(rate_limit_counters.window_start, excluded.window_start),
          expires_at = greatest(rate_limit_counters.expires_at, excluded.expires_at)
        returning key, hits`;
      const cleanUp = cleanUpBefore
        ? sql`, swept as (
            delete from rate_limit_counters
             where expires_at < ${cleanUpBefore.toISOString()}::timestamptz
               and key not in (select key from input)
             returning 1)`
        : sql``;
      const rows = rowsOf<{ key: string; hits: number }>(
        await db.execute(sql`
          with input (key, window_start, expires_at, max_hits, stage) as (
            values ${sql.join(input, sql`, `)}
          ),
          first as (
            insert into rate_limit_counters (key, window_start, hits, expires_at)
            select key, window_start, 1, expires_at from input where stage = 1
            ${upsert}
          ),
          second as (
            insert into rate_limit_counters (key, window_start, hits, expires_at)
            select key, window_start, 1, expires_at from input
             where stage = 2
               and not exists (
                 select 1 from first join input i using (key) where first.hits > i.max_hits)
            ${upsert}
          )${cleanUp}
          select key, hits from first union all select key, hits from second`),
      );
      return new Map(rows.map((row) => [row.key, Number(row.hits)]));
    },
  };
}
