import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../core/accounts/types.ts";
import {
  CHANGE_FEED_APPLICATION,
  type Change,
  type ChangeListener,
  parseChange,
  serverChangeFeed,
} from "./change-feed.ts";
import { repositories } from "./repositories/index.ts";
import { profiles } from "./schema.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

/** A listener that records what it hears. */
function recorder(): ChangeListener & { changes: Change[]; resets: number } {
  const heard = {
    changes: [] as Change[],
    resets: 0,
    change(change: Change) {
      heard.changes.push(change);
    },
    reset() {
      heard.resets++;
    },
  };
  return heard;
}

describe("parseChange", () => {
  it("reads a person's profile, or their enrolment or pairs in a programme", () => {
    expect(parseChange("o1//u1")).toEqual({ orgId: "o1", programmeId: null, userId: "u1" });
    expect(parseChange("o1/p1/u1")).toEqual({ orgId: "o1", programmeId: "p1", userId: "u1" });
  });

  it("reads anyone of an organisation or a programme", () => {
    expect(parseChange("o1")).toEqual({ orgId: "o1", programmeId: null, userId: null });
    expect(parseChange("o1/p1")).toEqual({ orgId: "o1", programmeId: "p1", userId: null });
  });

  it("refuses anything else (a listener then forgets everything)", () => {
    for (const payload of ["", "/p1", "o1/", "o1/p1/", "o1//", "o1/p1/u1/x"])
      expect(parseChange(payload)).toBeNull();
  });
});

describe("the change feed", () => {
  let database: TestDatabase;
  let orgId: OrgId;
  let userId: string;
  let programmeId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const repos = repositories(database.db);
    orgId = (await repos.organisations.create("Feed")) as OrgId;
    const user = await repos.users.create({ email: "feed@feed.test", name: "Feed", passwordHash: "x" });
    userId = user?.id as string;
    const programme = await repos.programmes.insert({
      orgId,
      name: "Feed programme",
      type: "one_to_one",
      status: "running",
      startsOn: "2026-01-05",
      endsOn: "2026-12-21",
      matchingMode: "both",
      pendingRequestCap: 5,
    });
    programmeId = programme.id;
  });
  afterAll(() => database?.close());

  it("hears every committed write to profiles, enrolments and relationships by the time sync answers", async () => {
    const heard = recorder();
    const stop = database.changes.subscribe(heard);
    try {
      expect(await database.changes.sync()).toBe(true);
      await database.db.insert(profiles).values({ orgId, userId, headline: "Hello" });
      await database.db.execute(
        sql`insert into enrolments (org_id, programme_id, user_id, role) values (${orgId}, ${programmeId}, ${userId}, 'mentor')`,
      );
      expect(await database.changes.sync()).toBe(true);
      expect(heard.changes).toEqual([
        { orgId, programmeId: null, userId },
        { orgId, programmeId, userId },
      ]);
    } finally {
      stop();
    }
  });

  it("hears nothing of a write rolled back, and a transaction's repeats once", async () => {
    const heard = recorder();
    const stop = database.changes.subscribe(heard);
    try {
      await database.db
        .transaction(async (tx) => {
          await tx.execute(sql`update profiles set headline = 'Gone' where user_id = ${userId}`);
          throw new Error("roll back");
        })
        .catch(() => {});
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`update profiles set headline = 'One' where user_id = ${userId}`);
        await tx.execute(sql`update profiles set headline = 'Two' where user_id = ${userId}`);
      });
      expect(await database.changes.sync()).toBe(true);
      expect(heard.changes).toEqual([{ orgId, programmeId: null, userId }]);
    } finally {
      stop();
    }
  });

  it("a statement changing over 1,000 people announces their programme instead", async () => {
    await database.db.execute(
      sql`insert into users (email, name, password_hash)
          select 'bulk' || k || '@feed.test', 'Bulk ' || k, 'x' from generate_series(1, 1001) k`,
    );
    const heard = recorder();
    const stop = database.changes.subscribe(heard);
    try {
      await database.db.execute(
        sql`insert into enrolments (org_id, programme_id, user_id, role)
            select ${orgId}, ${programmeId}, id, 'mentee' from users where email like 'bulk%@feed.test'`,
      );
      expect(await database.changes.sync()).toBe(true);
      expect(heard.changes).toEqual([{ orgId, programmeId, userId: null }]);
    } finally {
      stop();
    }
  });

  it("keeps each mentor's search words per programme as the profile and enrolment change", async () => {
    const words = async () => {
      const result = await database.db.execute(
        sql`select programme_id as p, search::text as s from mentor_search_docs where user_id = ${userId}`,
      );
      return (result as unknown as { rows: { p: string; s: string }[] }).rows;
    };
    await database.db.execute(sql`update profiles set headline = 'Kubernetes' where user_id = ${userId}`);
    expect(await words()).toEqual([{ p: programmeId, s: expect.stringContaining("'kubernetes'") }]);
    await database.db.execute(sql`update enrolments set role = 'mentee' where user_id = ${userId}`);
    expect(await words()).toEqual([]);
    await database.db.execute(sql`update enrolments set role = 'both' where user_id = ${userId}`);
    expect(await words()).toEqual([{ p: programmeId, s: expect.stringContaining("'kubernetes'") }]);
    await database.db.execute(sql`delete from enrolments where user_id = ${userId}`);
    expect(await words()).toEqual([]);
  });

  it.runIf(process.env.TRELLIS_TEST_DB === "postgres")(
    "on a server: when its connection is killed, listeners are reset and it reconnects",
    async () => {
      const url = database.url as string;
      const feed = serverChangeFeed(url, { retryMs: 20 });
      const heard = recorder();
      feed.subscribe(heard);
      try {
        expect(await feed.sync()).toBe(true);
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          const killed = await admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity
             where datname = current_database() and application_name = $1`,
            [CHANGE_FEED_APPLICATION],
          );
          expect(killed.rowCount).toBeGreaterThan(0);
        } finally {
          await admin.end();
        }
        await expect.poll(() => heard.resets, { timeout: 5000 }).toBeGreaterThan(0);
        await expect.poll(() => feed.sync(), { timeout: 5000 }).toBe(true);
        await database.db.execute(sql`update profiles set headline = 'Back' where user_id = ${userId}`);
        expect(await feed.sync()).toBe(true);
        expect(heard.changes).toContainEqual({ orgId, programmeId: null, userId });
      } finally {
        await feed.close();
      }
      expect(await feed.sync()).toBe(false);
    },
  );
});
