import type { Database } from "./connection.ts";
import { type Repositories, repositories } from "./repositories/index.ts";

export * from "./change-feed.ts";
export * from "./connection.ts";
export { DataFolderInUseError } from "./embedded-lock.ts";
export { type Repositories, repositories } from "./repositories/index.ts";
export type {
  EmailTokenPurpose,
  NewNotification,
  NewRelationship,
  NotificationRecord,
  ParticipantRow,
  RelationshipRecord,
  StoredEmail,
} from "./repositories/index.ts";
export type { EmailsRepository } from "./repositories/emails.repository.ts";
export type { MentorSearchFilters, MentorSearchPage } from "./repositories/mentor-search.repository.ts";

/**
 * Runs `work` in one transaction with repositories bound to it: every write that spans rows goes
 * through here, so a failure half-way leaves nothing behind.
 */
export async function inTransaction<T>(db: Database, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => work(repositories(tx as unknown as Database)));
}
