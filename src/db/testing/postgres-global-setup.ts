import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Names this run: test processes (forked after this runs, so they inherit the variable) put it
 * in the names of the databases they create, and teardown drops only those. Another run on the
 * same server (a developer's, CI's) keeps its databases.
 */
export function setup(): void {
  process.env.TRELLIS_TEST_RUN = randomBytes(4).toString("hex");
}

/** Drops the template and test databases this run created on the PostgreSQL server. */
export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  const run = process.env.TRELLIS_TEST_RUN;
  if (!url || !run) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like $1 or datname like $2",
      [`trellis\\_template\\_${run}\\_%`, `trellis\\_test\\_${run}\\_%`],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
