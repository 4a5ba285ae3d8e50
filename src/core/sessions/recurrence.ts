/**
 * Recurring sessions: a series every 1, 2 or 4 weeks that keeps the same LOCAL wall time in the
 * booker's zone across DST changes (a Tuesday 18:00 Berlin session stays at 18:00 Berlin when the
 * clocks change, so it moves by an hour in UTC), and always ends: after at most 26 sessions, or on
 * an end date at most a year after the first.
 *
 * DST: an occurrence whose wall time does not exist that day (Europe/Berlin 2030-03-31 02:30) starts
 * at the gap's end (03:00 CEST), as availability does; one whose wall time happens twice (2030-10-27
 * 02:30) takes the first. Every occurrence lasts as long as the first, in real minutes.
 */
import { DateTime } from "luxon";
import type { Cadence } from "../programmes/types.ts";
import type { Slot } from "./slots.ts";
import { DAY_MS, dayNumber, isTimeZone, localDate, offsetAt, wallToInstant } from "./zones.ts";

export interface Recurrence {
  everyWeeks: 1 | 2 | 4;
  /** Number of sessions in the series, the first included (1 to 26). */
  count?: number;
  /** "YYYY-MM-DD": the last local date a session may fall on, at most a year after the first. */
  until?: string;
}

export const MAX_OCCURRENCES = 26;
export const EVERY_WEEKS = [1, 2, 4] as const;

/** A problem with one field of a recurrence rule ("everyWeeks", "count", "until"; "" = the whole rule). */
export interface RecurrenceProblem {
  field: "everyWeeks" | "count" | "until" | "";
  message: string;
}

/** The last date `until` may name: one calendar year after the first session's local date. */
export function latestUntil(firstDate: string): string {
  return DateTime.fromISO(firstDate, { zone: "UTC" }).plus({ years: 1 }).toISODate() ?? firstDate;
}

/**
 * What is wrong with a recurrence rule given as input (any shape), or [] when it is a valid
 * Recurrence for a series whose first session starts at `firstStart` in `timeZone`.
 *
 * @example recurrenceProblems({ everyWeeks: 2 }, first.start, "Europe/Berlin")
 *   // [{ field: "count", message: "A series must end: give count (at most 26 sessions) or until (a date within a year)." }]
 * @example recurrenceProblems({ everyWeeks: 3, count: 40 }, first.start, "Europe/Berlin")
 *   // [{ field: "everyWeeks", message: "must be 1, 2 or 4" }, { field: "count", message: "must be a whole number from 1 to 26" }]
 */
export function recurrenceProblems(rule: unknown, firstStart: number, timeZone: string): RecurrenceProblem[] {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule))
    return [{ field: "", message: "A recurrence must be an object with everyWeeks and count or until." }];
  const { everyWeeks, count, until } = rule as Record<string, unknown>;
  const problems: RecurrenceProblem[] = [];
  if (!(EVERY_WEEKS as readonly unknown[]).includes(everyWeeks))
    problems.push({ field: "everyWeeks", message: "must be 1, 2 or 4" });
  const hasCount = count !== undefined && count !== null;
  const hasUntil = until !== undefined && until !== null;
  if (!hasCount && !hasUntil) {
    problems.push({
      field: "count",
      message: `A series must end: give count (at most ${MAX_OCCURRENCES} sessions) or until (a date within a year).`,
    });
  } else if (hasCount && hasUntil) {
    problems.push({ field: "until", message: "Give count or until, not both." });
  }
  if (
    hasCount &&
    !(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= MAX_OCCURRENCES)
  )
    problems.push({ field: "count", message: `must be a whole number from 1 to ${MAX_OCCURRENCES}` });
  if (!isTimeZone(timeZone)) {
    problems.push({ field: "", message: `"${timeZone}" is not a known time zone` });
  } else if (hasUntil) {
    const firstDate = localDate(firstStart, timeZone);
    if (typeof until !== "string" || dayNumber(until) === null) {
      problems.push({ field: "until", message: "must be a date (YYYY-MM-DD)" });
    } else if (until < firstDate) {
      problems.push({ field: "until", message: `must not be before the first session (${firstDate})` });
    } else if (until > latestUntil(firstDate)) {
      problems.push({
        field: "until",
        message: `must be within a year of the first session (${latestUntil(firstDate)} at the latest)`,
      });
    }
  }
  return problems;
}

/**
 * The sessions of a series, the first included, each at the first's local wall time in `timeZone`
 * on the same weekday every `everyWeeks` weeks, until `count` sessions or the local date `until`
 * (inclusive). Throws a RangeError for a rule recurrenceProblems refuses (check it first).
 *
 * @example
 *   // Tuesdays 18:00–19:00 Europe/Berlin from 2030-03-19 (CET, 17:00Z), weekly, 3 sessions:
 *   occurrences({ start: Date.UTC(2030, 2, 19, 17), end: Date.UTC(2030, 2, 19, 18) }, "Europe/Berlin", { everyWeeks: 1, count: 3 })
 *   // 2030-03-19 17:00Z, 2030-03-26 17:00Z, then 2030-04-02 16:00Z: still 18:00 in Berlin, now CEST
 */
export function occurrences(first: Slot, timeZone: string, rule: Recurrence): Slot[] {
  const problems = recurrenceProblems(rule, first.start, timeZone);
  if (problems.length > 0)
    throw new RangeError(problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join("; "));
  const duration = first.end - first.start;
  const wallStart = first.start + offsetAt(timeZone, first.start);
  const stepMs = rule.everyWeeks * 7 * DAY_MS;
  const lastDay = rule.until !== undefined ? (dayNumber(rule.until) as number) : Number.POSITIVE_INFINITY;
  const count = rule.count ?? Number.POSITIVE_INFINITY;
  const out: Slot[] = [{ start: first.start, end: first.end }];
  for (let k = 1; out.length < count; k++) {
    // Wall milliseconds count calendar days without DST, so this is the same wall time k steps on.
    const wall = wallStart + k * stepMs;
    if (Math.floor(wall / DAY_MS) > lastDay) break;
    const start = wallToInstant(wall, timeZone);
    out.push({ start, end: start + duration });
  }
  return out;
}

/**
 * Weeks between sessions for an agreement's cadence; null when the pair meets as needed (no series).
 * "monthly" is every 4 weeks, so a series keeps its weekday.
 *
 * @example cadenceWeeks("fortnightly") // 2
 * @example cadenceWeeks("as_needed")   // null
 */
export function cadenceWeeks(cadence: Cadence): 1 | 2 | 4 | null {
  switch (cadence) {
    case "weekly":
      return 1;
    case "fortnightly":
      return 2;
    case "monthly":
      return 4;
    default:
      return null;
  }
}
