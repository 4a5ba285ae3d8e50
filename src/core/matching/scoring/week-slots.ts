import { DateTime, IANAZone } from "luxon";
import type { WeeklyWindow } from "./participant.ts";

import { SLOT_MINUTES, SLOTS_PER_WEEK, WEEK_WORDS } from "./week-bits.ts";

export { overlapMinutes, SLOT_MINUTES, SLOTS_PER_WEEK, WEEK_WORDS, type WeekBits } from "./week-bits.ts";

/**
 * Whether `zone` is a valid IANA time zone name.
 *
 * Example: isValidTimeZone("America/St_Johns") === true; isValidTimeZone("Mars/Base") === false
 */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Converts weekly windows, given in local time of a zone, into quarter-hour bits of one real
 * reference week in UTC. Offsets are those in force on each day of that week, so a week after the
 * March change in Europe sees London at UTC+1 and Kolkata still at UTC+5:30. Slots wrap around the
 * week (Monday 09:00 in Auckland is Sunday evening UTC). Conversions are cached per (zone, day, time).
 *
 * Example:
 *   const slotter = new WeekSlotter("2026-03-30");
 *   const bits = slotter.windowsToBits("Asia/Kolkata", [{ day: 1, start: "09:00", end: "17:00" }]);
 *   overlapMinutes(bits, slotter.windowsToBits("Europe/London", [{ day: 1, start: "09:00", end: "17:00" }]))
 *   // === 210 (08:00-11:30 UTC)
 */
export class WeekSlotter {
  private readonly monday: DateTime;
  private readonly weekStartMs: number;
  private readonly cache = new Map<string, number>();

  constructor(referenceWeek: string) {
    const date = DateTime.fromISO(referenceWeek, { zone: "UTC" });
    if (!date.isValid) throw new Error(`reference week ${JSON.stringify(referenceWeek)} is not a date`);
    this.monday = date.startOf("week");
    this.weekStartMs = this.monday.toMillis();
  }

  /** Minutes from the week start (Monday 00:00 UTC) to local `time` on `day` (1..7) in `zone`. */
  minuteOf(zone: string, day: number, time: string): number {
    const key = `${zone}|${day}|${time}`;
    let minute = this.cache.get(key);
    if (minute === undefined) {
      const [hours, minutes] = time.split(":").map(Number);
      const local = this.monday.setZone(zone, { keepLocalTime: true }).plus({ days: day - 1 });
      const instant = local.set({ hour: 0, minute: 0 }).plus({ minutes: hours * 60 + minutes });
      const at = DateTime.fromObject(
        { year: local.year, month: local.month, day: local.day, hour: hours % 24, minute: minutes },
        { zone },
      );
      const ms = hours === 24 ? instant.toMillis() : at.toMillis();
      minute = Math.round((ms - this.weekStartMs) / 60_000);
      this.cache.set(key, minute);
    }
    return minute;
  }

  /** The bits of `windows` in `zone`; an unknown zone gives no bits. */
  windowsToBits(zone: string | undefined, windows: readonly WeeklyWindow[]): Uint32Array {
    const bits = new Uint32Array(WEEK_WORDS);
    if (!zone || !isValidTimeZone(zone)) return bits;
    for (const window of windows) {
      const from = this.minuteOf(zone, window.day, window.start);
      const to = this.minuteOf(zone, window.day, window.end);
      const first = Math.floor(from / SLOT_MINUTES);
      const last = Math.ceil(to / SLOT_MINUTES);
      for (let slot = first; slot < last; slot++) {
        const wrapped = ((slot % SLOTS_PER_WEEK) + SLOTS_PER_WEEK) % SLOTS_PER_WEEK;
        bits[wrapped >>> 5] |= 1 << (wrapped & 31);
      }
    }
    return bits;
  }
}
