/**
 * Coded criteria: each side's values are deduplicated into codes, and the value of a pair depends
 * only on (mentee code, mentor code). Built here; compared by `codedValue`.
 */
import type { CodedFeature, CodedSpec } from "./prepared.ts";
import { overlapMinutes, WEEK_WORDS } from "./week-bits.ts";

/** Largest mentee-code x mentor-code table cached (16 MB). */
const MAX_TABLE_CELLS = 4_000_000;

/**
 * Encodes an overlap in minutes as value | failed << 16.
 *
 * Example: encodeOverlap(60, 120, 90) === (5000 | (1 << 16)) (half the full value, below the pass mark)
 */
export function encodeOverlap(minutes: number, fullMinutes: number, passMinutes: number): number {
  const value = Math.min(10_000, Math.floor((10_000 * minutes) / fullMinutes));
  return value | (minutes < passMinutes ? 1 << 16 : 0);
}

/**
 * The value (0..10,000) of mentee code a against mentor code b, with bit 16 set when it fails.
 *
 * Example: codedValue({ kind: "categorical", same: true }, 3, 3) === 10000; (…, 3, 4) === 1 << 16
 */
export function codedValue(spec: CodedSpec, a: number, b: number): number {
  switch (spec.kind) {
    case "categorical": {
      const equal = a !== 0 && a === b;
      return equal === spec.same ? 10_000 : 1 << 16;
    }
    case "gap": {
      const g = spec.mentorYears[b] - spec.menteeYears[a];
      const { minGap, maxGap, tolerance } = spec;
      const distance = g < minGap ? minGap - g : g > maxGap ? g - maxGap : Number.isNaN(g) ? tolerance : 0;
      if (distance === 0) return 10_000;
      return Math.max(0, Math.floor(10_000 * (1 - distance / tolerance))) | (1 << 16);
    }
    case "mask": {
      let shared = 0;
      for (let k = 0; k < spec.words; k++)
        shared |= spec.menteeMasks[a * spec.words + k] & spec.mentorMasks[b * spec.words + k];
      return shared !== 0 ? 10_000 : 1 << 16;
    }
    case "week": {
      const minutes = overlapMinutes(spec.menteeBits, spec.mentorBits, a * WEEK_WORDS, b * WEEK_WORDS);
      return encodeOverlap(minutes, spec.fullMinutes, spec.passMinutes);
    }
  }
}

/**
 * Deduplicates keys into codes 0..count-1 in order of first appearance.
 *
 * Example: dedupe(["b", "a", "b"]) → { code: [0, 1, 0], first: [0, 1] }
 */
export function dedupe(keys: readonly string[]): { code: Int32Array; first: number[] } {
  const ids = new Map<string, number>();
  const first: number[] = [];
  const code = Int32Array.from(keys, (key, index) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = first.length;
      ids.set(key, id);
      first.push(index);
    }
    return id;
  });
  return { code, first };
}

/**
 * A coded feature with its table of every code pair cached when small enough.
 *
 * Example: codedFeature(Int32Array.of(1), Int32Array.of(1, 2), 2, 3, { kind: "categorical", same: true })
 */
export function codedFeature(
  menteeCode: Int32Array,
  mentorCode: Int32Array,
  menteeCodeCount: number,
  mentorCodeCount: number,
  spec: CodedSpec,
): CodedFeature {
  let table: Int32Array | null = null;
  if (menteeCodeCount * mentorCodeCount <= MAX_TABLE_CELLS) {
    table = new Int32Array(menteeCodeCount * mentorCodeCount);
    for (let a = 0; a < menteeCodeCount; a++) {
      for (let b = 0; b < mentorCodeCount; b++) table[a * mentorCodeCount + b] = codedValue(spec, a, b);
    }
  }
  return { type: "coded", menteeCode, mentorCode, menteeCodeCount, mentorCodeCount, table, spec };
}
