/**
 * The slot-finding benchmark: `npx tsx bench/sessions/slots.ts [--runs 300] [--reference-runs 3]`.
 *
 * A pair over 8 weeks with 200 busy events each (seeded, 15–180 minutes, overlapping at times):
 * a mentor in Europe/Berlin (weekdays 09:00–17:00, a day off and a Saturday of extra hours) and a
 * mentee in America/New_York (weekdays 08:00–18:00), 60-minute sessions, 24 h notice and a
 * 15-minute buffer for the mentor. Every run has fresh busy time and a window starting on a
 * different day of 2030, so some windows cross the March and October/November DST changes.
 *
 * Printed: p50/p95/p99 of mutualSlots beside the baseline of only expanding both availabilities
 * (what any answer must at least do), nearestTimes for a pair whose hours never meet
 * (Berlin and Los Angeles), and the naive minute-by-minute reference of the tests on a few runs,
 * whose answers must equal ours (the script exits 1 if not).
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import {
  type Availability,
  availableRanges,
  clearZoneCache,
  mutualSlots,
  nearestTimes,
  type Participant,
  type SlotQuery,
} from "../../src/core/sessions/index.ts";
import { freeMinutes, referenceSlots } from "../../src/core/sessions/time-reference.test-support.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "300" },
    "reference-runs": { type: "string", default: "3" },
  },
});
const runs = Number(values.runs);
const referenceRuns = Number(values["reference-runs"]);

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKS = 8;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

function busyEvents(rand: () => number, windowStart: number, count: number) {
  return Array.from({ length: count }, () => {
    // Busy time in daytime-ish hours, any day, so it falls inside people's hours often.
    const start =
      windowStart +
      Math.floor(rand() * WEEKS * 7) * DAY +
      Math.floor(rand() * 16 * 4) * 15 * MINUTE +
      6 * 3_600_000;
    return { start, end: start + (1 + Math.floor(rand() * 12)) * 15 * MINUTE };
  });
}

function pairQuery(seed: number, menteeZone: string, menteeHours: Availability["weekly"]): SlotQuery {
  const rand = mulberry32(seed);
  const windowStart = Date.UTC(2030, 0, 1) + Math.floor(rand() * 300) * DAY;
  const window = { start: windowStart, end: windowStart + WEEKS * 7 * DAY };
  const day = (offset: number) => new Date(windowStart + offset * DAY).toISOString().slice(0, 10);
  const mentor: Participant = {
    userId: "mentor",
    availability: {
      timeZone: "Europe/Berlin",
      weekly: weekdays("09:00", "17:00"),
      overrides: [
        { date: day(10), slots: [] },
        { date: day(19), slots: [{ start: "10:00", end: "14:00" }] },
      ],
    },
    busy: busyEvents(rand, windowStart, 200),
    minimumNoticeMinutes: 24 * 60,
    bufferMinutes: 15,
  };
  const mentee: Participant = {
    userId: "mentee",
    availability: { timeZone: menteeZone, weekly: menteeHours, overrides: [] },
    busy: busyEvents(rand, windowStart, 200),
    minimumNoticeMinutes: 0,
    bufferMinutes: 0,
  };
  return { participants: [mentor, mentee], lengthMinutes: 60, window, now: windowStart - 3_600_000 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => `p${p} ${ms(percentile(sorted, p)).padStart(9)}`).join(" ");
};

/**
 * Runs `run` on `count` queries; prints wall-clock and CPU-time percentiles. CPU time (this
 * process's user + system time) leaves out the time spent waiting for a core, which on a shared
 * machine is most of a wall-clock tail.
 */
function measure(
  name: string,
  count: number,
  makeQuery: (i: number) => SlotQuery,
  run: (q: SlotQuery) => number,
) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let results = 0;
  for (let i = 0; i < count; i++) {
    const query = makeQuery(i);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    results += run(query);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `${name.padEnd(40)} wall ${stats(wall)} | cpu ${stats(cpu)} | first ${ms(wall[0])} (${count} runs, ${Math.round(results / count)} results/run)`,
  );
  const sorted = [...wall].sort((a, b) => a - b);
  const sortedCpu = [...cpu].sort((a, b) => a - b);
  return { wall: percentile(sorted, 95), cpu: percentile(sortedCpu, 95) };
}

console.log(`Machine: ${cpus()[0]?.model} x ${cpus().length} cores, node ${process.version}`);
console.log(
  `Pair over ${WEEKS} weeks, 200 busy events each, 60-minute slots on the quarter-hour; ${runs} runs, fresh data each\n`,
);

const overlapping = (i: number) => pairQuery(1000 + i, "America/New_York", weekdays("08:00", "18:00"));
const apart = (i: number) => pairQuery(5000 + i, "America/Los_Angeles", weekdays("09:00", "17:00"));

// Cold: the zone offsets are worked out afresh in every run (a server's first query for a zone
// and weeks); warm: the same 300 windows again, with the offsets of those weeks kept.
const cold = (run: (q: SlotQuery) => number) => (q: SlotQuery) => {
  clearZoneCache();
  return run(q);
};
const slotsOf = (q: SlotQuery) => mutualSlots(q).length;
const expandOnly = (q: SlotQuery) =>
  q.participants.reduce((n, p) => n + availableRanges(p.availability, q.window).length, 0);
const p95 = measure("mutualSlots, cold (Berlin + New York)", runs, overlapping, cold(slotsOf));
measure("baseline: availableRanges only, cold", runs, overlapping, cold(expandOnly));
const p95Warm = measure("mutualSlots, warm (Berlin + New York)", runs, overlapping, slotsOf);
measure("baseline: availableRanges only, warm", runs, overlapping, expandOnly);
measure("mutualSlots, cold (Berlin + LA, none)", runs, apart, cold(slotsOf));
measure(
  "nearestTimes(5), cold (Berlin + LA)",
  runs,
  apart,
  cold((q) => nearestTimes(q, 5).length),
);
measure("nearestTimes(5), warm (Berlin + LA)", runs, apart, (q) => nearestTimes(q, 5).length);

let mismatches = 0;
measure("naive minute-by-minute reference", referenceRuns, overlapping, (q) => {
  const expected = referenceSlots(
    q,
    q.participants.map((p) => freeMinutes(p, q)),
  );
  const found = mutualSlots(q);
  if (JSON.stringify(found) !== JSON.stringify(expected)) mismatches++;
  return expected.length;
});
console.log(
  `\nReference check: ${referenceRuns - mismatches}/${referenceRuns} runs gave the same slots as the reference.`,
);
const verdict = (label: string, p: { wall: number; cpu: number }) =>
  `${label}: wall p95 ${ms(p.wall)} (${p.wall <= 20 ? "met" : "NOT met"}), cpu p95 ${ms(p.cpu)} (${p.cpu <= 20 ? "met" : "NOT met"})`;
console.log(`Goal p95 <= 20 ms for mutualSlots. ${verdict("Cold", p95)}; ${verdict("warm", p95Warm)}.`);
console.log(
  `Load average while running: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(", ")} on ${cpus().length} cores.`,
);
if (mismatches > 0) process.exit(1);
