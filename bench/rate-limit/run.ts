/**
 * What the shared (database) rate limits add to sign-in, measured on this machine.
 *
 *   npx tsx bench/rate-limit/run.ts                   (PGlite, in memory)
 *   TRELLIS_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/rate-limit/run.ts                 (PostgreSQL)
 *
 * One app, one run: POST /api/auth/sign-in (app.inject, right password, a new session each time)
 * with the shared limits on and off, interleaved attempt by attempt so both see the same machine
 * state. Each attempt comes from its own address, so no budget runs out. Also prints the limiter's
 * check alone (one statement: four counters for sign-in).
 */
import { performance } from "node:perf_hooks";
import type { FastifyRequest } from "fastify";
import { setSharedRateLimitsEnabled, sharedRateLimits } from "../../src/server/http/shared-rate-limit.ts";
import { createTestApp, setUpOwner } from "../../src/server/testing/test-app.ts";

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 300);
const WARM_UP = 20;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Number(quantile(sorted, 0.5).toFixed(2)), p99: Number(quantile(sorted, 0.99).toFixed(2)) };
};

async function main(): Promise<void> {
  const t = await createTestApp({
    rateLimits: { signInPerMinute: 1_000_000, emailPerHour: 1_000_000 },
  });
  try {
    await setUpOwner(t.app);
    const on: number[] = [];
    const off: number[] = [];
    for (let n = 0; n < WARM_UP + 2 * ATTEMPTS; n++) {
      const limited = n % 2 === 0;
      setSharedRateLimitsEnabled(t.deps, limited);
      const started = performance.now();
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: "owner@acme.test", password: "owner-password-1" },
        remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      });
      const ms = performance.now() - started;
      if (response.statusCode !== 200)
        throw new Error(`sign-in ${n}: ${response.statusCode} ${response.body}`);
      if (n < WARM_UP) continue;
      (limited ? on : off).push(ms);
    }
    setSharedRateLimitsEnabled(t.deps, true);
    const limiter = sharedRateLimits(t.deps);
    const check: number[] = [];
    for (let n = 0; n < ATTEMPTS; n++) {
      const request = { ip: `10.200.${(n >> 8) & 255}.${n & 255}` } as FastifyRequest;
      const started = performance.now();
      await limiter.signIn(request, "owner@acme.test");
      check.push(performance.now() - started);
    }
    const without = summary(off);
    const withLimits = summary(on);
    console.log(
      JSON.stringify(
        {
          database: t.deps.databaseKind,
          attemptsEach: ATTEMPTS,
          signInMs: { withoutSharedLimits: without, withSharedLimits: withLimits },
          addedMs: {
            p50: Number((withLimits.p50 - without.p50).toFixed(2)),
            p99: Number((withLimits.p99 - without.p99).toFixed(2)),
          },
          limiterCheckAloneMs: summary(check),
        },
        null,
        2,
      ),
    );
  } finally {
    await t.close();
  }
}

await main();
