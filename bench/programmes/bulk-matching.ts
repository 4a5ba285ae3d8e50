/**
 * Bulk matching from the page: `npx tsx bench/programmes/bulk-matching.ts [--mentees 5000]
 * [--mentors 1000] [--postgres postgres://user@host/db] [--objective participation|score]`.
 *
 * Creates an organisation with a programme of `mentees` x `mentors` people (seeded, realistic
 * profiles: skills, topics, goals and experience text, years, departments with manager trees,
 * time zones with regional languages, weekly availability) in a fresh database (embedded PGlite
 * in a temporary data folder, or a new database on the PostgreSQL server given), starts the real
 * server (`trellis serve`) in its own process, signs in as an admin and times what the page does:
 * POST the run, poll GET the run every 100 ms until the draft is readable, then GET the first page
 * of pairs. Prints the machine, the inputs, the seconds of each phase (as
 * the server recorded them on the run) and, as references in the same script, the core matcher in
 * this process and the worker-thread runner on the same input without any database.
 * Target (issue 4): <= 5 s from the click to the draft.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import type { MatchRun } from "../../src/contracts/bulk-matching.ts";
import type { OrgId } from "../../src/core/accounts/types.ts";
import type { ProgrammeId } from "../../src/core/programmes/types.ts";
import { matchProgramme, type Participant } from "../../src/core/matching/index.ts";
import { generateProgramme } from "../../src/core/matching/testing/generate-programme.ts";
import { buildBulkRunInput } from "../../src/core/bulk-matching/bulk-run-input.ts";
import { referenceWeekFor } from "../../src/core/bulk-matching/match-run.ts";
import { DEFAULT_MATCH_CONFIG } from "../../src/core/programmes/matcher-input.ts";
import { type DatabaseHandle, openDatabase, repositories } from "../../src/db/index.ts";
import { enrolments, memberships, profiles, programmes, users } from "../../src/db/schema.ts";
import { runMatching } from "../../src/server/matching/run-matching.ts";
import { hashPassword } from "../../src/server/security/passwords.ts";

const { values } = parseArgs({
  options: {
    mentees: { type: "string", default: "5000" },
    mentors: { type: "string", default: "1000" },
    postgres: { type: "string" },
    objective: { type: "string", default: "participation" },
  },
});
const menteeCount = Number(values.mentees);
const mentorCount = Number(values.mentors);
const objective = values.objective === "score" ? "score" : "participation";
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const TOPICS = [
  "career growth",
  "leadership",
  "technical depth",
  "public speaking",
  "remote work",
  "promotion",
];

const repoRoot = resolve(import.meta.dirname, "../..");

interface BenchDatabase {
  handle: DatabaseHandle;
  label: string;
  /** What the server process needs to open the same database. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

async function openBenchDatabase(): Promise<BenchDatabase> {
  if (!values.postgres) {
    const dataDir = mkdtempSync(join(tmpdir(), "trellis-bench-"));
    const handle = await openDatabase({ kind: "pglite", dataDir });
    await handle.migrate();
    return {
      handle,
      label: `PGlite (embedded, data folder ${dataDir})`,
      env: { TRELLIS_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `trellis_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 10 });
  await handle.migrate();
  const version = (await admin.query<{ server_version: string }>("show server_version")).rows[0]
    .server_version;
  return {
    handle,
    label: `PostgreSQL ${version} (${url.host}, pool of 10)`,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Inserts the generated people as members with profiles and enrolments; returns the programme id. */
async function createProgrammeInDatabase(
  handle: DatabaseHandle,
  orgId: string,
  people: readonly Participant[],
) {
  const { db } = handle;
  const passwordHash = await hashPassword("bench-password-not-used");
  const ids = new Map(people.map((p) => [p.id, randomUUID()]));
  const random = (() => {
    let a = 7;
    return () => {
      a = (a * 1_103_515_245 + 12_345) >>> 0;
      return a / 4_294_967_296;
    };
  })();
  const [programme] = await db
    .insert(programmes)
    .values({
      orgId,
      name: "Bench cohort",
      type: "one_to_one",
      status: "matching",
      startsOn: "2026-03-30",
      endsOn: "2026-06-22",
      matchConfig: DEFAULT_MATCH_CONFIG as never,
    })
    .returning({ id: programmes.id });
  for (let at = 0; at < people.length; at += 1000) {
    const batch = people.slice(at, at + 1000);
    await db.insert(users).values(
      batch.map((p) => ({
        id: ids.get(p.id)!,
        email: `${p.id}@bench.test`,
        name: `Person ${p.id}`,
        passwordHash,
      })),
    );
    await db
      .insert(memberships)
      .values(batch.map((p) => ({ orgId, userId: ids.get(p.id)!, role: "member" as const })));
  }
  // Profiles after every account exists: a profile names its manager (another account).
  for (let at = 0; at < people.length; at += 1000) {
    const batch = people.slice(at, at + 1000);
    await db.insert(profiles).values(
      batch.map((p) => ({
        orgId,
        userId: ids.get(p.id)!,
        headline: p.jobRole ?? "",
        jobTitle: p.jobRole ?? "",
        bio: p.experience ?? "",
        careerGoals: p.goals ?? "",
        department: p.department ?? "",
        managerId: p.managerId ? (ids.get(p.managerId) ?? null) : null,
        timeZone: p.timeZone ?? "UTC",
        languages: [...(p.languages ?? [])],
        yearsExperience: p.yearsExperience ?? null,
        skillsOffered: [...(p.skillsOffered ?? [])],
        skillsWanted: [...(p.skillsWanted ?? [])],
        topics: [TOPICS[Math.floor(random() * TOPICS.length)], TOPICS[Math.floor(random() * TOPICS.length)]],
        availability: [...(p.availability ?? [])],
      })),
    );
    await db.insert(enrolments).values(
      batch.map((p) => ({
        orgId,
        programmeId: programme.id,
        userId: ids.get(p.id)!,
        role: p.role,
        mentorCapacity: p.role === "mentee" ? 0 : (p.mentorCapacity ?? 1),
        source: "admin" as const,
      })),
    );
  }
  return programme.id as ProgrammeId;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject()));
    });
  });
}

/** `trellis serve` in its own process (as in production), on the bench database. */
async function startTrellis(
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      TRELLIS_SKIP_WEB_BUILD: "1",
    },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error("trellis serve exited before it was healthy");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  await stop();
  throw new Error("trellis serve was not healthy within 90 s");
}

/** What the page does, timed: POST the run, poll until the draft is readable, read the first page. */
async function timeRuns(base: string, orgId: string, programmeId: string): Promise<string[]> {
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@bench.test", password: "bench-admin-password" }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const runs = `${base}/api/orgs/${orgId}/programmes/${programmeId}/match-runs`;
  const headers = { cookie, "x-csrf-token": csrf, "content-type": "application/json" };
  const measured: string[] = [];
  let lastRun = "";
  for (const attempt of [1, 2, 3]) {
    const clicked = performance.now();
    const started = await fetch(runs, { method: "POST", headers, body: JSON.stringify({ objective }) });
    if (started.status !== 202) throw new Error(`POST ${started.status}: ${await started.text()}`);
    const answered = performance.now();
    const { id } = (await started.json()) as MatchRun;
    let run: MatchRun;
    let polls = 0;
    for (;;) {
      run = (await (await fetch(`${runs}/${id}`, { headers })).json()) as MatchRun;
      polls++;
      if (run.status !== "running") break;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    const drafted = performance.now();
    if (run.status !== "draft") throw new Error(`run ended ${run.status}: ${run.error}`);
    const page = await fetch(`${runs}/${id}/pairs?limit=25`, { headers });
    if (page.status !== 200) throw new Error(`pairs ${page.status}`);
    await page.json();
    const paged = performance.now();
    const summary = run.summary!;
    console.log(`Run ${attempt}${attempt === 1 ? " (the server's first: cold worker threads)" : ""}:`);
    console.log(`  POST answered (202)             ${s(answered - clicked)}`);
    console.log(`  server: read participants      ${summary.seconds.load.toFixed(2)} s`);
    console.log(`  server: matcher (worker)       ${summary.seconds.match.toFixed(2)} s`);
    console.log(`  server: save draft             ${summary.seconds.save.toFixed(2)} s`);
    console.log(`  click -> draft readable        ${s(drafted - clicked)}   (${polls} polls)`);
    console.log(`  click -> first page of pairs   ${s(paged - clicked)}`);
    console.log(
      `  result: ${summary.matched} pairs, ${summary.unmatched} unmatched, greedy ${summary.greedyMatched}, mean score ${summary.meanScore}, optimal ${summary.optimal}\n`,
    );
    measured.push(s(drafted - clicked));
    lastRun = id;
  }
  // Not part of the target: publishing the last draft (relationships, notices, then the emails).
  const publishing = performance.now();
  const published = await fetch(`${runs}/${lastRun}/publish`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrf },
  });
  if (published.status !== 200) throw new Error(`publish ${published.status}: ${await published.text()}`);
  const result = (await published.json()) as { relationshipsCreated: number; peopleNotified: number };
  console.log(
    `Publish (not in the target): ${result.relationshipsCreated} relationships, ${result.relationshipsCreated * 2} notices and emails to ${result.peopleNotified} people in ${s(performance.now() - publishing)}\n`,
  );
  return measured;
}

async function main(): Promise<void> {
  console.log(
    `Machine: ${cpus()[0]?.model} x ${cpus().length} cores, ${Math.round(totalmem() / 1e9)} GB RAM, node ${process.version}`,
  );
  const generated = generateProgramme({ mentees: menteeCount, mentors: mentorCount, seed: 7 });
  const capacity = generated.participants.reduce(
    (sum, p) => sum + (p.role !== "mentee" ? (p.mentorCapacity ?? 1) : 0),
    0,
  );
  console.log(
    `Input: ${menteeCount} mentees x ${mentorCount} mentors (2% of mentors on both sides), mentor places ${capacity}; objective ${objective}`,
  );
  console.log(
    `Criteria (the programme default): ${DEFAULT_MATCH_CONFIG.criteria.map((c) => `${c.kind}${c.hard ? "(hard)" : ""}${c.weight ? ` w${c.weight}` : ""}`).join(", ")}`,
  );
  const database = await openBenchDatabase();
  let handle: DatabaseHandle | null = database.handle;
  console.log(`Database: ${database.label}`);
  try {
    const repos = repositories(handle.db);
    const createdAt = performance.now();
    const orgId = (await repos.organisations.create("Bench Org")) as OrgId;
    const admin = await repos.users.create({
      email: "admin@bench.test",
      name: "Bench Admin",
      passwordHash: await hashPassword("bench-admin-password"),
      emailVerifiedAt: new Date(),
    });
    await repos.organisations.addMember(orgId, admin!.id, "owner");
    const programmeId = await createProgrammeInDatabase(handle, orgId, generated.participants);
    console.log(
      `Created ${generated.participants.length + 1} people with profiles and enrolments in ${s(performance.now() - createdAt)}`,
    );
    // The references below read the same input before the server takes the database.
    const people = await repos.participants.listActive(orgId, programmeId);
    const pairs = await repos.participants.pairs(orgId, programmeId);
    if (database.env.TRELLIS_DATA_DIR) {
      await handle.close(); // the embedded database has one owner at a time
      handle = null;
    }

    const server = await startTrellis(database.env);
    console.log(`Server: trellis serve (tsx) in its own process at ${server.url}\n`);
    let measured: string[];
    try {
      measured = await timeRuns(server.url, orgId, programmeId);
    } finally {
      await server.stop();
    }

    const input = buildBulkRunInput(people, { live: pairs.existing, earlier: pairs.earlier }, []);
    const referenceWeek = referenceWeekFor(new Date().toISOString().slice(0, 10), "2026-03-30");
    let at = performance.now();
    const inProcess = await matchProgramme(input.programme, DEFAULT_MATCH_CONFIG, {
      objective,
      referenceWeek,
      explain: true,
    });
    const inProcessMs = performance.now() - at;
    at = performance.now();
    const worker = await runMatching({
      programme: input.programme,
      config: DEFAULT_MATCH_CONFIG,
      objective,
      referenceWeek,
      explain: true,
    });
    const workerMs = performance.now() - at;
    console.log("References on the same input (no database, no HTTP):");
    console.log(
      `  core matchProgramme in this process     ${s(inProcessMs)}  (${inProcess.matchedCount} pairs, optimal ${inProcess.optimal})`,
    );
    console.log(
      `  runMatching (worker + 2 kernel threads) ${s(workerMs)}  (${worker.result.matchedCount} pairs)`,
    );
    console.log(`\nTarget: <= 5 s from click to draft. Measured: ${measured.join(", ")}`);
  } finally {
    await handle?.close();
    await database.drop();
  }
}

await main().catch((error: Error & { cause?: Error }) => {
  console.error(`${error.message.slice(0, 300)}${error.cause ? `\ncaused by: ${error.cause.message}` : ""}`);
  process.exit(1);
});
