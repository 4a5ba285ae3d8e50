/**
 * Sets of instants as sorted lists of half-open ranges [start, end) in epoch milliseconds: the
 * arithmetic under availability and slot finding. Half-open, so back-to-back ranges touch without
 * overlapping (a session 10:00–11:00 and one 11:00–12:00 do not clash). Pure and linear after the
 * sort: every function accepts ranges in any order, overlapping or empty, and returns them
 * normalised (sorted, merged, none empty).
 */

/** A half-open interval of instants [start, end), epoch milliseconds. */
export interface Range {
  start: number;
  end: number;
}

/** Whether a list is already normalised (sorted, non-empty ranges, gaps between them). */
function isNormalised(ranges: readonly Range[]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i];
    if (!(range.end > range.start)) return false;
    if (i > 0 && range.start <= ranges[i - 1].end) return false;
  }
  return true;
}

/**
 * Sorted by start, overlapping and touching ranges merged, empty (and NaN) ranges dropped.
 * Returns new objects; the input is never changed.
 *
 * @example normalise([{ start: 5, end: 9 }, { start: 1, end: 3 }, { start: 3, end: 4 }, { start: 7, end: 7 }])
 *   // [{ start: 1, end: 4 }, { start: 5, end: 9 }]
 */
export function normalise(ranges: readonly Range[]): Range[] {
  if (isNormalised(ranges)) return ranges.map((range) => ({ start: range.start, end: range.end }));
  const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      if (range.end > last.end) last.end = range.end;
    } else {
      merged.push({ start: range.start, end: range.end });
    }
  }
  return merged;
}

/**
 * The instants in both `a` and `b`.
 *
 * @example intersect([{ start: 0, end: 10 }, { start: 20, end: 30 }], [{ start: 5, end: 25 }])
 *   // [{ start: 5, end: 10 }, { start: 20, end: 25 }]
 */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const left = normalise(a);
  const right = normalise(b);
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) out.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return out;
}

/**
 * The instants of `from` that are not in `remove`.
 *
 * @example subtract([{ start: 0, end: 10 }], [{ start: 2, end: 3 }, { start: 8, end: 12 }])
 *   // [{ start: 0, end: 2 }, { start: 3, end: 8 }]
 */
export function subtract(from: readonly Range[], remove: readonly Range[]): Range[] {
  const base = normalise(from);
  const cuts = normalise(remove);
  const out: Range[] = [];
  let j = 0;
  for (const range of base) {
    let start = range.start;
    while (j < cuts.length && cuts[j].end <= start) j++;
    let k = j;
    while (k < cuts.length && cuts[k].start < range.end) {
      if (cuts[k].start > start) out.push({ start, end: cuts[k].start });
      start = Math.max(start, cuts[k].end);
      k++;
    }
    if (start < range.end) out.push({ start, end: range.end });
  }
  return out;
}

/**
 * Every range grown by `beforeMs` at its start and `afterMs` at its end (a buffer around busy
 * time), then normalised; negative amounts shrink, and a range shrunk to nothing disappears.
 * An empty range stays nothing (it is not grown into a buffer around an instant).
 *
 * @example widen([{ start: 100, end: 200 }, { start: 230, end: 300 }], 10, 20)
 *   // [{ start: 90, end: 320 }] (the gap of 30 is closed by 20 + 10)
 */
export function widen(ranges: readonly Range[], beforeMs: number, afterMs: number): Range[] {
  return normalise(
    ranges
      .filter((range) => range.end > range.start)
      .map((range) => ({ start: range.start - beforeMs, end: range.end + afterMs })),
  );
}

/**
 * Whether the normalised `ranges` hold every instant of `range` (an empty `range` is always held).
 *
 * @example covers([{ start: 0, end: 10 }], { start: 2, end: 10 }) // true
 */
export function covers(ranges: readonly Range[], range: Range): boolean {
  if (range.end <= range.start) return true;
  return ranges.some((r) => r.start <= range.start && r.end >= range.end);
}

/**
 * Whether any of `ranges` shares an instant with `range` (touching is not overlapping).
 *
 * @example overlaps([{ start: 0, end: 10 }], { start: 10, end: 20 }) // false
 */
export function overlaps(ranges: readonly Range[], range: Range): boolean {
  return ranges.some((r) => r.start < range.end && range.start < r.end && r.end > r.start);
}

/** Total milliseconds held by the ranges (after normalising). */
export function totalLength(ranges: readonly Range[]): number {
  return normalise(ranges).reduce((sum, range) => sum + (range.end - range.start), 0);
}
