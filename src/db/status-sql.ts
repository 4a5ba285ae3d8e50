import { type SQL, sql } from "drizzle-orm";

/**
 * A status list from core as SQL literals, for `status in (${statusList(LIVE_RELATIONSHIP_STATUSES)})`:
 * the rule stays stated once in core while the SQL text stays what it was (literals, not
 * parameters, so the planner still matches the partial indexes whose where-clause lists them).
 * Only plain lower-case identifiers are accepted: these are code constants, never input.
 */
export function statusList(statuses: readonly string[]): SQL {
  if (statuses.length === 0) throw new Error("statusList needs at least one status");
  for (const status of statuses)
    if (!/^[a-z_]+$/.test(status)) throw new Error(`Not a status identifier: ${JSON.stringify(status)}`);
  return sql.raw(statuses.map((status) => `'${status}'`).join(", "));
}
