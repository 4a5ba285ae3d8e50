/**
 * The outbox and its dispatcher, measured on this machine.
 *
 *   npx tsx bench/events/run.ts                       (PGlite, in memory)
 *   TRELLIS_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/events/run.ts                     (PostgreSQL)
 *
 * Prints (1) events per second dispatched by one and by two dispatchers (each event goes to two
 * consumers: an in-app notification row and a queued email), and (2) the latency of accepting a
 * request over HTTP (app.inject), in the same run, two ways:
 *   - "inline": the answer waits until the notification is written and the email queued, which is
 *     what the code did before events (notice rows in the transaction, emails sent before answering);
 *   - "outbox": the answer comes once the event is committed; delivery runs after it (this change).
 * Each accept runs on its own freshly sent request, with a mentor of free capacity.
 */
import { performance } from "node:perf_hooks";
import type { DomainEvent } from "../../src/contracts/events.ts";
import type { OrgId } from "../../src/core/accounts/types.ts";
import { createEventDispatcher } from "../../src/server/events/dispatcher.ts";
import { recordEvents } from "../../src/server/events/record-events.ts";
import {
  call,
  requestUrl,
  selfMatchWorld,
  sendRequest,
} from "../../src/server/requests/requests.test-support.ts";
import { createTestApp, setUpOwner, type TestApp } from "../../src/server/testing/test-app.ts";

const EVENTS = Number(process.env.EVENTS ?? 3_000);
const ACCEPTS = Number(process.env.ACCEPTS ?? 40);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function dispatchRate(
  t: TestApp,
  orgId: OrgId,
  menteeId: string,
  mentorId: string,
  dispatchers: number,
) {
  const event: DomainEvent = {
    kind: "request.sent",
    orgId,
    payload: {
      request: {
        id: "00000000-0000-4000-8000-0000000000e1",
        menteeId,
        mentorId,
        menteeName: "Mia Mentee",
        mentorName: "Max Mentor",
        programmeName: "Bench cohort",
      },
    },
  };
  await recordEvents(
    t.deps.repos,
    Array.from({ length: EVENTS }, () => event),
  );
  const started = performance.now();
  const workers = Array.from({ length: dispatchers }, () => {
    const dispatcher = createEventDispatcher();
    dispatcher.bind(t.deps);
    return dispatcher.drain();
  });
  const handled = (await Promise.all(workers)).reduce((sum, n) => sum + n, 0);
  const seconds = (performance.now() - started) / 1000;
  return { handled, eventsPerSecond: Math.round(EVENTS / seconds), seconds: Number(seconds.toFixed(2)) };
}

async function acceptLatency(mode: "inline" | "outbox") {
  const t = await createTestApp({}, { backgroundEvents: mode === "outbox" });
  try {
    const orgId = (await setUpOwner(t.app)).me.currentOrgId as OrgId;
    const people = [
      { email: "mentor@bench.test", role: "mentor" as const, mentorCapacity: ACCEPTS + 5 },
      ...Array.from({ length: ACCEPTS }, (_, k) => ({ email: `e${k}@bench.test`, role: "mentee" as const })),
    ];
    const world = await selfMatchWorld(t, orgId, people, { pendingRequestCap: 5 });
    const ids: string[] = [];
    for (let k = 0; k < ACCEPTS; k++) ids.push(await sendRequest(t, world, `e${k}`, "mentor"));
    await t.deps.events.idle();
    const times: number[] = [];
    for (const id of ids) {
      const began = performance.now();
      const response = await call(t, world.callers.mentor, "POST", requestUrl(world, id, "accept"));
      times.push(performance.now() - began);
      if (response.statusCode !== 200) throw new Error(`accept: ${response.statusCode} ${response.body}`);
    }
    await t.deps.events.idle();
    times.sort((a, b) => a - b);
    return {
      mode,
      p50ms: Number(quantile(times, 0.5).toFixed(1)),
      p90ms: Number(quantile(times, 0.9).toFixed(1)),
      meanMs: Number((times.reduce((a, b) => a + b, 0) / times.length).toFixed(1)),
    };
  } finally {
    await t.close();
  }
}

async function main() {
  const database = process.env.TRELLIS_TEST_DB === "postgres" ? "postgres" : "pglite";
  console.log(`events bench on ${database}: ${EVENTS} events, ${ACCEPTS} accepts per mode`);
  const t = await createTestApp({}, { backgroundEvents: true });
  try {
    const owner = await setUpOwner(t.app);
    const orgId = owner.me.currentOrgId as OrgId;
    const world = await selfMatchWorld(t, orgId, [
      { email: "mia@bench.test", role: "mentee" },
      { email: "max@bench.test", role: "mentor", mentorCapacity: 1 },
    ]);
    const mentee = world.ids["mia@bench.test"] ?? world.ids.mia;
    const mentor = world.ids["max@bench.test"] ?? world.ids.max;
    if (!mentee || !mentor) throw new Error("fixture people missing");
    for (const dispatchers of [1, 2]) {
      const result = await dispatchRate(t, orgId, mentee, mentor, dispatchers);
      console.log(`dispatch with ${dispatchers} dispatcher(s):`, JSON.stringify(result));
    }
  } finally {
    await t.close();
  }
  // Alternate the modes so drift on a shared machine hits both.
  const results = [];
  for (const mode of ["inline", "outbox", "inline", "outbox"] as const)
    results.push(await acceptLatency(mode));
  for (const result of results) console.log("accept latency:", JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
