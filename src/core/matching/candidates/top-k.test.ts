import { describe, expect, it } from "vitest";
import { prepareProgramme } from "../scoring/prepare-programme.ts";
import { createRowScratch, EXCLUDED, FAILED, rawToScore, scoreMenteeRow } from "../scoring/row-kernel.ts";
import { BENCH_CONFIG, generateProgramme } from "../testing/generate-programme.ts";
import { createRowSelection, selectRowTopK, topKForMentees } from "./top-k.ts";

interface Selected {
  mentor: number[];
  raw: number[];
  bestLeftOut: number;
  allowed: number;
}

function isBetter(rawA: number, mentorA: number, rawB: number, mentorB: number): boolean {
  return rawA > rawB || (rawA === rawB && mentorA < mentorB);
}

/** The min-heap selection top-k.ts used before the histogram cut-off, kept verbatim as the reference. */
function heapReference(row: Int32Array, minRaw: number, k: number): Selected {
  const heapRaw = new Int32Array(k);
  const heapMentor = new Int32Array(k);
  const m = row.length;
  let size = 0;
  let bestLeftOut = -1;
  let allowed = 0;
  let threshold = -1;
  for (let j = 0; j < m; j++) {
    const raw = row[j];
    if (raw <= threshold) {
      if (raw >= minRaw) {
        allowed++;
        if (raw > bestLeftOut) bestLeftOut = raw;
      }
      continue;
    }
    if (raw >= EXCLUDED || raw < minRaw) continue;
    allowed++;
    if (size < k) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!isBetter(heapRaw[parent], heapMentor[parent], raw, j)) break;
        heapRaw[at] = heapRaw[parent];
        heapMentor[at] = heapMentor[parent];
        at = parent;
      }
      heapRaw[at] = raw;
      heapMentor[at] = j;
      if (size === k) threshold = heapRaw[0];
      continue;
    }
    if (heapRaw[0] > bestLeftOut) bestLeftOut = heapRaw[0];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= k) break;
      if (
        child + 1 < k &&
        isBetter(heapRaw[child], heapMentor[child], heapRaw[child + 1], heapMentor[child + 1])
      )
        child++;
      if (!isBetter(raw, j, heapRaw[child], heapMentor[child])) break;
      heapRaw[at] = heapRaw[child];
      heapMentor[at] = heapMentor[child];
      at = child;
    }
    heapRaw[at] = raw;
    heapMentor[at] = j;
    threshold = heapRaw[0];
  }
  const mentor = new Array<number>(size);
  const raws = new Array<number>(size);
  for (let last = size - 1; last >= 0; last--) {
    mentor[last] = heapMentor[0];
    raws[last] = heapRaw[0];
    const raw = heapRaw[last];
    const men = heapMentor[last];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (
        child + 1 < last &&
        isBetter(heapRaw[child], heapMentor[child], heapRaw[child + 1], heapMentor[child + 1])
      )
        child++;
      if (!isBetter(raw, men, heapRaw[child], heapMentor[child])) break;
      heapRaw[at] = heapRaw[child];
      heapMentor[at] = heapMentor[child];
      at = child;
    }
    heapRaw[at] = raw;
    heapMentor[at] = men;
  }
  return { mentor, raw: raws, bestLeftOut, allowed };
}

/** The definition: sort the allowed entries by raw descending, then mentor ascending. */
function sortReference(row: Int32Array, minRaw: number, k: number): Selected {
  const entries: [number, number][] = [];
  row.forEach((raw, j) => {
    if (raw >= minRaw && raw < EXCLUDED) entries.push([raw, j]);
  });
  entries.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const kept = entries.slice(0, Math.max(0, k));
  return {
    mentor: kept.map((e) => e[1]),
    raw: kept.map((e) => e[0]),
    bestLeftOut: k > 0 && entries.length > k ? entries[k][0] : -1,
    allowed: entries.length,
  };
}

function select(row: Int32Array, minRaw: number, k: number, rawBound: number): Selected {
  const out = createRowSelection(k);
  // twice with the same scratch: the histogram must come back cleared
  selectRowTopK(row, minRaw, k, rawBound, out);
  selectRowTopK(row, minRaw, k, rawBound, out);
  return {
    mentor: Array.from(out.mentor.subarray(0, out.count)),
    raw: Array.from(out.raw.subarray(0, out.count)),
    bestLeftOut: out.bestLeftOut,
    allowed: out.allowed,
  };
}

/** Deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectSame(row: Int32Array, minRaw: number, k: number, rawBound: number): void {
  const expected = heapReference(row, minRaw, k);
  expect(select(row, minRaw, k, rawBound)).toEqual(expected);
  if (k > 0) expect(sortReference(row, minRaw, k)).toEqual(expected);
}

describe("selectRowTopK", () => {
  const bound = 19 * 10_000;
  const shapes: Record<string, (m: number, next: () => number) => Int32Array> = {
    "all ties": (m) => new Int32Array(m).fill(77_777),
    "all zero": (m) => new Int32Array(m),
    descending: (m) => Int32Array.from({ length: m }, (_, j) => bound - j * 7),
    ascending: (m) => Int32Array.from({ length: m }, (_, j) => j * 7),
    "all excluded": (m) => new Int32Array(m).fill(1 << 30),
    uniform: (m, next) => Int32Array.from({ length: m }, () => Math.floor(next() * bound)),
    "few distinct values (long ties at the cut-off)": (m, next) =>
      Int32Array.from({ length: m }, () => Math.floor(next() * 6) * 20_000),
    "ties inside one bucket": (m, next) =>
      Int32Array.from({ length: m }, () => 150_000 + Math.floor(next() * 40)),
    "mixed with exclusions and failed hard rules": (m, next) =>
      Int32Array.from({ length: m }, () => {
        const u = next();
        if (u < 0.2) return 1 << 30;
        if (u < 0.4) return FAILED + Math.floor(next() * bound);
        return Math.floor(next() * next() * bound);
      }),
    "misleading sample (every 16th entry high for a while)": (m, next) =>
      Int32Array.from({ length: m }, (_, j) =>
        j % 16 === 0 && j < 640 ? 180_000 : 1000 + Math.floor(next() * 7),
      ),
    "above the raw bound (clamped top bucket)": (m, next) =>
      Int32Array.from({ length: m }, () => Math.floor(next() * (EXCLUDED - 1))),
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`matches the min-heap selection and the sorted definition: ${name}`, () => {
      const next = random(name.length * 7919);
      for (const m of [0, 1, 5, 48, 144, 145, 1000, 10_000]) {
        const row = make(m, next);
        for (const k of [1, 3, 48, 144, 145, 2000, 20_000]) {
          for (const minRaw of [0, 1, 77_777, 100_000]) expectSame(row, minRaw, k, bound);
        }
        expectSame(row, 0, 0, bound);
        expectSame(row, 0, 48, 0);
        expectSame(row, 0, 48, 2 ** 31 - 1);
        expectSame(row, EXCLUDED, 48, bound);
      }
    });
  }

  it("matches on many random rows of every size", () => {
    const next = random(42);
    for (let t = 0; t < 300; t++) {
      const m = Math.floor(next() * 3000);
      const range = 1 + Math.floor(next() * bound);
      const row = Int32Array.from({ length: m }, () => (next() < 0.1 ? 1 << 30 : Math.floor(next() * range)));
      const k = 1 + Math.floor(next() * 300);
      expectSame(row, Math.floor(next() * next() * range), k, range);
    }
  });
});

describe("topKForMentees", () => {
  it("keeps the same candidates, order and next-best score as the min-heap selection", () => {
    const programme = generateProgramme({ mentees: 120, mentors: 900, seed: 5 });
    const prepared = prepareProgramme(programme, BENCH_CONFIG, { referenceWeek: "2026-03-30" });
    const k = 144;
    for (const minScore of [0, 3000]) {
      const block = topKForMentees(prepared, 10, 120, k, minScore);
      const row = new Int32Array(prepared.mentorIds.length);
      const scratch = createRowScratch(prepared);
      const minRaw = Math.max(0, Math.ceil((2 * prepared.weightSum * minScore - prepared.weightSum) / 2));
      let allowedPairs = 0;
      for (let i = 10; i < 120; i++) {
        scoreMenteeRow(prepared, i, row, scratch);
        const expected = heapReference(row, minRaw, k);
        const r = i - 10;
        allowedPairs += expected.allowed;
        expect(block.count[r]).toBe(expected.mentor.length);
        expect(Array.from(block.mentor.subarray(r * k, r * k + block.count[r]))).toEqual(expected.mentor);
        expect(Array.from(block.score.subarray(r * k, r * k + block.count[r]))).toEqual(
          expected.raw.map((raw) => rawToScore(raw, prepared.weightSum)),
        );
        expect(block.nextBest[r]).toBe(
          expected.bestLeftOut < 0 ? -1 : rawToScore(expected.bestLeftOut, prepared.weightSum),
        );
      }
      expect(block.allowedPairs).toBe(allowedPairs);
    }
  });
});
