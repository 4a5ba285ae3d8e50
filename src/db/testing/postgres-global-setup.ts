import pg from "pg";

/** Drops the template and test databases this run created on the PostgreSQL server. */
export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'trellis\\_template\\_%' or datname like 'trellis\\_test\\_%'",
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
