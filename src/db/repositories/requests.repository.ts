import type { Database } from "../connection.ts";

/** Mentoring requests (owned by the self-match feature). */
export function requestsRepository(_db: Database) {
  return {};
}
