/**
 * Mentor search with facets over 100,000 profiles on PostgreSQL, in two programmes of one
 * organisation: one of 10,000 mentors (BENCH_COHORT), and one where every profile is a mentor
 * (the widest search there is). Creates its own database, loads seeded
 * realistic profiles (skills in clusters tied to departments, regional languages, cities from time
 * zones, Zipf-distributed free text), ANALYZEs, then measures p50/p95 of the whole HTTP route
 * (sign-in cookie, validation, the instance's mentor index, PostgreSQL full-text matching of the
 * words, cards, response times) against two references run in the same process on the same rows:
 * the same search and facets as one SQL statement (the server's fallback, and the route before
 * the index), and a plain ILIKE scan. Also times the first search (which builds the instance's
 * index) and the first after a profile edit (which patches it). Drops its database at the end.
 *
 *   npx tsx bench/programmes/mentor-search.ts        (DATABASE_URL, or postgres://postgres@127.0.0.1:5432)
 *   BENCH_PROFILES=20000 npx tsx bench/programmes/mentor-search.ts
 *   BENCH_KEEP_DB=1 ...      keeps the loaded database (for EXPLAIN) and prints its address
 *
 * Also exports the loader the recommendations bench shares.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { OrgId, UserId } from "../../src/core/accounts/types.ts";
import type { Participant } from "../../src/core/matching/index.ts";
import { generateProgramme } from "../../src/core/matching/testing/generate-programme.ts";
import { DEFAULT_MATCH_CONFIG } from "../../src/core/programmes/matcher-input.ts";
import { profileSearchText } from "../../src/core/profiles/profile-rules.ts";
import type { ProgrammeId } from "../../src/core/programmes/types.ts";
import { type DatabaseHandle, openDatabase, repositories } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { allJobs } from "../../src/server/jobs/job-list.ts";
import { createJobQueue } from "../../src/server/jobs/queue.ts";
import { createEventDispatcher } from "../../src/server/events/dispatcher.ts";
import type { ServerDeps } from "../../src/server/deps.ts";
import { createMailer } from "../../src/server/email/mailer.ts";
import { SESSION_COOKIE } from "../../src/server/http/session-cookie.ts";
import { hashPassword } from "../../src/server/security/passwords.ts";

export const serverUrl =
  process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const PASSWORD = "bench-password-1";

// ---------------------------------------------------------------------------------------------
// Shared by both programme benches
// ---------------------------------------------------------------------------------------------

/** A fresh database on the server, migrated; `drop` removes it. */
export async function benchDatabase(
  prefix: string,
): Promise<{ url: string; handle: DatabaseHandle; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `${prefix}_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 10 });
  await handle.migrate();
  return {
    url,
    handle,
    async drop() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name}`);
      await dropper.end();
    },
  };
}

/** The app on a database, as the server builds it (mail kept in the outbox). */
export async function benchApp(handle: DatabaseHandle): Promise<{ app: FastifyInstance; deps: ServerDeps }> {
  const config = {
    ...loadConfig({ PUBLIC_URL: "http://trellis.bench", LOG_LEVEL: "silent" }),
    rateLimits: { signInPerMinute: 100_000, emailPerHour: 100_000 },
  };
  const repos = repositories(handle.db);
  const now = () => new Date();
  const mailer = createMailer({
    smtpUrl: null,
    from: config.mailFrom,
    emails: repos.emails,
    now,
    onError: () => {},
  });
  const deps: ServerDeps = {
    db: handle.db,
    databaseKind: "postgres",
    changes: handle.changes,
    repos,
    config,
    mailer,
    secret: "bench-secret",
    now,
    jobs: createJobQueue(handle.queueConnection, allJobs),
    events: createEventDispatcher(),
  };
  deps.events.bind(deps);
  return { app: await buildApp(deps, { logger: false, webRoot: null }), deps };
}

const CITIES: Record<string, string> = {};
const cityOf = (zone: string | undefined) =>
  (CITIES[zone ?? "UTC"] ??= (zone ?? "UTC").split("/").pop()?.replace(/_/g, " ") ?? "");

/**
 * Loads generated participants as people of one organisation: users, memberships and profiles
 * (search_text as the profiles feature keeps it, reporting lines included), with multi-row
 * inserts from arrays (5,000 rows a statement). Returns user ids by generated id.
 */
export async function loadPeople(
  url: string,
  input: { orgId: string; participants: readonly Participant[]; passwordHash: string },
): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = new Map(input.participants.map((p) => [p.id, randomUUID()]));
  const chunks = <T>(items: readonly T[]) =>
    Array.from({ length: Math.ceil(items.length / 5000) }, (_, k) => items.slice(k * 5000, k * 5000 + 5000));
  try {
    // Everyone first, so that profiles can name their managers.
    for (const chunk of chunks(input.participants)) {
      const uid = chunk.map((p) => ids.get(p.id));
      await client.query(
        `insert into users (id, email, name, password_hash, email_verified_at)
         select u, e, n, $4, now() from unnest($1::uuid[], $2::text[], $3::text[]) as t(u, e, n)`,
        [uid, chunk.map((p) => `${p.id}@bench.test`), chunk.map((p) => `Person ${p.id}`), input.passwordHash],
      );
      await client.query(
        `insert into memberships (org_id, user_id, role) select $1, u, 'member' from unnest($2::uuid[]) u`,
        [input.orgId, uid],
      );
    }
    for (const chunk of chunks(input.participants)) {
      const topics = chunk.map((p) => (p.skillsWanted ?? []).slice(0, 2).map((s) => s.skill));
      await client.query(
        `insert into profiles (org_id, user_id, headline, bio, job_title, department, manager_id, location,
           time_zone, languages, years_experience, skills_offered, skills_wanted, topics, career_goals,
           availability, search_text)
         select $1, u, h, b, j, d, m, l, z, string_to_array(g, ','), y, so::jsonb, sw::jsonb,
           string_to_array(tp, ','), cg, av::jsonb, st
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
           $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[],
           $16::text[], $17::text[])
           as t(u, h, b, j, d, m, l, z, g, y, so, sw, tp, cg, av, st)`,
        [
          input.orgId,
          chunk.map((p) => ids.get(p.id)),
          chunk.map((p) => `${p.jobRole ?? "engineer"} in ${p.department ?? "the company"}`),
          chunk.map((p) => p.experience ?? ""),
          chunk.map((p) => p.jobRole ?? ""),
          chunk.map((p) => p.department ?? ""),
          chunk.map((p) => (p.managerId ? (ids.get(p.managerId) ?? null) : null)),
          chunk.map((p) => cityOf(p.timeZone)),
          chunk.map((p) => p.timeZone ?? "UTC"),
          chunk.map((p) => (p.languages ?? []).join(",")),
          chunk.map((p) => p.yearsExperience ?? null),
          chunk.map((p) => JSON.stringify(p.skillsOffered ?? [])),
          chunk.map((p) => JSON.stringify(p.skillsWanted ?? [])),
          topics.map((list) => list.join(",")),
          chunk.map((p) => p.goals ?? ""),
          chunk.map((p) => JSON.stringify(p.availability ?? [])),
          chunk.map((p, k) => profileSearchText(p.skillsOffered ?? [], topics[k])),
        ],
      );
    }
  } finally {
    await client.end();
  }
  return ids;
}

/** Active enrolments of people in a programme (mentors with their capacity), then VACUUM ANALYZE. */
export async function enrolPeople(
  url: string,
  input: {
    orgId: string;
    programmeId: string;
    people: readonly { userId: string; role: string; capacity: number }[];
  },
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let from = 0; from < input.people.length; from += 5000) {
      const chunk = input.people.slice(from, from + 5000);
      await client.query(
        `insert into enrolments (org_id, programme_id, user_id, role, status, mentor_capacity, source)
         select $1, $2, u, r, 'active', c, 'import' from unnest($3::uuid[], $4::text[], $5::int[]) as t(u, r, c)`,
        [
          input.orgId,
          input.programmeId,
          chunk.map((p) => p.userId),
          chunk.map((p) => p.role),
          chunk.map((p) => p.capacity),
        ],
      );
    }
    // As a database in service would be: statistics gathered, visibility map set.
    await client.query("vacuum analyze");
  } finally {
    await client.end();
  }
}

/** An organisation. */
export async function createOrganisation(deps: ServerDeps, name: string): Promise<OrgId> {
  return (await deps.repos.organisations.create(name)) as OrgId;
}

/** A running programme open to self-match, with the default match criteria. */
export async function createRunningProgramme(
  deps: ServerDeps,
  orgId: OrgId,
  name: string,
): Promise<ProgrammeId> {
  const programme = await deps.repos.programmes.insert({
    orgId,
    name,
    type: "one_to_one",
    status: "running",
    startsOn: "2026-01-05",
    endsOn: "2026-12-21",
    matchingMode: "both",
    matchConfig: DEFAULT_MATCH_CONFIG as never,
    pendingRequestCap: 5,
  });
  return programme.id as ProgrammeId;
}

export async function signInCookie(app: FastifyInstance, email: string): Promise<Record<string, string>> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((item) => item.name === SESSION_COOKIE);
  return { cookie: `${SESSION_COOKIE}=${cookie?.value}` };
}

export function percentiles(samples: readonly number[]): {
  p50: number;
  p95: number;
  max: number;
  n: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], n: sorted.length };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function describeMachine(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm, current_setting('jit') as jit",
  );
  await client.end();
  const cpu = os.cpus();
  return [
    `machine: ${cpu[0]?.model ?? "unknown CPU"} x${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, load ${os.loadavg()[0].toFixed(2)}`,
    `node ${process.version}; ${String(rows[0].v).split(",")[0]} (shared_buffers ${rows[0].sb}, work_mem ${rows[0].wm}, jit ${rows[0].jit}, off in Trellis's own connections)`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// The search bench
// ---------------------------------------------------------------------------------------------

const PROFILES = Number(process.env.BENCH_PROFILES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

interface Scenario {
  label: string;
  q?: string;
  department?: string[];
  language?: string[];
  skill?: string[];
  location?: string[];
  hasCapacity?: boolean;
}

const SCENARIOS: Scenario[] = [
  { label: "one common word (python)", q: "python" },
  { label: "two words (kubernetes terraform)", q: "kubernetes terraform" },
  { label: 'phrase ("incident response")', q: '"incident response"' },
  { label: "rare word", q: "zzqx" },
  { label: "word + department + language", q: "statistics", department: ["Data Science"], language: ["en"] },
  { label: "no words, one department", department: ["Security"] },
  { label: "no words, skill + has room", skill: ["react"], hasCapacity: true },
  { label: "no words, no filter (all mentors)" },
];

const WIDE = Number(process.env.BENCH_COHORT ?? 10_000);

async function main() {
  const began = performance.now();
  const db = await benchDatabase("trellis_bench_search");
  try {
    console.log(await describeMachine(db.url));
    const { app, deps } = await benchApp(db.handle);
    const orgId = await createOrganisation(deps, "Search bench");
    // The generator makes 2% of mentors mentees too; this many extra mentees leaves exactly one.
    const generated = generateProgramme({
      mentees: Math.floor(PROFILES * 0.02) + 1,
      mentors: PROFILES,
      seed: 7,
    }).participants;
    const mentee = generated.find((p) => p.role === "mentee");
    if (!mentee) throw new Error("the generator made no mentee");
    const ids = await loadPeople(db.url, {
      orgId,
      participants: generated,
      passwordHash: await hashPassword(PASSWORD),
    });
    const mentors = generated
      .filter((p) => p !== mentee)
      .map((p) => ({ userId: ids.get(p.id) as string, role: "mentor", capacity: p.mentorCapacity ?? 1 }));
    const menteeUserId = ids.get(mentee.id) as UserId;
    const programmes = [
      {
        label: `a programme of ${Math.min(WIDE, mentors.length).toLocaleString("en")} mentors`,
        id: await createRunningProgramme(deps, orgId, "Cohort"),
        mentors: mentors
          .filter((_, k) => k % Math.max(1, Math.round(mentors.length / WIDE)) === 0)
          .slice(0, WIDE),
      },
      {
        label: `a programme where all ${mentors.length.toLocaleString("en")} profiles are mentors`,
        id: await createRunningProgramme(deps, orgId, "Everyone"),
        mentors,
      },
    ];
    for (const programme of programmes) {
      await enrolPeople(db.url, {
        orgId,
        programmeId: programme.id,
        people: [...programme.mentors, { userId: menteeUserId, role: "mentee", capacity: 0 }],
      });
    }
    console.log(
      `inputs: ${generated.length.toLocaleString("en")} profiles in one organisation; searches of one mentee over ` +
        `${programmes.map((p) => p.label).join(", and over ")}; ${SCENARIOS.length} searches x ${RUNS} runs each ` +
        `after 2 warm-up runs; page size 20 (loaded in ${((performance.now() - began) / 1000).toFixed(0)} s)`,
    );
    const headers = await signInCookie(app, `${mentee.id}@bench.test`);
    for (const programme of programmes) {
      console.log(`\n${programme.label}:`);
      await measure(app, deps, headers, orgId, programme.id, menteeUserId, db.url);
    }
    await app.close();
    await deps.mailer.close();
  } finally {
    if (process.env.BENCH_KEEP_DB) {
      await db.handle.close();
      console.log(`kept the database: ${db.url}`);
    } else await db.drop();
  }
}

async function measure(
  app: FastifyInstance,
  deps: ServerDeps,
  headers: Record<string, string>,
  orgId: OrgId,
  programmeId: ProgrammeId,
  menteeUserId: UserId,
  url: string,
) {
  const filtersOf = (s: Scenario) => ({
    q: s.q ?? "",
    departments: s.department ?? [],
    languages: s.language ?? [],
    locations: s.location ?? [],
    skills: s.skill ?? [],
    hasCapacity: s.hasCapacity ?? false,
    excludeUserId: menteeUserId,
    viewerIsAdmin: false,
    limit: 20,
    offset: 0,
    facets: true,
  });
  const queryString = (s: Scenario) => {
    const search = new URLSearchParams();
    if (s.q) search.set("q", s.q);
    for (const key of ["department", "language", "skill", "location"] as const)
      for (const value of s[key] ?? []) search.append(key, value);
    if (s.hasCapacity) search.set("hasCapacity", "true");
    return search.toString();
  };
  const route = async (s: Scenario) => {
    const t0 = performance.now();
    const response = await app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/programmes/${programmeId}/mentors?${queryString(s)}`,
      headers,
    });
    if (response.statusCode !== 200) throw new Error(response.body);
    return { ms: performance.now() - t0, total: (response.json() as { total: number }).total };
  };
  // The first search builds the instance's index; after a mentor edits their profile (a write any
  // instance may make) the next search reads that mentor again and patches it.
  const noWords = SCENARIOS[SCENARIOS.length - 1];
  const first = await route(noWords);
  const someone = (
    await deps.repos.mentorSearch.search(orgId, programmeId, { ...filtersOf(noWords), limit: 1 })
  ).rows[0].userId;
  await deps.db.execute(
    sql`update profiles set headline = headline || ' (edited)' where org_id = ${orgId} and user_id = ${someone}`,
  );
  const rebuilt = await route(noWords);
  console.log(
    `first search (builds the index): ${ms(first.ms)}; first after a profile edit (patches it): ${ms(rebuilt.ms)} (whole request each)`,
  );

  const rows: string[][] = [];
  const all = { http: [] as number[], sql: [] as number[], ilike: [] as number[] };
  const reference = new pg.Pool({ connectionString: url, max: 2 });
  for (const scenario of SCENARIOS) {
    const times = { http: [] as number[], sql: [] as number[], ilike: [] as number[] };
    // Each way runs its own series (2 warm-up runs first), so that one does not evict the other's
    // pages from PostgreSQL's buffers between two runs.
    let total = 0;
    for (let run = -2; run < RUNS; run++) {
      const http = await route(scenario);
      total = http.total;
      if (run >= 0) times.http.push(http.ms);
    }
    // Reference 1: the same search and facets as one SQL statement (the server's fallback).
    for (let run = -2; run < RUNS; run++) {
      const t0 = performance.now();
      const page = await deps.repos.mentorSearch.search(orgId, programmeId, filtersOf(scenario));
      if (run >= 0) times.sql.push(performance.now() - t0);
      if (page.total !== total) throw new Error(`${scenario.label}: index ${total}, SQL ${page.total}`);
    }
    // Reference 2: what a naive search does, a substring scan (same scope, same page size, a total).
    const word = `%${(scenario.q ?? scenario.skill?.[0] ?? scenario.department?.[0] ?? "").replace(/"/g, "").split(" ")[0]}%`;
    for (let run = -2; run < RUNS; run++) {
      const t0 = performance.now();
      await reference.query(
        `select p.user_id, count(*) over () from enrolments e
         join profiles p on p.org_id = e.org_id and p.user_id = e.user_id
         where e.programme_id = $1 and e.status = 'active' and e.role in ('mentor', 'both')
           and (p.headline ilike $2 or p.bio ilike $2 or p.search_text ilike $2 or p.department ilike $2)
         order by p.user_id limit 20`,
        [programmeId, word],
      );
      if (run >= 0) times.ilike.push(performance.now() - t0);
    }
    for (const key of ["http", "sql", "ilike"] as const) all[key].push(...times[key]);
    const [a, b, c] = [times.http, times.sql, times.ilike].map(percentiles);
    rows.push([
      scenario.label,
      total.toLocaleString("en"),
      `${ms(a.p50)} / ${ms(a.p95)}`,
      `${ms(b.p50)} / ${ms(b.p95)}`,
      `${ms(c.p50)} / ${ms(c.p95)}`,
    ]);
  }
  await reference.end();
  const header = [
    "search",
    "hits",
    "Trellis route p50/p95",
    "one SQL statement p50/p95",
    "ILIKE ref p50/p95",
  ];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((cell, k) => cell.padEnd(widths[k])).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const [a, b, c] = [all.http, all.sql, all.ilike].map(percentiles);
  console.log(
    `all searches: Trellis route (HTTP, index + full-text words + cards) p50 ${ms(a.p50)}, p95 ${ms(a.p95)}; ` +
      `one SQL statement (search + facets) p50 ${ms(b.p50)}, p95 ${ms(b.p95)}; ` +
      `ILIKE reference p50 ${ms(c.p50)}, p95 ${ms(c.p95)} (n=${a.n} each)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
