/**
 * Realtime pushes across instances: `npx tsx bench/realtime/run.ts [--sockets 1000]
 * [--rounds 300] [--postgres postgres://postgres@127.0.0.1:5432/postgres]`.
 *
 * Makes a new database on the PostgreSQL server, starts two Trellis app instances in this process
 * (each its own pool and its own change-feed connection, as two servers would have), and opens
 * `sockets` WebSockets with real sessions, half on each instance, each subscribed to its person's
 * "user:<id>" topic. Then times, from just before COMMIT to the socket's "event" message:
 * - one at a time: `rounds` notifications, each for one random person, written through either
 *   instance's pool in a transaction (the trigger NOTIFYs at commit);
 * - a burst: one statement writing a notification for every person (one statement's topics split
 *   into payloads under 8,000 bytes), timed until each socket has heard it.
 * Goal (issue 9): median <= 20 ms, p99 <= 100 ms from commit to the socket.
 */
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import WebSocket from "ws";
import type { UserId } from "../../src/core/accounts/types.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createDeps } from "../../src/server/start-server.ts";
import { SESSION_COOKIE } from "../../src/server/http/session-cookie.ts";
import { hashToken, newToken } from "../../src/server/security/tokens.ts";

const { values } = parseArgs({
  options: {
    sockets: { type: "string", default: "1000" },
    rounds: { type: "string", default: "300" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const socketCount = Number(values.sockets);
const rounds = Number(values.rounds);
const serverUrl = values.postgres;
const ORIGIN = "http://bench.trellis.test";

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;
function describe(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} median ${ms(quantile(sorted, 0.5))}, p90 ${ms(quantile(sorted, 0.9))}, ` +
      `p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted.at(-1) ?? Number.NaN)}`,
  );
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

async function main() {
  const name = `trellis_bench_realtime_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handles: DatabaseHandle[] = [];
  const apps: FastifyInstance[] = [];
  const sockets: WebSocket[] = [];
  try {
    const config = loadConfig({ DATABASE_URL: databaseUrl, PUBLIC_URL: ORIGIN, LOG_LEVEL: "silent" });
    const ports: number[] = [];
    for (const _ of [0, 1]) {
      const handle = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 5 });
      handles.push(handle);
      if (handles.length === 1) await handle.migrate();
      const deps = await createDeps(config, handle);
      const app = await buildApp(deps, { logger: false });
      apps.push(app);
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error("no port");
      ports.push(address.port);
    }
    const [first] = handles;
    if (!first) throw new Error("no database");
    const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });

    // People, each with a session, all in one organisation.
    const secret = (await db.query("select value from instance_settings where key = 'token_secret'")).rows[0]
      ?.value as string;
    const org = (await db.query("insert into organisations (name) values ('Bench') returning id")).rows[0]
      ?.id as string;
    const people = (
      await db.query(
        `insert into users (email, name, password_hash)
         select 'p' || k || '@bench.test', 'Person ' || k, 'x' from generate_series(1, $1::int) k returning id`,
        [socketCount],
      )
    ).rows.map((row) => row.id as UserId);
    await db.query(
      "insert into memberships (org_id, user_id, role) select $1, unnest($2::uuid[]), 'member'",
      [org, people],
    );
    const tokens = people.map(() => newToken());
    await db.query(
      `insert into sessions (token_hash, user_id, csrf_token, expires_at)
       select unnest($1::text[]), unnest($2::uuid[]), 'csrf', now() + interval '1 day'`,
      [tokens.map((token) => hashToken(secret, token)), people],
    );

    // One socket per person, alternating between the two instances, each hearing its own topic.
    const heard = new Map<string, (at: number) => void>();
    const started = performance.now();
    await Promise.all(
      people.map(
        (person, index) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${ports[index % 2]}/api/realtime`, {
              headers: { cookie: `${SESSION_COOKIE}=${tokens[index]}`, origin: ORIGIN },
            });
            sockets.push(socket);
            socket.on("error", reject);
            socket.on("open", () =>
              socket.send(JSON.stringify({ type: "subscribe", topics: [`user:${person}`] })),
            );
            socket.on("message", (data) => {
              const at = performance.now();
              const message = JSON.parse(data.toString());
              if (message.type === "subscribed") resolve();
              else if (message.type === "event") heard.get(person)?.(at);
            });
          }),
      ),
    );
    console.log(
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GB`,
    );
    console.log(
      `PostgreSQL ${(await db.query("show server_version")).rows[0]?.server_version}, two instances in one process`,
    );
    console.log(`${sockets.length} sockets open and subscribed in ${ms(performance.now() - started)}`);

    const pools = handles.map(() => new pg.Pool({ connectionString: databaseUrl, max: 2 }));
    const waitFor = (person: string) =>
      new Promise<number>((resolve) => heard.set(person, (at) => resolve(at)));

    // Warm up: each instance's path once.
    for (let index = 0; index < 20; index++) {
      const person = people[index % people.length] as string;
      const got = waitFor(person);
      await pools[index % 2]?.query(
        "insert into notifications (org_id, user_id, kind, title) values ($1, $2, 'bench', 'Warm-up')",
        [org, person],
      );
      await got;
    }

    const single: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const person = people[Math.floor(Math.random() * people.length)] as string;
      const client = await (pools[round % 2] as pg.Pool).connect();
      try {
        await client.query("begin");
        await client.query(
          "insert into notifications (org_id, user_id, kind, title) values ($1, $2, 'bench', 'Hello')",
          [org, person],
        );
        const got = waitFor(person);
        const before = performance.now();
        await client.query("commit");
        single.push((await got) - before);
      } finally {
        client.release();
      }
      heard.delete(person);
    }
    const one = describe("one change at a time, commit -> socket (either instance)", single);

    const burst: number[] = [];
    const all = people.map((person) => waitFor(person));
    const before = performance.now();
    await db.query(
      "insert into notifications (org_id, user_id, kind, title) select $1, unnest($2::uuid[]), 'bench', 'All'",
      [org, people],
    );
    for (const at of await Promise.all(all)) burst.push(at - before);
    describe(`one statement for all ${people.length} people, statement -> each socket`, burst);
    console.log(
      `goal median <= 20 ms, p99 <= 100 ms (one at a time): ${one.median <= 20 && one.p99 <= 100 ? "met" : "NOT met"}`,
    );
    await Promise.all(pools.map((pool) => pool.end()));
    await db.end();
  } finally {
    for (const socket of sockets) socket.terminate();
    for (const app of apps) await app.close();
    for (const handle of handles) await handle.close();
    // Dropping with force ends any connection still open on it (a pool closing late): not an error.
    process.on("uncaughtException", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") throw error;
    });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
