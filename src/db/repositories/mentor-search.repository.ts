import type { Database } from "../connection.ts";

/** Full-text mentor search with facets (owned by the self-match feature). */
export function mentorSearchRepository(_db: Database) {
  return {};
}
