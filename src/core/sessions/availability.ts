/**
 * A person's available time as instants: weekly hours in their own zone, with date overrides,
 * expanded per LOCAL calendar date (never by adding 24 hours).
 *
 * The rule, for every instant: it is available when the wall clock in the person's zone, at that
 * instant, reads a time inside one of the slots of the local date it reads. Every DST decision
 * follows from that one rule, on purpose:
 *  - spring forward (Europe/Berlin 2030-03-31, 02:00 → 03:00): 02:00–02:59 never shows, so a window
 *    "01:00–03:00" lasts 60 real minutes, and one starting in the gap ("02:30–04:00") begins at the
 *    gap's end (03:00 CEST);
 *  - fall back (2030-10-27, 03:00 → 02:00): 02:00–02:59 shows twice, so "01:00–03:00" lasts 180 real
 *    minutes, and "02:30–03:00" is two stretches of 30 minutes, one in CEST and one in CET;
 *  - "24:00" as an end means the end of that local date (midnight of the next day), however long the
 *    day was.
 * A slot whose end is not after its start is ignored (profile rules refuse such slots).
 */
import { minutesOf, type WeeklySlot } from "../profiles/profile-rules.ts";
import { availabilityProblems as weeklyProblems } from "../profiles/profile-rules.ts";
import { normalise, type Range } from "./ranges.ts";
import { DAY_MS, dateOfDay, dayNumber, isTimeZone, MINUTE_MS, offsetPieces, weekdayOfDay } from "./zones.ts";

export type { WeeklySlot };

/** Hours on one local date that replace that date's weekly hours; no slots means a day off. */
export interface DateOverride {
  /** "YYYY-MM-DD", a date in the person's zone. */
  date: string;
  slots: { start: string; end: string }[];
}

export interface Availability {
  /** IANA zone the hours are given in ("Europe/Berlin"). */
  timeZone: string;
  weekly: readonly WeeklySlot[];
  overrides: readonly DateOverride[];
}

const START_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** [from, to) minutes of the day of a slot, or null when the slot is malformed or empty. */
function minutesRange(slot: { start: string; end: string }): [number, number] | null {
  if (!START_PATTERN.test(slot.start) || !END_PATTERN.test(slot.end)) return null;
  const from = minutesOf(slot.start);
  const to = minutesOf(slot.end);
  return to > from ? [from, to] : null;
}

function slotsByDay(slots: readonly { start: string; end: string }[]): [number, number][] {
  return slots.map(minutesRange).filter((range): range is [number, number] => range !== null);
}

/**
 * The instants within `window` at which the person is available, normalised. Throws a RangeError
 * for an unknown zone (availabilityProblems names it).
 *
 * @example
 *   // Mondays 09:00–12:00 in Berlin; 2030-03-31 is the night clocks go forward.
 *   availableRanges({ timeZone: "Europe/Berlin", weekly: [{ day: 1, start: "09:00", end: "12:00" }], overrides: [] },
 *     { start: Date.UTC(2030, 3, 1), end: Date.UTC(2030, 3, 2) })
 *   // [{ start: Date.UTC(2030, 3, 1, 7), end: Date.UTC(2030, 3, 1, 10) }]  (CEST, UTC+2)
 * @example
 *   // Sunday 2030-03-31 "01:00–03:00" in Berlin: 00:00Z–01:00Z, 60 minutes (02:00–02:59 never shows).
 */
export function availableRanges(availability: Availability, window: Range): Range[] {
  if (!(window.end > window.start)) return [];
  const weekly: [number, number][][] = [[], [], [], [], [], [], [], []];
  for (const slot of availability.weekly) {
    const range = minutesRange(slot);
    if (range && Number.isInteger(slot.day) && slot.day >= 1 && slot.day <= 7) weekly[slot.day].push(range);
  }
  const overrides = new Map<string, [number, number][]>();
  for (const override of availability.overrides) overrides.set(override.date, slotsByDay(override.slots));

  const out: Range[] = [];
  for (const piece of offsetPieces(availability.timeZone, window)) {
    const wallStart = piece.start + piece.offsetMs;
    const wallEnd = piece.end + piece.offsetMs;
    const lastDay = Math.floor((wallEnd - 1) / DAY_MS);
    for (let day = Math.floor(wallStart / DAY_MS); day <= lastDay; day++) {
      const slots = overrides.get(dateOfDay(day)) ?? weekly[weekdayOfDay(day)];
      for (const [from, to] of slots) {
        const start = Math.max(day * DAY_MS + from * MINUTE_MS, wallStart);
        const end = Math.min(day * DAY_MS + to * MINUTE_MS, wallEnd);
        if (end > start) out.push({ start: start - piece.offsetMs, end: end - piece.offsetMs });
      }
    }
  }
  return normalise(out);
}

/** A problem with one field of an availability, named by its path ("overrides[1].slots[0].end"). */
export interface AvailabilityProblem {
  field: string;
  message: string;
}

/**
 * Problems in an availability: an unknown zone; weekly slots as the profile checks them; override
 * dates that are not real dates or appear twice; override times not "HH:mm" (an end may be
 * "24:00"), ending before they start, or overlapping on one date. [] = usable.
 *
 * @example availabilityProblems({ timeZone: "Europe/Berlin", weekly: [],
 *   overrides: [{ date: "2030-02-30", slots: [] }] })
 *   // [{ field: "overrides[0].date", message: "2030-02-30 is not a date (YYYY-MM-DD)" }]
 */
export function availabilityProblems(availability: Availability): AvailabilityProblem[] {
  const problems: AvailabilityProblem[] = [];
  if (!isTimeZone(availability.timeZone))
    problems.push({ field: "timeZone", message: `"${availability.timeZone}" is not a known time zone` });
  for (const problem of weeklyProblems(availability.weekly)) {
    problems.push({
      field: problem.field ? `weekly[${problem.index}].${problem.field}` : `weekly[${problem.index}]`,
      message: problem.message,
    });
  }
  const seen = new Set<string>();
  availability.overrides.forEach((override, index) => {
    if (dayNumber(override.date) === null) {
      problems.push({
        field: `overrides[${index}].date`,
        message: `${override.date} is not a date (YYYY-MM-DD)`,
      });
    } else if (seen.has(override.date)) {
      problems.push({ field: `overrides[${index}].date`, message: `${override.date} has hours given twice` });
    }
    seen.add(override.date);
    const valid: { from: number; to: number; slot: { start: string; end: string } }[] = [];
    override.slots.forEach((slot, slotIndex) => {
      const path = `overrides[${index}].slots[${slotIndex}]`;
      if (!START_PATTERN.test(slot.start)) {
        problems.push({ field: `${path}.start`, message: "must be a time HH:mm from 00:00 to 23:59" });
      } else if (!END_PATTERN.test(slot.end)) {
        problems.push({ field: `${path}.end`, message: "must be a time HH:mm from 00:01 to 24:00" });
      } else if (minutesOf(slot.end) <= minutesOf(slot.start)) {
        problems.push({ field: `${path}.end`, message: "must be after the start" });
      } else {
        valid.push({ from: minutesOf(slot.start), to: minutesOf(slot.end), slot });
      }
    });
    valid.sort((a, b) => a.from - b.from);
    for (let i = 1; i < valid.length; i++) {
      if (valid[i].from < valid[i - 1].to) {
        const { slot } = valid[i];
        const before = valid[i - 1].slot;
        problems.push({
          field: `overrides[${index}].slots`,
          message: `${override.date} ${slot.start}–${slot.end} overlaps ${before.start}–${before.end}`,
        });
      }
    }
  });
  return problems;
}
