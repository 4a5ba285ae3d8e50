/**
 * CSV import of 10,000 participants through the app (issue 4's figure: at most 30 s).
 *
 *   npx tsx bench/programmes/csv-import.ts [--rows 10000] [--only pglite|postgres]
 *
 * For the embedded database (PGlite, in memory) and, when TEST_DATABASE_URL or DATABASE_URL is
 * set, a PostgreSQL server (a scratch database, dropped afterwards): the real app through
 * app.inject, as the import page drives it. A generated file (names, departments, time zones,
 * languages, skills with levels, topics, managers, an answer to the registration form), then:
 *   - import: POST .../imports (202) and poll GET .../imports/:id until completed: every account,
 *     membership, profile and enrolment written; then until the emails are recorded too;
 *   - re-import of the same file (every row an update, nothing duplicated);
 *   - reference: the same rows written by bare multi-row INSERTs (users, memberships, profiles,
 *     enrolments; one transaction, no checks, no emails): the floor for this database.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type DatabaseHandle, openDatabase, repositories } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createDeps } from "../../src/server/start-server.ts";
import { importsSettled } from "../../src/server/enrolment/run-import.ts";
import { callerFrom } from "../../src/server/testing/test-app.ts";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "10000" }, only: { type: "string" } },
});
const ROWS = Number(args.rows);
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "Tim",
  "Radia",
  "Guido",
  "Hedy",
  "Edsger",
  "Sophie",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "Berners-Lee",
  "Perlman",
  "van Rossum",
  "Lamarr",
  "Dijkstra",
  "Wilson",
];
const DEPARTMENTS = ["Platform", "Payments", "Data", "Design", "Mobile", "Security", "Support", "Finance"];
const ZONES = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Adelaide",
  "UTC",
];
const SKILLS = [
  "TypeScript",
  "React",
  "Go",
  "Rust",
  "SQL",
  "Kubernetes",
  "Python",
  "Product",
  "Leadership",
  "Testing",
];
const TOPICS = [
  "career growth",
  "public speaking",
  "architecture",
  "hiring",
  "work-life balance",
  "promotion",
];

/** A deterministic file: row i is always the same person. Managers are earlier rows. */
function generateCsv(rows: number): string {
  const lines = [
    "Email,Full name,Role,Mentor capacity,Department,Job title,Time zone,Languages,Skills offered,Skills wanted,Topics,Manager email,Track",
  ];
  for (let i = 0; i < rows; i++) {
    const mentor = i % 4 === 0;
    const skill = (k: number) => SKILLS[(i * 7 + k * 3) % SKILLS.length];
    lines.push(
      [
        `person${i}@bench.example`,
        `"${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}"`,
        mentor ? "mentor" : "mentee",
        mentor ? String(1 + (i % 3)) : "",
        DEPARTMENTS[i % DEPARTMENTS.length],
        mentor ? "Senior engineer" : "Engineer",
        ZONES[i % ZONES.length],
        i % 3 === 0 ? "en; de" : "en",
        mentor ? `${skill(0)}:5; ${skill(1)}:4` : "",
        mentor ? "" : `${skill(2)}:2; ${skill(3)}:1`,
        `${TOPICS[i % TOPICS.length]}; ${TOPICS[(i + 2) % TOPICS.length]}`,
        i >= 50 ? `person${i % 50}@bench.example` : "",
        i % 2 === 0 ? "backend" : "frontend",
      ].join(","),
    );
  }
  return lines.join("\n");
}

interface Figures {
  database: string;
  importRows: number;
  importEmails: number;
  reimport: number;
  reference: number;
  errors: number;
}

async function openBenchDatabase(
  kind: "pglite" | "postgres",
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite" });
    await handle.migrate();
    return { handle, drop: () => handle.close() };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `enrolment_import_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const url = Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 10 });
  await handle.migrate();
  return {
    handle,
    drop: async () => {
      await handle.close();
      // pool.end() resolves as it asks its connections to close, not once they have: a forced drop
      // right away would kill them mid-goodbye (an unhandled pool error). Wait for them to go.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await admin.end();
    },
  };
}

const seconds = (from: number) => (performance.now() - from) / 1000;

async function run(kind: "pglite" | "postgres", csv: string): Promise<Figures> {
  const { handle, drop } = await openBenchDatabase(kind);
  try {
    const config = {
      ...loadConfig({ PUBLIC_URL: "http://trellis.bench", LOG_LEVEL: "silent" }),
      rateLimits: { signInPerMinute: 1000, emailPerHour: 1000 },
    };
    const deps = await createDeps(config, handle);
    const app = await buildApp(deps, { logger: false });
    const setup = await app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        organisationName: "Bench Org",
        name: "Bench Owner",
        email: "owner@bench.example",
        password: "bench-password-1",
      },
    });
    const owner = callerFrom(setup);
    const orgId = owner.me.currentOrgId!;
    const programme = await repositories(handle.db).programmes.insert({
      orgId,
      name: "Bench cohort",
      type: "one_to_one",
      status: "registration_open",
      matchingMode: "both",
      registrationForm: [
        {
          id: "track",
          kind: "single_choice",
          label: "Track",
          required: true,
          usedInMatching: true,
          options: ["frontend", "backend"],
        },
      ],
    });
    const base = `/api/orgs/${orgId}/programmes/${programme.id}/imports`;
    const preview = await app.inject({
      method: "POST",
      url: `${base}/preview`,
      headers: owner.headers,
      payload: { file: { name: "bench.csv", text: csv } },
    });
    const { mapping, validRows } = preview.json();
    if (validRows !== ROWS)
      throw new Error(`preview: ${validRows} valid rows of ${ROWS}: ${preview.body.slice(0, 500)}`);

    const importOnce = async () => {
      const started = performance.now();
      const response = await app.inject({
        method: "POST",
        url: base,
        headers: owner.headers,
        payload: { file: { name: "bench.csv", text: csv }, mapping },
      });
      if (response.statusCode !== 202)
        throw new Error(`import: ${response.statusCode} ${response.body.slice(0, 500)}`);
      const id = response.json().id;
      let status: { status: string; errorCount: number; createdCount: number; updatedCount: number };
      for (;;) {
        status = (await app.inject({ method: "GET", url: `${base}/${id}`, headers: owner.headers })).json();
        if (status.status !== "running") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const rowsDone = seconds(started);
      if (status.status !== "completed") throw new Error(`import ${status.status}`);
      await importsSettled(deps);
      return { rowsDone, all: seconds(started), status };
    };

    const first = await importOnce();
    if (first.status.createdCount !== ROWS)
      throw new Error(`created ${first.status.createdCount} of ${ROWS}`);
    const second = await importOnce();
    if (second.status.updatedCount !== ROWS)
      throw new Error(`updated ${second.status.updatedCount} of ${ROWS}`);

    // Reference: the same rows, straight in (no checks, no merge, no notifications or emails).
    const rows = csv
      .split("\n")
      .slice(1)
      .map((line, index) => ({ email: `ref${index}@bench.example`, name: `Ref ${index}`, line }));
    const referenceStart = performance.now();
    await handle.db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += 1000) {
        const chunk = rows.slice(start, start + 1000);
        const userValues = sql.join(
          chunk.map((row) => sql`(${row.email}, ${row.name}, '!unset')`),
          sql`, `,
        );
        const inserted = (await tx.execute(
          sql`insert into users (email, name, password_hash) values ${userValues} returning id`,
        )) as unknown as { rows: { id: string }[] };
        const ids = inserted.rows.map((row) => row.id);
        await tx.execute(
          sql`insert into memberships (org_id, user_id, role) values ${sql.join(
            ids.map((id) => sql`(${orgId}, ${id}, 'member')`),
            sql`, `,
          )}`,
        );
        await tx.execute(
          sql`insert into profiles (org_id, user_id, department, time_zone) values ${sql.join(
            ids.map((id, k) => sql`(${orgId}, ${id}, ${DEPARTMENTS[k % 8]}, ${ZONES[k % 8]})`),
            sql`, `,
          )}`,
        );
        await tx.execute(
          sql`insert into enrolments (org_id, programme_id, user_id, role, answers) values ${sql.join(
            ids.map((id) => sql`(${orgId}, ${programme.id}, ${id}, 'mentee', '{"track":"backend"}'::jsonb)`),
            sql`, `,
          )}`,
        );
      }
    });
    const reference = seconds(referenceStart);
    await app.close();
    await deps.mailer.close();
    return {
      database: kind === "pglite" ? "PGlite (embedded, in memory)" : "PostgreSQL server",
      importRows: first.rowsDone,
      importEmails: first.all,
      reimport: second.rowsDone,
      reference,
      errors: first.status.errorCount,
    };
  } catch (error) {
    console.error(`${kind} run failed:`, error);
    throw error;
  } finally {
    await drop();
  }
}

const cpus = os.cpus();
console.log(
  `Machine: ${cpus[0]?.model ?? "unknown CPU"} x ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")} at start`,
);
console.log(
  `Rows: ${ROWS.toLocaleString("en")} (generated; ${ROWS / 4} mentors, managers from the first 50 rows, one form answer each)\n`,
);
const csv = generateCsv(ROWS);
console.log(`File: ${(csv.length / 1024 / 1024).toFixed(1)} MB\n`);

const kinds: ("pglite" | "postgres")[] = (
  ["pglite", ...(serverUrl ? ["postgres" as const] : [])] as const
).filter((kind) => !args.only || args.only === kind);
if (!serverUrl) console.log("(PostgreSQL skipped: set TEST_DATABASE_URL or DATABASE_URL to include it)\n");
const rate = (rows: number, time: number) => `${Math.round(rows / time).toLocaleString("en")} rows/s`;
for (const kind of kinds) {
  const figures = await run(kind, csv);
  console.log(figures.database);
  console.log(
    `  import, rows written (202 -> completed):  ${figures.importRows.toFixed(2)} s  ${rate(ROWS, figures.importRows)}  (${figures.errors} row errors)`,
  );
  console.log(
    `  import, and ${ROWS.toLocaleString("en")} emails recorded:       ${figures.importEmails.toFixed(2)} s  ${rate(ROWS, figures.importEmails)}`,
  );
  console.log(
    `  re-import, every row an update:           ${figures.reimport.toFixed(2)} s  ${rate(ROWS, figures.reimport)}`,
  );
  console.log(
    `  reference, bare multi-row INSERTs:        ${figures.reference.toFixed(2)} s  ${rate(ROWS, figures.reference)}`,
  );
  console.log(
    `  target: <= 30 s -> ${figures.importRows <= 30 ? "met" : "MISSED"}; load average now ${os.loadavg()[0].toFixed(1)}\n`,
  );
}
