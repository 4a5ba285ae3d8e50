/**
 * Profiles the server under GET /api/me load, to find where a request's time goes before
 * changing anything: starts `node --cpu-prof bin/trellis.js serve` on a new PostgreSQL database,
 * signs up, loads /api/me at 50 connections, stops the server (which writes the .cpuprofile into
 * PROF_DIR) and prints the heaviest packages and functions by self time.
 *
 *   PROF_DIR=/tmp/prof npx tsx bench/foundation/profile-me.ts
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { runLoad } from "./load.ts";

const root = new URL("../../", import.meta.url).pathname;
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const profileDir = process.env.PROF_DIR ?? join(root, "bench/foundation/out");
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const name = `trellis_prof_${process.pid}`;
await admin.query(`create database ${name}`);
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const port = 3951;
const child = spawn(
  process.execPath,
  ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "bin/trellis.js", "serve"],
  {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "inherit", "inherit"],
  },
);
try {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
  const url = `http://127.0.0.1:${port}/api/me`;
  await runLoad({ url, headers: { cookie }, concurrency: 50, seconds: 2 });
  console.log(
    await runLoad({ url, headers: { cookie }, concurrency: 50, seconds: Number(process.env.SECS ?? 8) }),
  );
} finally {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}
const newest = readdirSync(profileDir)
  .filter((file) => file.endsWith(".cpuprofile") && file.includes(`.${child.pid}.`))
  .sort()[0];
const profile = JSON.parse(readFileSync(join(profileDir, newest), "utf8")) as Profile;
const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  const frame = frames.get(id);
  if (!frame) return;
  const file = frame.url.replace(`file://${root}`, "");
  add(byPackage, /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file || frame.functionName), ms);
  add(byFunction, `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber}`, ms);
});
const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`)
    .join("\n");
console.log(`Self time by package or file:\n${top(byPackage)}\n\nBy function:\n${top(byFunction)}`);
