/**
 * The brute-force references the property tests compare against: every minute of a window is
 * converted to the wall clock with Intl (not the offset pieces the code under test uses) and checked
 * on its own. Slow on purpose and obviously right; minute-aligned inputs only.
 */
import fc from "fast-check";
import type { Availability } from "./availability.ts";
import type { Range } from "./ranges.ts";
import type { Participant, SlotQuery } from "./slots.ts";

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock at an instant in a zone: local date, ISO weekday and minute of the day. */
export function wallClock(
  instant: number,
  timeZone: string,
): { date: string; weekday: number; minute: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2}), (\d{2}):(\d{2})$/.exec(format.format(instant));
  if (!match) throw new Error(`unexpected Intl output ${format.format(instant)}`);
  const [, year, month, day, hour, minute] = match.map(Number);
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { date: `${match[1]}-${match[2]}-${match[3]}`, weekday, minute: hour * 60 + minute };
}

function minutesOfTime(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Per minute of the window: whether the person's hours hold it (the rule, applied literally). */
export function availableMinutes(availability: Availability, window: Range): boolean[] {
  const out: boolean[] = [];
  for (let at = window.start; at < window.end; at += MINUTE) {
    const clock = wallClock(at, availability.timeZone);
    const override = availability.overrides.find((o) => o.date === clock.date);
    const slots = override
      ? override.slots
      : availability.weekly.filter((slot) => slot.day === clock.weekday);
    out.push(
      slots.some(
        (slot) => minutesOfTime(slot.start) <= clock.minute && clock.minute < minutesOfTime(slot.end),
      ),
    );
  }
  return out;
}

/** Ranges as one boolean per minute of the window. */
export function rangesAsMinutes(ranges: readonly Range[], window: Range): boolean[] {
  const out: boolean[] = [];
  for (let at = window.start; at < window.end; at += MINUTE)
    out.push(ranges.some((range) => range.start <= at && at + MINUTE <= range.end));
  return out;
}

/**
 * Per minute: whether the participant is free (hours, busy widened by the buffer, notice); `hours`
 * may be given when already worked out (or to leave hours out: all true).
 */
export function freeMinutes(
  participant: Participant,
  query: SlotQuery,
  hours: boolean[] = availableMinutes(participant.availability, query.window),
): boolean[] {
  const buffer = participant.bufferMinutes * MINUTE;
  const earliest = query.now + participant.minimumNoticeMinutes * MINUTE;
  return hours.map((inHours, index) => {
    const at = query.window.start + index * MINUTE;
    if (!inHours || at < earliest) return false;
    return !participant.busy.some((busy) => busy.start - buffer < at + MINUTE && at < busy.end + buffer);
  });
}

/** Every grid start whose every minute is free for everyone (the slots mutualSlots must find). */
export function referenceSlots(query: SlotQuery, free: boolean[][]): Range[] {
  const step = (query.stepMinutes ?? 15) * MINUTE;
  const length = query.lengthMinutes * MINUTE;
  const slots: Range[] = [];
  for (
    let start = Math.ceil(query.window.start / step) * step;
    start + length <= query.window.end;
    start += step
  ) {
    const first = (start - query.window.start) / MINUTE;
    let ok = true;
    for (let m = first; ok && m < first + query.lengthMinutes; m++) ok = free.every((minutes) => minutes[m]);
    if (ok) slots.push({ start, end: start + length });
  }
  return slots;
}

/** The zones the property tests walk, with the dates of 2030 when their offset changes. */
export const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "America/St_Johns",
  "America/Santiago",
] as const;

/** UTC dates ("YYYY-MM-DD") in 2030 during which the zone's offset changes. */
export function transitionDates(timeZone: string): string[] {
  const dates: string[] = [];
  let before = wallClock(Date.UTC(2030, 0, 1), timeZone);
  for (let day = 1; day < 366; day++) {
    const at = Date.UTC(2030, 0, 1) + day * 86_400_000;
    const clock = wallClock(at, timeZone);
    // The change happened during the UTC day before `at`.
    if (clock.minute !== before.minute) dates.push(new Date(at - 86_400_000).toISOString().slice(0, 10));
    before = clock;
  }
  return dates;
}

/** "HH:mm" of a minute of the day (1440 is "24:00"). */
export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** A slot with minute-resolution times, start before end (the end may be "24:00"). */
export const slotArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? { start: hhmm(a), end: hhmm(b) } : { start: hhmm(b), end: hhmm(a) }));

/** A slot in the small hours, where DST changes happen (starts 00:00–03:59, up to 4 hours long). */
export const nightSlotArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 239 }), fc.integer({ min: 1, max: 240 }))
  .map(([start, length]) => ({ start: hhmm(start), end: hhmm(start + length) }));
