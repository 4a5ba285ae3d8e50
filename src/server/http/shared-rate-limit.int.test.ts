import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, repositories } from "../../db/index.ts";
import { rateLimitsRepository } from "../../db/repositories/rate-limits.repository.ts";
import { buildApp } from "../app.ts";
import { createTestApp, inviteAndAccept, setUpOwner, type TestApp } from "../testing/test-app.ts";

// Budgets with signInPerMinute = 3: one account at one address 3 a minute (6 a quarter hour),
// one address 30 a minute over all accounts, one account 15 a quarter hour over all addresses.
const LIMITS = { rateLimits: { signInPerMinute: 3, emailPerHour: 2 } };

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/**
 * A clock stopped just after the start of an hour: the limits count in fixed windows, and a test
 * that crossed a window's end would see its counts start over.
 */
const HOUR = 3_600_000;
const frozenAt = new Date(Math.floor(Date.now() / HOUR) * HOUR + 1000);

async function limitedApp(): Promise<TestApp> {
  const t = await createTestApp(LIMITS, { now: () => frozenAt });
  cleanUps.push(() => t.close());
  return t;
}

/**
 * A second instance of the app on the same database: its own connection (a pool on PostgreSQL;
 * PGlite has one in-process database, so the same handle) and its own limiter.
 */
async function secondInstance(t: TestApp): Promise<FastifyInstance> {
  let handle: DatabaseHandle | null = null;
  if (t.database.url) {
    handle = await openDatabase({ kind: "postgres", url: t.database.url, poolSize: 2 });
  }
  const db = handle?.db ?? t.deps.db;
  const app = await buildApp({ ...t.deps, db, repos: repositories(db) }, { logger: false, webRoot: null });
  cleanUps.push(async () => {
    await app.close();
    await handle?.close();
  });
  return app;
}

const attempt = (app: FastifyInstance, email: string, password: string, remoteAddress: string) =>
  app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password }, remoteAddress });

function expectLimited(response: Awaited<ReturnType<typeof attempt>>, longestWindowSeconds = 15 * 60): void {
  expect(response.statusCode).toBe(429);
  expect((response.json() as { error: { code: string } }).error.code).toBe("rate_limited");
  const retryAfter = Number(response.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(longestWindowSeconds);
}

describe("shared rate limits", () => {
  it("guesses spread over many addresses against one account are limited", async () => {
    const t = await limitedApp();
    await setUpOwner(t.app);
    for (let n = 1; n <= 15; n++) {
      expect((await attempt(t.app, "owner@acme.test", "wrong-password", `10.1.0.${n}`)).statusCode).toBe(401);
    }
    // The 16th, from a fresh address and with the right password, is over the account's budget.
    expectLimited(await attempt(t.app, "OWNER@acme.test", "owner-password-1", "10.1.0.16"));
  });

  it("one address hammering does not lock other addresses, or others behind it, out of their accounts", async () => {
    const t = await limitedApp();
    const owner = await setUpOwner(t.app);
    await inviteAndAccept(t, owner, owner.me.currentOrgId as string, {
      email: "neighbour@acme.test",
      role: "member",
      password: "neighbour-password-1",
    });
    const statuses: number[] = [];
    for (let n = 0; n < 20; n++) {
      statuses.push((await attempt(t.app, "owner@acme.test", "wrong-password", "10.2.0.1")).statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    expectLimited(await attempt(t.app, "owner@acme.test", "owner-password-1", "10.2.0.1"));
    // The owner, elsewhere, still signs in: the noisy address used up only its own share.
    expect((await attempt(t.app, "owner@acme.test", "owner-password-1", "10.2.0.2")).statusCode).toBe(200);
    // Someone else behind the noisy address signs in to their own account.
    expect((await attempt(t.app, "neighbour@acme.test", "neighbour-password-1", "10.2.0.1")).statusCode).toBe(
      200,
    );
  });

  it("two instances on one database share the budget", async () => {
    const t = await limitedApp();
    await setUpOwner(t.app);
    const other = await secondInstance(t);
    expect((await attempt(t.app, "owner@acme.test", "wrong-password", "10.3.0.1")).statusCode).toBe(401);
    expect((await attempt(other, "owner@acme.test", "wrong-password", "10.3.0.1")).statusCode).toBe(401);
    expect((await attempt(t.app, "owner@acme.test", "wrong-password", "10.3.0.1")).statusCode).toBe(401);
    expectLimited(await attempt(other, "owner@acme.test", "owner-password-1", "10.3.0.1"));
    expectLimited(await attempt(t.app, "owner@acme.test", "owner-password-1", "10.3.0.1"));
  });

  it("parallel attempts over two instances get exactly the budget", async () => {
    const t = await limitedApp();
    await setUpOwner(t.app);
    const other = await secondInstance(t);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        attempt(n % 2 === 0 ? t.app : other, "nobody@acme.test", "wrong-password", "10.4.0.1"),
      ),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes.filter((code) => code === 401)).toHaveLength(3);
    expect(codes.filter((code) => code === 429)).toHaveLength(9);
  });

  it("password-reset requests are limited per email over addresses, per address otherwise", async () => {
    const t = await limitedApp();
    await setUpOwner(t.app);
    const reset = (email: string, remoteAddress: string) =>
      t.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email }, remoteAddress });
    // Per email over all addresses: 3 × 2 an hour.
    for (let n = 1; n <= 6; n++) expect((await reset("owner@acme.test", `10.5.0.${n}`)).statusCode).toBe(202);
    expectLimited(await reset("owner@acme.test", "10.5.0.7"), 60 * 60);
    // Another email from one of those addresses is not affected.
    expect((await reset("someone@acme.test", "10.5.0.1")).statusCode).toBe(202);
  });

  it("set-up and invitation acceptance are limited per address", async () => {
    const t = await limitedApp();
    const setUp = (remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/setup",
        payload: {
          organisationName: "Acme Mentoring",
          name: "Olivia Owner",
          email: "owner@acme.test",
          password: "owner-password-1",
        },
        remoteAddress,
      });
    for (let n = 0; n < 3; n++) expect((await setUp("10.6.0.1")).statusCode).not.toBe(429);
    expectLimited(await setUp("10.6.0.1"));
    const accept = (remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/invitations/not-a-real-invitation-token-at-all/accept",
        payload: { name: "X", password: "member-password-1" },
        remoteAddress,
      });
    for (let n = 0; n < 3; n++) expect((await accept("10.6.0.2")).statusCode).not.toBe(429);
    expectLimited(await accept("10.6.0.2"));
    expect((await accept("10.6.0.3")).statusCode).not.toBe(429);
  });

  it("a new window starts over, and expired counters are deleted in the same statement", async () => {
    const t = await limitedApp();
    const repo = rateLimitsRepository(t.deps.db);
    const hit = (key: string, start: number) => ({
      key,
      windowStart: new Date(start),
      windowEnd: new Date(start + 60_000),
      max: 2,
    });
    const base = Date.UTC(2030, 0, 1);
    expect((await repo.hit([hit("a", base)])).get("a")).toBe(1);
    expect((await repo.hit([hit("a", base)])).get("a")).toBe(2);
    expect((await repo.hit([hit("b", base)])).get("b")).toBe(1);
    expect((await repo.hit([hit("a", base + 60_000)])).get("a")).toBe(1);
    await repo.hit([hit("c", base + 120_000)], [], new Date(base + 120_000));
    const rows = (await t.deps.db.execute(
      sql`select key from rate_limit_counters order by key`,
    )) as unknown as {
      rows: { key: string }[];
    };
    expect(rows.rows.map((row) => row.key)).toEqual(["a", "c"]);
  });
});
