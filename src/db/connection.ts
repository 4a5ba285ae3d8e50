import { fileURLToPath } from "node:url";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { type ChangeFeed, embeddedChangeFeed, serverChangeFeed } from "./change-feed.ts";
import { acquireDataFolderLock } from "./embedded-lock.ts";
import * as schema from "./schema.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Committed changes to profiles, enrolments and relationships, from every instance. */
  readonly changes: ChangeFeed;
  /**
   * How the job queue (pg-boss) reaches this database: the same embedded instance (its single
   * connection is shared), or the server's address (pg-boss keeps its own small pool and listener).
   */
  readonly queueConnection: { kind: "pglite"; client: PGlite } | { kind: "postgres"; url: string };
  /** Applies pending migrations under an advisory lock, so concurrent instances migrate once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Arbitrary constant shared by every Trellis instance: the advisory lock key for migrations. */
const MIGRATION_LOCK_KEY = 7_424_211;

/**
 * An embedded database with the extensions the migrations create (btree_gin, for the mentor
 * search index; btree_gist, for the exclusion constraint that stops double-booked
 * sessions). Every PGlite Trellis opens is made here.
 */
export function createEmbedded(
  options: Omit<PGliteOptions, "extensions"> & { dataDir?: string } = {},
): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: { btree_gin, btree_gist } });
}

export type DatabaseOptions =
  | { kind: "pglite"; dataDir?: string; pglite?: PGlite }
  | { kind: "postgres"; url: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.kind === "pglite" ? openEmbedded(options) : openServer(options.url, options.poolSize ?? 10);
}

async function openEmbedded(options: { dataDir?: string; pglite?: PGlite }): Promise<DatabaseHandle> {
  const releaseLock = options.dataDir ? acquireDataFolderLock(options.dataDir) : () => {};
  let client: PGlite;
  try {
    client = options.pglite ?? (await createEmbedded({ dataDir: options.dataDir }));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  const changes = embeddedChangeFeed(client);
  return {
    db,
    kind: "pglite",
    changes,
    queueConnection: { kind: "pglite", client },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      try {
        await changes.close();
        if (!client.closed) await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

async function openServer(url: string, poolSize: number): Promise<DatabaseHandle> {
  // JIT off for Trellis's sessions: short queries over many rows (a programme's mentors, a match
  // run's people) pass its cost threshold, and compiling them (0.1-0.3 s) costs more than running.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c jit=off" });
  await pool.query("select 1");
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  const changes = serverChangeFeed(url);
  return {
    db,
    kind: "postgres",
    changes,
    queueConnection: { kind: "postgres", url },
    async migrate() {
      const connection = await pool.connect();
      try {
        await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migratePostgres(drizzlePostgres(connection), { migrationsFolder });
      } finally {
        await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        connection.release();
      }
    },
    async close() {
      await changes.close();
      await pool.end();
    },
  };
}

/** Round-trips a trivial query; used by the health check. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
