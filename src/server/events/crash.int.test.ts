import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { fromPglite, PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../contracts/events.ts";
import { type DatabaseHandle, openDatabase, repositories } from "../../db/index.ts";
import { createTestDatabase, testDatabaseKind } from "../../db/testing/test-database.ts";
import { CONSUMER_NAMES } from "./consumer-names.ts";
import { recordEvents } from "./record-events.ts";

/** The 20 pending events, each delivered once to every consumer. */
const ALL_DELIVERIES = 20 * CONSUMER_NAMES.length;

/**
 * `kill -9` of a real server process (`trellis serve`) while events and a job are pending: after a
 * restart each is delivered once. On PostgreSQL the events are recorded while the server runs (it
 * is not told, as if the instance that committed them died before dispatching) and it is killed at
 * once; on PGlite the data folder is one process's at a time, so they are recorded between the
 * kill and the restart.
 */
const root = resolve(import.meta.dirname, "../../..");
const kind = testDatabaseKind();

async function serverDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  done(): Promise<void>;
}> {
  if (kind === "postgres") {
    const database = await createTestDatabase();
    const url = database.url as string;
    return {
      env: { DATABASE_URL: url },
      open: () => openDatabase({ kind: "postgres", url, poolSize: 2 }),
      done: () => database.close(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "trellis-crash-"));
  return {
    env: { TRELLIS_DATA_DIR: dataDir },
    open: () => openDatabase({ kind: "pglite", dataDir }),
    async done() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function serve(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      PUBLIC_URL: "http://trellis.test",
    },
    stdio: "ignore",
  });
}

async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const healthy = (port: number) =>
  until(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, 120_000);

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function rows<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe(`kill -9 with events and jobs pending (${kind})`, () => {
  const children: ChildProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await cleanup?.();
  });

  it("delivers every pending event once and runs the pending job once after a restart", async () => {
    const database = await serverDatabase();
    cleanup = database.done;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const first = serve(database.env, port);
    children.push(first);
    await healthy(port);
    const setup = await fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://trellis.test" },
      body: JSON.stringify({
        organisationName: "Crash Ltd",
        name: "Olive Owner",
        email: "olive@crash.test",
        password: "correct horse battery",
      }),
    });
    expect(setup.status, await setup.clone().text()).toBe(201);
    const me = (await setup.json()) as { user: { id: string }; currentOrgId: string };
    const programmeId = "00000000-0000-4000-8000-0000000000c1";
    const events: DomainEvent[] = Array.from({ length: 20 }, (_, k) => ({
      kind: k % 2 === 0 ? "enrolment.approved" : "enrolment.removed",
      orgId: me.currentOrgId,
      payload: { programmeId, programmeName: `Cohort ${k}`, userId: me.user.id },
    }));
    // The queue is up once the server has created pg-boss's schema and its queues.
    const record = async () => {
      const handle = await database.open();
      try {
        await recordEvents(repositories(handle.db), events);
        const boss =
          handle.queueConnection.kind === "pglite"
            ? new PgBoss({
                db: fromPglite(handle.queueConnection.client),
                backend: "pglite",
                supervise: false,
                schedule: false,
              })
            : new PgBoss({
                connectionString: handle.queueConnection.url,
                supervise: false,
                schedule: false,
                max: 1,
              });
        await boss.start();
        const jobId = await boss.sendAfter("events.dispatch", {}, null, 3);
        await boss.stop({ graceful: false, close: handle.queueConnection.kind === "postgres" });
        return jobId as string;
      } finally {
        await handle.close();
      }
    };
    let jobId: string;
    if (kind === "postgres") {
      await until(async () => {
        const handle = await database.open();
        try {
          return (
            (await rows(handle, sql`select 1 from pgboss.queue where name = 'events.dispatch'`)).length > 0
          );
        } finally {
          await handle.close();
        }
      }, 60_000);
      jobId = await record();
      await killHard(first);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // let the queue create its schema
      await killHard(first);
      jobId = await record();
    }

    const second = serve(database.env, port);
    children.push(second);
    await healthy(port);
    const check = async () => {
      const handle = await database.open();
      try {
        const [deliveries] = await rows<{ done: number; other: number }>(
          handle,
          sql`select count(*) filter (where state = 'done')::int as done, count(*) filter (where state <> 'done')::int as other from event_deliveries`,
        );
        const [job] = await rows<{ state: string; retry_count: number }>(
          handle,
          sql`select state, retry_count from pgboss.job where id = ${jobId}::uuid`,
        );
        const [notes] = await rows<{ n: number; distinct_events: number }>(
          handle,
          sql`select count(*)::int as n, count(distinct event_id)::int as distinct_events from notifications where event_id is not null`,
        );
        const [mails] = await rows<{ n: number }>(
          handle,
          sql`select count(*)::int as n from sent_emails where subject like 'You are in: Cohort %'`,
        );
        return { deliveries, job, notes, mails };
      } finally {
        await handle.close();
      }
    };
    if (kind === "pglite") {
      // The folder is the server's while it runs: stop it (gracefully) before reading.
      await until(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        return true;
      }, 10_000);
      const exited = new Promise((resolve) => second.once("exit", resolve));
      second.kill("SIGTERM");
      await exited;
      const state = await check();
      expect(state.deliveries).toEqual({ done: ALL_DELIVERIES, other: 0 });
      expect(state.notes).toEqual({ n: 20, distinct_events: 20 });
      expect(state.mails.n).toBe(10);
      expect(state.job?.state).toBe("completed");
    } else {
      const state = await until(async () => {
        const now = await check();
        return now.deliveries?.done === ALL_DELIVERIES && now.job?.state === "completed" ? now : null;
      }, 60_000);
      expect(state.deliveries).toEqual({ done: ALL_DELIVERIES, other: 0 });
      expect(state.notes).toEqual({ n: 20, distinct_events: 20 });
      expect(state.mails.n).toBe(10);
      expect(state.job?.retry_count).toBe(0);
      await killHard(second);
    }
  }, 240_000);
});
