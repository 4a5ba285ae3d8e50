import type { Database } from "../connection.ts";

/** CSV import runs and their progress (owned by the enrolment feature). */
export function csvImportsRepository(_db: Database) {
  return {};
}
