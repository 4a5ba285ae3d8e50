import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbedded, migrationsFolder } from "./connection.ts";
import { repositories } from "./repositories/index.ts";
import type { Database } from "./connection.ts";
import type { OrgId } from "../core/accounts/types.ts";
import type { RelationshipId } from "../core/programmes/types.ts";

/** The migrations folder as it was before `upTo` (its journal cut after that migration). */
function folderUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "trellis-migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  journal.entries = journal.entries.slice(0, at + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe("migration 0009: a relationship's history moves into the domain event stream", () => {
  let client: PGlite;
  const folders: string[] = [];
  afterAll(async () => {
    await client?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("copies every relationship_events row (same id, time, actor, detail) and keeps the history readable", async () => {
    client = await createEmbedded();
    const before = folderUpTo("0008_sign_in_sessions");
    folders.push(before);
    await migrate(drizzle(client), { migrationsFolder: before });

    const one = async <T>(query: string) => (await client.query<T>(query)).rows[0] as T;
    const org = await one<{ id: string }>(`insert into organisations (name) values ('Acme') returning id`);
    const [mentee, mentor] = [
      await one<{ id: string }>(
        `insert into users (email, name, password_hash) values ('mia@acme.test', 'Mia', 'x') returning id`,
      ),
      await one<{ id: string }>(
        `insert into users (email, name, password_hash) values ('max@acme.test', 'Max', 'x') returning id`,
      ),
    ];
    const programme = await one<{ id: string }>(
      `insert into programmes (org_id, name, type) values ('${org.id}', 'Cohort', 'one_to_one') returning id`,
    );
    const pair = await one<{ id: string }>(
      `insert into relationships (org_id, programme_id, mentee_id, mentor_id, origin)
       values ('${org.id}', '${programme.id}', '${mentee.id}', '${mentor.id}', 'bulk') returning id`,
    );
    await client.query(
      `insert into relationship_events (id, org_id, relationship_id, kind, from_status, to_status, actor_id, detail, created_at) values
       ('00000000-0000-4000-8000-000000000001', '${org.id}', '${pair.id}', 'created', null, 'proposed', '${mentor.id}', 'bulk', '2026-11-17T09:00:00Z'),
       ('00000000-0000-4000-8000-000000000002', '${org.id}', '${pair.id}', 'activated', 'proposed', 'active', '${mentee.id}', 'Both confirmed the agreement', '2026-11-18T10:00:00Z'),
       ('00000000-0000-4000-8000-000000000003', '${org.id}', '${pair.id}', 'paused', 'active', 'paused', '${mentee.id}', 'Exams', '2026-11-20T11:00:00Z')`,
    );

    await migrate(drizzle(client), { migrationsFolder });

    expect(
      (await client.query(`select to_regclass('relationship_events') as t`)).rows[0] as { t: string | null },
    ).toEqual({ t: null });
    // Nobody is told again: the copied events have no deliveries.
    expect(
      ((await client.query(`select count(*)::int as n from event_deliveries`)).rows[0] as { n: number }).n,
    ).toBe(0);
    const repos = repositories(drizzle(client) as unknown as Database);
    const history = await repos.relationshipHistory.listEvents(org.id as OrgId, pair.id as RelationshipId);
    expect(
      history.map(({ id, kind, fromStatus, toStatus, actorName, detail, createdAt }) => ({
        id,
        kind,
        fromStatus,
        toStatus,
        actorName,
        detail,
        at: createdAt.toISOString(),
      })),
    ).toEqual([
      {
        id: "00000000-0000-4000-8000-000000000001",
        kind: "created",
        fromStatus: null,
        toStatus: "proposed",
        actorName: "Max",
        detail: "bulk",
        at: "2026-11-17T09:00:00.000Z",
      },
      {
        id: "00000000-0000-4000-8000-000000000002",
        kind: "activated",
        fromStatus: "proposed",
        toStatus: "active",
        actorName: "Mia",
        detail: "Both confirmed the agreement",
        at: "2026-11-18T10:00:00.000Z",
      },
      {
        id: "00000000-0000-4000-8000-000000000003",
        kind: "paused",
        fromStatus: "active",
        toStatus: "paused",
        actorName: "Mia",
        detail: "Exams",
        at: "2026-11-20T11:00:00.000Z",
      },
    ]);
    const stored = (
      await client.query(
        `select subject_type, subject_id from domain_events where kind = 'relationship.changed' limit 1`,
      )
    ).rows[0];
    expect(stored).toEqual({ subject_type: "relationship", subject_id: pair.id });
  }, 180_000);
});
