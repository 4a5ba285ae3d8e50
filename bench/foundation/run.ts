/**
 * Foundation figures: start-up time to healthy (new and existing data folder), GET /api/me
 * throughput and p99 at 50 connections on PostgreSQL beside a bare Fastify route doing the same
 * session lookup (the ceiling), and the web app's initial JS size gzipped.
 *
 * Trellis runs as `npm start` runs it: `node bin/trellis.js serve`, the built JavaScript in
 * dist/server (built here first, as are the web app's files, so no figure includes a build).
 *
 *   npx tsx bench/foundation/run.ts            (uses postgres://postgres@127.0.0.1:5432, or BENCH_DATABASE_URL)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { buildServer } from "../../scripts/build-server.mjs";
import { buildWeb, isWebBuildStale } from "../../src/cli/web-build.ts";
import { type LoadResult, mergeLoads, runLoad } from "./load.ts";

const root = new URL("../../", import.meta.url).pathname;
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONCURRENCY = 50;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The two servers are loaded in turns (ROUNDS rounds of LOAD_SECONDS / ROUNDS each), the idle one
 * stopped with SIGSTOP, so a change in the machine's load (it is shared) hits both alike.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function start(args: string[], env: Record<string, string>): ChildProcess {
  const [script, ...rest] = args;
  // One process per server (node --import tsx, not the tsx command, which starts a child), so
  // SIGSTOP and the CPU time read from /proc reach the server itself.
  const command = script.endsWith(".ts") ? ["--import", "tsx", script, ...rest] : [script, ...rest];
  return spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** CPU seconds (user + system) a process has used so far: unlike wall time, barely moved by the machine's other load. Linux only. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs = 120_000): Promise<number> {
  const began = performance.now();
  let output = "";
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  while (performance.now() - began < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return performance.now() - began;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not healthy after ${timeoutMs} ms: ${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function startupFigures(): Promise<{ fresh: number; existing: number[]; cpu: number[] }> {
  const dataDir = mkdtempSync(join(os.tmpdir(), "trellis-bench-"));
  const port = 3900;
  const env = { PORT: String(port), HOST: "127.0.0.1", TRELLIS_DATA_DIR: dataDir };
  try {
    let child = start(["bin/trellis.js", "serve"], env);
    const fresh = await waitHealthy(port, child);
    await stop(child);
    const existing: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < 3; run++) {
      child = start(["bin/trellis.js", "serve"], env);
      existing.push(await waitHealthy(port, child));
      cpu.push(cpuSeconds(child.pid));
      await stop(child);
    }
    return { fresh, existing, cpu };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function throughputFigures() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `trellis_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const port = 3901;
  const trellis = start(["bin/trellis.js", "serve"], {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "silent",
  });
  let bare: ChildProcess | undefined;
  try {
    await waitHealthy(port, trellis);
    const setup = await fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        organisationName: "Bench",
        name: "Bench Owner",
        email: "bench@bench.test",
        password: "bench-password-1",
      }),
    });
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie) throw new Error(`set-up failed: ${setup.status} ${await setup.text()}`);
    const headers = { cookie };

    const dbClient = new pg.Client({ connectionString: databaseUrl });
    await dbClient.connect();
    const { rows } = await dbClient.query("select value from instance_settings where key = 'token_secret'");
    await dbClient.end();
    bare = start(
      ["bench/foundation/bare-session-server.ts", databaseUrl, String(port + 1), rows[0].value],
      {},
    );
    await new Promise<void>((resolve, reject) => {
      bare?.stdout?.on("data", (chunk) => String(chunk).includes("ready") && resolve());
      bare?.once("exit", () => reject(new Error("bare server exited")));
    });
    const servers = [
      { child: trellis, url: `http://127.0.0.1:${port}/api/me`, runs: [] as LoadResult[], cpu: 0 },
      { child: bare, url: `http://127.0.0.1:${port + 1}/api/me`, runs: [] as LoadResult[], cpu: 0 },
    ];
    const load = async (server: (typeof servers)[number], seconds: number) => {
      const other = servers.find((candidate) => candidate !== server);
      other?.child.kill("SIGSTOP");
      try {
        const cpuBefore = cpuSeconds(server.child.pid);
        const result = await runLoad({ url: server.url, headers, concurrency: CONCURRENCY, seconds });
        server.cpu += cpuSeconds(server.child.pid) - cpuBefore;
        return result;
      } finally {
        other?.child.kill("SIGCONT");
      }
    };
    for (const server of servers) await load(server, 2);
    for (const server of servers) server.cpu = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of servers) server.runs.push(await load(server, LOAD_SECONDS / ROUNDS));
    }
    const ratios = servers[0].runs.map(
      (run, round) => run.requestsPerSecond / servers[1].runs[round].requestsPerSecond,
    );
    const ours = mergeLoads(servers[0].runs);
    const ceiling = mergeLoads(servers[1].runs);
    // Server CPU per answered request: what the machine's other load moves least.
    const cpuPerRequest = servers.map((server, index) => server.cpu / [ours, ceiling][index].requests);
    return { ours, ceiling, ratios, cpuPerRequest };
  } finally {
    await stop(trellis);
    if (bare) await stop(bare);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function initialJsGzipped(): { files: string[]; bytes: number } | null {
  let html: string;
  try {
    html = readFileSync(join(root, "dist/web/index.html"), "utf8");
  } catch {
    return null;
  }
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(root, "dist/web", file))).length,
    0,
  );
  return { files, bytes };
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log(
  `Inputs: ${CONCURRENCY} connections, ${LOAD_SECONDS} s per server in ${ROUNDS} alternating rounds after a 2 s warm-up each; PostgreSQL at ${new URL(serverUrl).host}\n`,
);

await buildServer();
if (isWebBuildStale()) await buildWeb(() => {});
// BENCH_ONLY=throughput skips the start-up figures (a quicker run while working on the request path).
if (process.env.BENCH_ONLY !== "throughput") {
  const startup = await startupFigures();
  const median = [...startup.existing].sort((a, b) => a - b)[1];
  console.log(
    "Start-up to healthy (npm start path: node bin/trellis.js serve, server and web already built)",
  );
  console.log(`  new data folder (initdb + migrations): ${(startup.fresh / 1000).toFixed(2)} s`);
  console.log(
    `  existing data folder: median ${(median / 1000).toFixed(2)} s of ${startup.existing.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s (goal ≤ 2 s); CPU time to healthy ${startup.cpu.map((seconds) => seconds.toFixed(2)).join(", ")} s\n`,
  );
}

const { ours, ceiling, ratios, cpuPerRequest } = await throughputFigures();
const row = (label: string, result: typeof ours) =>
  `  ${label.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50Ms.toFixed(1).padStart(6)} ms   p99 ${result.p99Ms.toFixed(1).padStart(6)} ms   errors ${result.errors}`;
console.log("GET /api/me on PostgreSQL");
console.log(row("Trellis (full stack)", ours));
console.log(row("bare Fastify, same lookup (ceiling)", ceiling));
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
console.log(
  `  server CPU per request: Trellis ${(cpuPerRequest[0] * 1e6).toFixed(0)} µs, bare ${(cpuPerRequest[1] * 1e6).toFixed(0)} µs (bare / Trellis ${percent(cpuPerRequest[1] / cpuPerRequest[0])})`,
);
console.log(
  `  Trellis reaches ${percent(ours.requestsPerSecond / ceiling.requestsPerSecond)} of the ceiling (goal ≥ 60%, p99 ≤ 50 ms); per round ${ratios.map(percent).join(", ")}\n`,
);

const js = initialJsGzipped();
console.log(
  js
    ? `Web initial JS gzipped: ${(js.bytes / 1024).toFixed(1)} kB in ${js.files.length} file(s) (goal ≤ 200 kB)`
    : "Web initial JS: no build in dist/web (run npm run build:web)",
);
