/**
 * Weekly availability seen from another time zone (for showing someone's times in the viewer's
 * zone). Kept apart from profile-rules so that the contracts do not pull a date library into the
 * web app's first load.
 */
import { DateTime } from "luxon";
import { minutesOf, type WeeklySlot } from "./profile-rules.ts";

/** A weekly slot as seen from another time zone; it may end on the next day there. */
export interface ShiftedSlot extends WeeklySlot {
  endsNextDay: boolean;
}

/**
 * A weekly slot given in `fromZone`, as the clock reads in `toZone`, with the offsets in force
 * in the week of `referenceDay` ("YYYY-MM-DD"; pass today's date to show this week's times).
 *
 * Example: in the week of 2026-06-01, Tuesday 09:00–11:00 in Europe/Berlin is Tuesday
 *   03:00–05:00 in America/New_York; Monday 22:00–24:00 in Europe/London is Tuesday
 *   05:00–07:00 in Asia/Singapore.
 */
export function slotInZone(
  slot: WeeklySlot,
  fromZone: string,
  toZone: string,
  referenceDay: string,
): ShiftedSlot {
  const monday = DateTime.fromISO(referenceDay, { zone: fromZone }).startOf("week");
  const day = monday.plus({ days: slot.day - 1 });
  const at = (time: string) => {
    const minutes = minutesOf(time);
    return minutes === 24 * 60
      ? day.plus({ days: 1 }).startOf("day")
      : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  };
  const start = at(slot.start).setZone(toZone);
  const end = at(slot.end).setZone(toZone);
  const endsAtMidnight = end.hour === 0 && end.minute === 0 && end.startOf("day") > start.startOf("day");
  return {
    day: start.weekday,
    start: start.toFormat("HH:mm"),
    end: endsAtMidnight ? "24:00" : end.toFormat("HH:mm"),
    endsNextDay: !endsAtMidnight && end.startOf("day") > start.startOf("day"),
  };
}
