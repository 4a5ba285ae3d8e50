import type { PgBoss } from "pg-boss";
import type { z } from "zod";
import type { DatabaseHandle } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import type { JobDefinition } from "./define-job.ts";

/** How the app asks for work to be done later (`deps.jobs`). */
export interface JobQueue {
  /** Queues a job now; null when a singleton key de-duplicated it (short/stately policies). */
  send<S extends z.ZodType>(
    job: JobDefinition<S>,
    data: z.input<S>,
    options?: { singletonKey?: string },
  ): Promise<string | null>;
  /** Queues a job to run at (not before) a time, exactly once across instances. */
  sendAt<S extends z.ZodType>(
    job: JobDefinition<S>,
    data: z.input<S>,
    at: Date,
    options?: { singletonKey?: string },
  ): Promise<string | null>;
  /** Creates the queues, starts the workers and the cron schedules. Idempotent. */
  start(deps: ServerDeps): Promise<void>;
  /** Settles once started (rejects if starting failed). */
  readonly ready: Promise<void>;
  /** Waits for running handlers (up to `timeoutMs`) and stops. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobQueueOptions {
  /** Seconds between polls when no LISTEN/NOTIFY wake-up came (default 2). */
  pollingIntervalSeconds?: number;
  /** Report a handler failure or a queue error (logging). */
  onError?: (error: unknown, job?: string) => void;
}

/**
 * The durable job queue: pg-boss on the app's own database. On PGlite it shares the embedded
 * instance (one connection, no network); on PostgreSQL it keeps a small pool and one LISTEN
 * connection of its own. Jobs survive restarts: a job whose worker died is retried after it
 * expires. See docs/adr/0004-job-queue.md.
 */
export function createJobQueue(
  connection: DatabaseHandle["queueConnection"],
  definitions: readonly JobDefinition[],
  options: JobQueueOptions = {},
): JobQueue {
  let boss: PgBoss | undefined;
  const names = new Set(definitions.map((definition) => definition.name));
  if (names.size !== definitions.length) throw new Error("Two jobs share a name.");

  let starting: Promise<void> | undefined;
  let resolveReady: () => void = () => {};
  let rejectReady: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  async function begin(deps: ServerDeps): Promise<void> {
    // Imported here, not at the top: loading pg-boss takes 130-230 ms on this machine, and the
    // queue starts after listen(), so start-up does not wait for it.
    const { fromPglite, PgBoss } = await import("pg-boss");
    boss =
      connection.kind === "pglite"
        ? new PgBoss({ db: fromPglite(connection.client), backend: "pglite", useListenNotify: true })
        : new PgBoss({
            connectionString: connection.url,
            max: 4,
            application_name: "trellis-jobs",
            useListenNotify: true,
          });
    boss.on("error", (error) => options.onError?.(error));
    await boss.start();
    for (const definition of definitions) {
      const retry = definition.retry ?? { limit: 3, delaySeconds: 10, backoff: true };
      await boss.createQueue(definition.name, {
        policy: definition.policy ?? "standard",
        retryLimit: retry.limit,
        retryDelay: retry.delaySeconds,
        retryBackoff: retry.backoff,
        expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      });
      await boss.work(
        definition.name,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return;
          const parsed = definition.schema.safeParse(job.data ?? {});
          if (!parsed.success)
            throw new Error(`Job ${definition.name} has bad data: ${parsed.error.message}`);
          try {
            return { outcome: await definition.handler(deps, parsed.data) };
          } catch (error) {
            options.onError?.(error, definition.name);
            throw error;
          }
        },
      );
      if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: "UTC" });
      else await boss.unschedule(definition.name).catch(() => {});
    }
  }

  const definitionOf = (job: JobDefinition): JobDefinition => {
    if (!names.has(job.name)) throw new Error(`Job ${job.name} is not registered with the queue.`);
    return job;
  };

  return {
    ready,
    start(deps) {
      starting ??= begin(deps).then(resolveReady, (error) => {
        rejectReady(error);
        throw error;
      });
      return starting;
    },
    async send(job, data, sendOptions = {}) {
      const definition = definitionOf(job);
      await ready;
      return (boss as PgBoss).send(definition.name, definition.schema.parse(data) as object, sendOptions);
    },
    async sendAt(job, data, at, sendOptions = {}) {
      const definition = definitionOf(job);
      await ready;
      return (boss as PgBoss).sendAfter(
        definition.name,
        definition.schema.parse(data) as object,
        sendOptions,
        at,
      );
    },
    async stop(timeoutMs = 10_000) {
      if (!starting) return;
      await starting.catch(() => {});
      // close: false on PGlite, whose instance belongs to the app (pg-boss only owns its own pool).
      await boss?.stop({ graceful: true, timeout: timeoutMs, close: connection.kind === "postgres" });
    },
  };
}
