import type { Database } from "../connection.ts";

/** Bulk-matching runs and their draft pairs (owned by the bulk-matching feature). */
export function matchRunsRepository(_db: Database) {
  return {};
}
