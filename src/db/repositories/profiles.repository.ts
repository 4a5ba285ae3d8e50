import type { Database } from "../connection.ts";

/** Profiles and the organisation's skill list (owned by the profiles feature). */
export function profilesRepository(_db: Database) {
  return {};
}
