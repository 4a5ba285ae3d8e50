/**
 * Time zones for sessions: which names are zones, and the zone's offsets over a stretch of time as
 * pieces of constant offset. Availability and recurrence work in "wall milliseconds" (the clock on
 * the wall read as if it were UTC: local 2030-03-31 01:30 is Date.UTC(2030, 2, 31, 1, 30)), so that
 * days are counted on the calendar, never as "+24 h", and a DST change is one more piece boundary.
 */
import { IANAZone } from "luxon";
import { isValidTimeZone } from "../profiles/profile-rules.ts";
import type { Range } from "./ranges.ts";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/**
 * Whether `name` is an IANA time zone the runtime knows. Fixed offsets ("+02:00") are refused:
 * people live in places, whose offsets change with DST.
 *
 * @example isTimeZone("Asia/Kolkata") // true
 * @example isTimeZone("Mars/Olympus") // false
 * @example isTimeZone("+05:30")       // false
 */
export function isTimeZone(name: string): boolean {
  return typeof name === "string" && isValidTimeZone(name) && IANAZone.isValidZone(name);
}

/** A stretch of instants [start, end) over which the zone's offset does not change. */
export interface OffsetPiece extends Range {
  /** Wall time minus UTC, in milliseconds (Asia/Kolkata: 19_800_000). */
  offsetMs: number;
}

// Sampling once a day and bisecting between samples that differ finds every change as long as no
// zone changes twice within a day: across all 418 zones of the runtime's tzdb, 2000–2040, no two
// changes are closer than 7 days (America/Boa_Vista's week of DST in October 2000; scanned at
// 6-hour steps when this was written).
const SAMPLE_MS = 24 * 3_600_000;

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return zone;
}

/** A zone's offsets over one chunk of time: the offset at its start, then each change in it. */
interface Chunk {
  startOffsetMs: number;
  changes: { at: number; offsetMs: number }[];
}

// Zone rules do not change while the process runs, so each week of each zone is worked out once
// (7 samples; a bisection of ~27 steps per change) and kept. Bounded: cleared when it grows past
// CHUNK_CACHE_LIMIT (about 100 zones × 2 years).
const CHUNK_MS = 7 * 86_400_000;
const CHUNK_CACHE_LIMIT = 10_000;
const chunkCache = new Map<string, Chunk>();

/** Forgets the worked-out offsets (for benchmarks measuring a cold start). */
export function clearZoneCache(): void {
  chunkCache.clear();
}

function chunkOf(timeZone: string, index: number): Chunk {
  const key = `${timeZone}|${index}`;
  const cached = chunkCache.get(key);
  if (cached) return cached;
  const zone = zoneOf(timeZone);
  const offsetAt = (at: number) => zone.offset(at) * MINUTE_MS;
  const start = index * CHUNK_MS;
  const chunk: Chunk = { startOffsetMs: offsetAt(start), changes: [] };
  let offset = chunk.startOffsetMs;
  for (let at = start; at < start + CHUNK_MS; at += SAMPLE_MS) {
    const next = Math.min(at + SAMPLE_MS, start + CHUNK_MS) - 1;
    const probed = offsetAt(next);
    if (probed === offset) continue;
    // Bisect to the first millisecond of the new offset: `lo` reads the old one (the chunk's
    // start, or the previous probe), `hi` the new.
    let lo = at === start ? start : at - 1;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    chunk.changes.push({ at: hi, offsetMs: probed });
    offset = probed;
  }
  if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
  chunkCache.set(key, chunk);
  return chunk;
}

/**
 * The zone's offsets over `range` as consecutive pieces of constant offset covering it exactly
 * (transitions are found to the millisecond). Throws a RangeError for an unknown zone.
 *
 * @example offsetPieces("Europe/Berlin", { start: Date.UTC(2030, 2, 30), end: Date.UTC(2030, 3, 1) })
 *   // [{ start: …30 Mar 00:00Z, end: …31 Mar 01:00Z, offsetMs: 3_600_000 },
 *   //  { start: …31 Mar 01:00Z, end: …1 Apr 00:00Z, offsetMs: 7_200_000 }]
 */
export function offsetPieces(timeZone: string, range: Range): OffsetPiece[] {
  const pieces: OffsetPiece[] = [];
  if (!(range.end > range.start)) return pieces;
  const firstIndex = Math.floor(range.start / CHUNK_MS);
  const lastIndex = Math.floor((range.end - 1) / CHUNK_MS);
  let pieceStart = range.start;
  let offset = Number.NaN;
  const change = (at: number, offsetMs: number) => {
    if (offsetMs === offset) return;
    if (at > pieceStart && !Number.isNaN(offset)) {
      pieces.push({ start: pieceStart, end: at, offsetMs: offset });
      pieceStart = at;
    }
    offset = offsetMs;
  };
  for (let index = firstIndex; index <= lastIndex; index++) {
    const chunk = chunkOf(timeZone, index);
    change(Math.max(index * CHUNK_MS, range.start), chunk.startOffsetMs);
    for (const { at, offsetMs } of chunk.changes) {
      if (at >= range.end) break;
      change(Math.max(at, range.start), offsetMs);
    }
  }
  pieces.push({ start: pieceStart, end: range.end, offsetMs: offset });
  return pieces;
}

/** The offset in force at `instant` (wall minus UTC, milliseconds). */
export function offsetAt(timeZone: string, instant: number): number {
  return zoneOf(timeZone).offset(instant) * MINUTE_MS;
}

/**
 * Days since 1970-01-01 of a "YYYY-MM-DD" calendar date, or null when it is not a real date.
 *
 * @example dayNumber("1970-01-02") // 1
 * @example dayNumber("2030-02-30") // null
 */
export function dayNumber(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return ms / DAY_MS;
}

/**
 * The "YYYY-MM-DD" of a day number.
 *
 * @example dateOfDay(1) // "1970-01-02"
 */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * ISO weekday (1 = Monday ... 7 = Sunday) of a day number (1970-01-01 was a Thursday).
 *
 * @example weekdayOfDay(0) // 4
 */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The local calendar date ("YYYY-MM-DD") in `timeZone` at `instant`.
 *
 * @example localDate(Date.UTC(2030, 0, 1, 20), "Asia/Kolkata") // "2030-01-02" (01:30 there)
 */
export function localDate(instant: number, timeZone: string): string {
  return dateOfDay(Math.floor((instant + offsetAt(timeZone, instant)) / DAY_MS));
}

/**
 * The first instant at which the wall clock in `timeZone` reads `wallMs` or later. A wall time in
 * a spring-forward gap gives the gap's end (Europe/Berlin 2030-03-31 02:30 → 03:00 CEST, 01:00Z);
 * one that happens twice in the autumn gives its first occurrence (2030-10-27 02:30 → 02:30 CEST,
 * 00:30Z).
 *
 * @example wallToInstant(Date.UTC(2030, 2, 31, 2, 30), "Europe/Berlin") === Date.UTC(2030, 2, 31, 1, 0)
 */
export function wallToInstant(wallMs: number, timeZone: string): number {
  // Offsets lie within ±26 h of UTC, so the instant lies within this stretch.
  const pieces = offsetPieces(timeZone, { start: wallMs - 2 * DAY_MS, end: wallMs + 2 * DAY_MS });
  for (const piece of pieces) {
    const start = Math.max(piece.start, wallMs - piece.offsetMs);
    if (start < piece.end) return start;
  }
  throw new RangeError(`No instant reads ${new Date(wallMs).toISOString()} in ${timeZone}`);
}
