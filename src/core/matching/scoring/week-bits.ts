/**
 * Weekly patterns as bits (no time-zone library here, so the scoring workers load without Luxon):
 * the slot constants and the overlap of two patterns. week-slots.ts builds the patterns.
 */

/** Quarter-hour slots of a week: fine enough for every IANA offset (+05:30 Kolkata, +05:45 Kathmandu). */
export const SLOT_MINUTES = 15;
export const SLOTS_PER_WEEK = (7 * 24 * 60) / SLOT_MINUTES;
export const WEEK_WORDS = SLOTS_PER_WEEK / 32;

/** A weekly pattern: one bit per quarter hour of the reference week, counted from Monday 00:00 UTC. */
export type WeekBits = Uint32Array;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Minutes shared by two weekly patterns (possibly views into larger arrays at the given offsets).
 *
 * Example: overlapMinutes(a, a) is the length of a in minutes.
 */
export function overlapMinutes(a: Uint32Array, b: Uint32Array, offsetA = 0, offsetB = 0): number {
  let count = 0;
  for (let w = 0; w < WEEK_WORDS; w++) count += popcount(a[offsetA + w] & b[offsetB + w]);
  return count * SLOT_MINUTES;
}
