import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { type DatabaseHandle, openDatabase, repositories } from "../db/index.ts";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { ServerDeps } from "./deps.ts";
import { createMailer } from "./email/mailer.ts";
import { createEventDispatcher } from "./events/dispatcher.ts";
import { allJobs } from "./jobs/job-list.ts";
import { failInterruptedMatchRuns } from "./jobs/jobs.ts";
import { createJobQueue } from "./jobs/queue.ts";

/** Opens the configured database (embedded or server) and applies migrations unless opted out. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase(
    config.database.kind === "pglite"
      ? { kind: "pglite", dataDir: config.database.dataDir }
      : { kind: "postgres", url: config.database.url, poolSize: config.database.poolSize },
  );
  try {
    if (config.runMigrations) await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Builds the dependencies of the app on an open database; the instance secret is created on first run. */
export async function createDeps(
  config: Config,
  handle: DatabaseHandle,
  onMailError: (error: unknown) => void = () => {},
  onJobError: (error: unknown, job?: string) => void = () => {},
): Promise<ServerDeps> {
  const repos = repositories(handle.db);
  const secret = await repos.settings.getOrCreate("token_secret", () =>
    randomBytes(32).toString("base64url"),
  );
  const now = () => new Date();
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    emails: repos.emails,
    now,
    onError: onMailError,
  });
  const deps: ServerDeps = {
    db: handle.db,
    databaseKind: handle.kind,
    changes: handle.changes,
    repos,
    config,
    mailer,
    secret,
    now,
    jobs: createJobQueue(handle.queueConnection, allJobs, { onError: onJobError }),
    events: createEventDispatcher({ onError: (error, consumer) => onJobError(error, `events:${consumer}`) }),
  };
  deps.events.bind(deps);
  return deps;
}

/** How long after listen the job queue and the outbox catch-up start (see startServer). */
const BACKGROUND_START_DELAY_MS = 1_000;

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Starts Trellis: database, migrations, HTTP server. `close()` shuts everything down in order. */
export async function startServer(
  config: Config,
  options: { webRoot: string | null },
): Promise<RunningServer> {
  const handle = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  try {
    const deps = await createDeps(
      config,
      handle,
      (error) => app?.log.warn({ err: error }, "email delivery failed"),
      (error, job) => app?.log.error({ err: error, job }, "job failed"),
    );
    app = await buildApp(deps, { webRoot: options.webRoot });
    const address = await app.listen({ port: config.port, host: config.host });
    const server = app;
    const startedAt = new Date();
    // The queue starts after listen (creating pg-boss's schema on a new database takes a while);
    // until it is ready, sends wait for it. An embedded data folder is ours alone (its lock), so a
    // run still "running" from before this start died with the previous process: fail it now.
    // All of it waits BACKGROUND_START_DELAY_MS first: pg-boss's start is 0.5-2 s of statements
    // which, on PGlite, run on this thread over the one connection, so a health check or the first
    // page load arriving right after listen queued behind all of them.
    let background: Promise<void> | undefined;
    const backgroundTimer = setTimeout(() => {
      background = (async () => {
        if (handle.kind === "pglite") await failInterruptedMatchRuns(deps, startedAt);
        // Events recorded before a crash or restart go out now, not at the sweep's next minute.
        await deps.events.afterCommit();
        const began = performance.now();
        await deps.jobs.start(deps);
        server.log.info({ ms: Math.round(performance.now() - began) }, "job queue started");
      })().catch((error) => server.log.error({ err: error }, "job queue failed to start"));
    }, BACKGROUND_START_DELAY_MS);
    const url = address.replace("[::1]", "localhost").replace("127.0.0.1", "localhost");
    return {
      app,
      url,
      async close() {
        clearTimeout(backgroundTimer);
        await background;
        await deps.jobs.stop();
        await app?.close();
        await deps.events.idle();
        await deps.mailer.close();
        await handle.close();
      },
    };
  } catch (error) {
    await app?.close();
    await handle.close();
    throw error;
  }
}
