/**
 * Time zones for sessions: which names are zones, and the zone's offsets over a stretch of time as
 * pieces of constant offset. Availability and recurrence work in "wall milliseconds" (the clock on
 * the wall read as if it were UTC: local 2030-03-31 01:30 is Date.UTC(2030, 2, 31, 1, 30)), so that
 * days are counted on the calendar, never as "+24 h", and a DST change is one more piece boundary.
 */
import { IANAZone } from "luxon";
import { isValidTimeZone } from "../programmes/profile-rules.ts";
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

// No zone in use changes its offset twice within 6 hours, so sampling every 6 hours and bisecting
// between samples that differ finds every transition.
const SAMPLE_MS = 6 * 3_600_000;

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return zone;
}

/**
 * The zone's offsets over `range` as consecutive pieces of constant offset covering it exactly
 * (transitions are found to the second).
 *
 * @example offsetPieces("Europe/Berlin", { start: Date.UTC(2030, 2, 30), end: Date.UTC(2030, 3, 1) })
 *   // [{ start: …30 Mar 00:00Z, end: …31 Mar 01:00Z, offsetMs: 3_600_000 },
 *   //  { start: …31 Mar 01:00Z, end: …1 Apr 00:00Z, offsetMs: 7_200_000 }]
 */
export function offsetPieces(timeZone: string, range: Range): OffsetPiece[] {
  const zone = zoneOf(timeZone);
  const offsetAt = (at: number) => zone.offset(at) * MINUTE_MS;
  const pieces: OffsetPiece[] = [];
  if (!(range.end > range.start)) return pieces;
  let pieceStart = range.start;
  let offset = offsetAt(range.start);
  let at = range.start;
  while (at < range.end) {
    const next = Math.min(at + SAMPLE_MS, range.end);
    // The offset in force at `next` is what the last instant before it reads when next is the end.
    const probe = next === range.end ? next - 1 : next;
    const probed = offsetAt(probe);
    if (probed !== offset) {
      // Bisect to the first second at which the new offset holds.
      let lo = Math.floor(at / 1000);
      let hi = Math.ceil(probe / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid * 1000) === offset) lo = mid;
        else hi = mid;
      }
      const change = Math.max(hi * 1000, pieceStart + 1);
      pieces.push({ start: pieceStart, end: change, offsetMs: offset });
      pieceStart = change;
      offset = offsetAt(change);
    }
    at = next;
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
