/**
 * The scoring kernel: one mentee against every mentor, criterion by criterion, each a tight loop
 * over typed arrays (no pair matrix, no objects per pair). out[j] holds the weighted raw sum
 * Σ weight·value (values 0..10,000) with bit 30 set when a hard rule or an exclusion forbids the pair.
 */
import type { Feature, PreparedProgramme, WeekFeature } from "./prepared.ts";
import { overlapMinutes, WEEK_WORDS } from "./week-slots.ts";
import { encodeOverlap } from "./build-features.ts";

/** Set in a raw row entry when the pair is not allowed. */
export const EXCLUDED = 1 << 30;

/** Scratch buffers of one kernel user: reuse them across mentees (mentorCount entries each). */
export interface RowScratch {
  readonly accumulator: Int32Array;
  readonly weekRow: Int32Array;
}

/**
 * Scratch buffers sized for `prepared`.
 *
 * Example: const scratch = createRowScratch(prepared); const row = new Int32Array(prepared.mentorIds.length);
 */
export function createRowScratch(prepared: PreparedProgramme): RowScratch {
  let patterns = 0;
  for (const c of prepared.criteria)
    if (c.feature.type === "week") patterns = Math.max(patterns, c.feature.mentorPatternCount);
  return { accumulator: new Int32Array(prepared.mentorIds.length), weekRow: new Int32Array(patterns) };
}

function weekRow(f: WeekFeature, i: number, scratch: RowScratch): { row: Int32Array; offset: number } {
  const p = f.menteePattern[i];
  if (f.table) return { row: f.table, offset: p * f.mentorPatternCount };
  for (let q = 0; q < f.mentorPatternCount; q++) {
    const minutes = overlapMinutes(f.menteeBits, f.mentorBits, p * WEEK_WORDS, q * WEEK_WORDS);
    scratch.weekRow[q] = encodeOverlap(minutes, f.fullMinutes, f.passMinutes);
  }
  return { row: scratch.weekRow, offset: 0 };
}

/**
 * Adds weight·value of one criterion for mentee i to out[0..M), and ORs `failBit` into every pair
 * that fails it. With weight 0 and failBit 1 << k it marks which mentors fail criterion k.
 *
 * Example: addCriterionColumn(prepared.criteria[0].feature, 3, 5, EXCLUDED, out, scratch)
 *   // out[j] += 5 * value(3, j), out[j] |= EXCLUDED where mentee 3 and mentor j fail it
 */
export function addCriterionColumn(
  f: Feature,
  i: number,
  weight: number,
  failBit: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  const m = out.length;
  switch (f.type) {
    case "categorical": {
      const a = f.mentee[i];
      const mentor = f.mentor;
      const full = weight * 10_000;
      for (let j = 0; j < m; j++) {
        const equal = a !== 0 && mentor[j] === a;
        out[j] = (equal === f.same ? out[j] + full : out[j] | failBit) | 0;
      }
      return;
    }
    case "gap": {
      const a = f.mentee[i];
      const { minGap, maxGap, tolerance, mentor } = f;
      for (let j = 0; j < m; j++) {
        const g = mentor[j] - a;
        const distance = g < minGap ? minGap - g : g > maxGap ? g - maxGap : Number.isNaN(g) ? tolerance : 0;
        const value = distance === 0 ? 10_000 : Math.max(0, Math.floor(10_000 * (1 - distance / tolerance)));
        out[j] = (out[j] + weight * value) | (distance > 0 ? failBit : 0);
      }
      return;
    }
    case "week": {
      const { row, offset } = weekRow(f, i, scratch);
      const pattern = f.mentorPattern;
      for (let j = 0; j < m; j++) {
        const t = row[offset + pattern[j]];
        out[j] = (out[j] + weight * (t & 0xffff)) | (t >>> 16 ? failBit : 0);
      }
      return;
    }
    case "mask": {
      const w = f.words;
      const full = weight * 10_000;
      for (let j = 0; j < m; j++) {
        let shared = 0;
        for (let k = 0; k < w; k++) shared |= f.mentee[i * w + k] & f.mentor[j * w + k];
        out[j] = shared !== 0 ? out[j] + full : out[j] | failBit;
      }
      return;
    }
    case "overlap": {
      const acc = scratch.accumulator;
      acc.fill(0);
      const from = f.menteeStart[i];
      const to = f.menteeStart[i + 1];
      for (let k = from; k < to; k++) {
        const item = f.menteeItem[k];
        const level = f.menteeLevel[k];
        for (let p = f.postingStart[item]; p < f.postingStart[item + 1]; p++) {
          acc[f.postingMentor[p]] += f.postingLevel[p] >= level ? 0x10002 : 1;
        }
      }
      const scale = to > from ? 10_000 / (2 * (to - from)) : 0;
      for (let j = 0; j < m; j++) {
        const a = acc[j];
        out[j] = (out[j] + weight * Math.floor((a & 0xffff) * scale)) | (a >>> 16 ? 0 : failBit);
      }
      return;
    }
    case "text": {
      const acc = scratch.accumulator;
      acc.fill(0);
      const v = f.mentee;
      for (let k = v.start[i]; k < v.start[i + 1]; k++) {
        const term = v.term[k];
        const q = v.weight[k];
        for (let p = f.postingStart[term]; p < f.postingStart[term + 1]; p++)
          acc[f.postingMentor[p]] += q * f.postingWeight[p];
      }
      const { divisor, passDot } = f;
      for (let j = 0; j < m; j++) {
        const dot = acc[j];
        out[j] =
          (out[j] + weight * Math.min(10_000, Math.floor(dot / divisor))) | (dot >= passDot ? 0 : failBit);
      }
      return;
    }
    case "sparse": {
      if (failBit === 0) {
        for (let k = f.start[i]; k < f.start[i + 1]; k++) out[f.mentor[k]] += weight * f.value[k];
        return;
      }
      const acc = scratch.accumulator;
      acc.fill(0);
      for (let k = f.start[i]; k < f.start[i + 1]; k++) acc[f.mentor[k]] = f.value[k];
      for (let j = 0; j < m; j++) out[j] = (out[j] + weight * acc[j]) | (acc[j] !== 0 ? 0 : failBit);
      return;
    }
  }
}

/**
 * Fills out[j] (length = mentor count) with the raw weighted sum of mentee i against every mentor
 * j, with EXCLUDED set on pairs that a hard rule or an exclusion forbids.
 *
 * Example: scoreMenteeRow(prepared, 0, row, scratch); rawToScore(row[2], prepared.weightSum)
 *   // the 0..10,000 score of mentee 0 with mentor 2 (unless row[2] & EXCLUDED)
 */
export function scoreMenteeRow(
  prepared: PreparedProgramme,
  i: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  out.fill(0);
  for (const criterion of prepared.criteria) {
    addCriterionColumn(criterion.feature, i, criterion.weight, criterion.hard ? EXCLUDED : 0, out, scratch);
  }
  for (let k = prepared.exclusionStart[i]; k < prepared.exclusionStart[i + 1]; k++) {
    out[prepared.exclusionMentor[k]] |= EXCLUDED;
  }
}

/**
 * The 0..10,000 score of a raw weighted sum: sum / weightSum rounded half up. With no scoring
 * criterion (only hard rules) every allowed pair scores 10,000.
 *
 * Example: rawToScore(3 * 10_000 + 2 * 5_000, 5) === 8000
 */
export function rawToScore(raw: number, weightSum: number): number {
  return weightSum === 0 ? 10_000 : Math.floor((2 * raw + weightSum) / (2 * weightSum));
}

/**
 * The smallest raw sum whose score is at least `minScore`.
 *
 * Example: minRawFor(8000, 5) === 39_998 (rawToScore(39_998, 5) === 8000)
 */
export function minRawFor(minScore: number, weightSum: number): number {
  if (weightSum === 0) return minScore <= 10_000 ? 0 : EXCLUDED;
  return Math.max(0, Math.ceil((2 * weightSum * minScore - weightSum) / 2));
}
