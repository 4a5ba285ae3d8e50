import type { ChangeFeed, Database, DatabaseKind, Repositories } from "../db/index.ts";
import type { Config } from "./config.ts";
import type { Mailer } from "./email/mailer.ts";
import type { EventDispatcher } from "./events/dispatcher.ts";
import type { JobQueue } from "./jobs/queue.ts";

/** What use cases need from the outside world, passed in explicitly (tests build the real thing). */
export interface ServerDeps {
  db: Database;
  databaseKind: DatabaseKind;
  repos: Repositories;
  /** Committed changes from every instance, for what an instance keeps in memory. */
  changes: ChangeFeed;
  config: Config;
  mailer: Mailer;
  /** The instance secret: HMAC key for stored token hashes. Generated on first run, kept in the database. */
  secret: string;
  now: () => Date;
  /** The durable job queue (pg-boss): send a job now or at a time; cron jobs run from jobs.ts. */
  jobs: JobQueue;
  /** Delivers recorded domain events to their consumers: `afterCommit()` after a change. */
  events: EventDispatcher;
}
