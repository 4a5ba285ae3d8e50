/**
 * Finding a time to meet: the slots when everyone is free, the nearest times when nobody's hours
 * overlap, and why a chosen time cannot be booked.
 *
 * A participant is free at an instant when it is inside their hours (availability.ts), outside their
 * busy time widened by their buffer on each side, and at least their minimum notice after `now`.
 *
 * The step grid: slots start on multiples of `stepMinutes` counted from the Unix epoch (UTC). With
 * the default 15, that is every UTC quarter-hour, which is also the local quarter-hour in every zone
 * in use (all offsets are multiples of 15 minutes: Asia/Kolkata +05:30, America/St_Johns −03:30,
 * Asia/Kathmandu +05:45, Australia/Lord_Howe +10:30/+11). A step of 60 therefore starts Kolkata's
 * slots at half past the hour; pass 15 or 30 to offer every local hour there.
 */
import { DateTime } from "luxon";
import { type Availability, availableRanges } from "./availability.ts";
import { covers, intersect, normalise, overlaps, type Range, subtract, widen } from "./ranges.ts";
import { DAY_MS, MINUTE_MS } from "./zones.ts";

export interface Participant {
  userId: string;
  /** Shown in problem messages instead of the id when given ("Mira Okafor"). */
  name?: string;
  availability: Availability;
  /** Time taken elsewhere (sessions, calendar events), any order, may overlap. */
  busy: readonly Range[];
  /** A slot must start at least this long after `now`. */
  minimumNoticeMinutes: number;
  /** Kept free before and after every busy range. */
  bufferMinutes: number;
}

export interface SlotQuery {
  participants: readonly Participant[];
  lengthMinutes: number;
  /** Slots lie wholly inside it. */
  window: Range;
  now: number;
  /** Grid of slot starts in minutes from the epoch (default 15: the quarter-hour). */
  stepMinutes?: number;
}

export interface Slot {
  start: number;
  end: number;
}

export const DEFAULT_STEP_MINUTES = 15;

function isPositiveWhole(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function earliestStart(participant: Participant, now: number): number {
  return now + Math.max(0, participant.minimumNoticeMinutes) * MINUTE_MS;
}

function blocked(participant: Participant): Range[] {
  const buffer = Math.max(0, participant.bufferMinutes) * MINUTE_MS;
  return widen(participant.busy, buffer, buffer);
}

/** Instants within the window that are free of the participant's busy time and notice. */
function freeOfBusy(participant: Participant, query: SlotQuery): Range[] {
  const start = Math.max(query.window.start, earliestStart(participant, query.now), query.now);
  return subtract([{ start, end: query.window.end }], blocked(participant));
}

/** Every start on the step grid with the whole slot inside one of the ranges. */
function gridSlots(ranges: readonly Range[], lengthMs: number, stepMs: number): Slot[] {
  const slots: Slot[] = [];
  for (const range of ranges) {
    for (let start = Math.ceil(range.start / stepMs) * stepMs; start + lengthMs <= range.end; start += stepMs)
      slots.push({ start, end: start + lengthMs });
  }
  return slots;
}

/**
 * Every slot of `lengthMinutes` on the step grid, inside the window, when all participants are
 * free (within their hours, clear of their busy time and buffers, after their notice), in time
 * order. No participants, a length or step that is not a whole number of minutes above zero: [].
 * Throws a RangeError for a participant whose zone is unknown (check zones with isTimeZone first).
 *
 * @example
 *   // Ana (Europe/Berlin, Mon 09:00–12:00, CEST = 07:00Z–10:00Z) and Ben (America/New_York,
 *   // Mon 05:00–07:00, EDT = 09:00Z–11:00Z) on Monday 2030-06-03, 60 minutes: the hour they share.
 *   mutualSlots({ participants: [ana, ben], lengthMinutes: 60, window, now })
 *   // [{ start: Date.UTC(2030, 5, 3, 9), end: Date.UTC(2030, 5, 3, 10) }]
 */
export function mutualSlots(query: SlotQuery): Slot[] {
  const step = query.stepMinutes ?? DEFAULT_STEP_MINUTES;
  if (!isPositiveWhole(query.lengthMinutes) || !isPositiveWhole(step) || query.participants.length === 0)
    return [];
  let free: Range[] = [query.window];
  for (const participant of query.participants) {
    const hours = availableRanges(participant.availability, query.window);
    free = intersect(free, intersect(hours, freeOfBusy(participant, query)));
    if (free.length === 0) return [];
  }
  return gridSlots(free, query.lengthMinutes * MINUTE_MS, step * MINUTE_MS);
}

/** A time free of everyone's busy time, with the people whose hours it falls outside. */
export interface NearTime extends Slot {
  /** userIds of the participants outside their hours then, in the order of the query. */
  outsideHours: string[];
  /** Minutes those people's hours would have to move (summed) for the time to fit them. */
  minutesOutside: number;
}

/**
 * For when nobody's hours overlap: times on the step grid in the window that are clear of
 * everyone's busy time, buffers and notice, but outside someone's hours. Ordered by fewest people
 * outside their hours, then by how far outside (the minutes each such person's nearest hours would
 * have to stretch to hold the time, summed: 07:00–08:00 for someone whose day starts at 09:00 is 120),
 * then earliest; at most `limit`. Times inside everyone's hours (mutual slots) come first, with
 * `outsideHours: []`.
 *
 * @example
 *   // Berlin 09:00–17:00 and Los Angeles 09:00–17:00 never overlap; the nearest 60-minute times are
 *   // 16:00–17:00 Berlin (07:00 in LA, 120 minutes before LA's hours) and 18:00–19:00 Berlin
 *   // (09:00 in LA, 120 minutes after Berlin's), each with one person outside.
 */
export function nearestTimes(query: SlotQuery, limit: number): NearTime[] {
  const step = query.stepMinutes ?? DEFAULT_STEP_MINUTES;
  if (!isPositiveWhole(query.lengthMinutes) || !isPositiveWhole(step) || query.participants.length === 0)
    return [];
  if (!(limit > 0)) return [];
  const lengthMs = query.lengthMinutes * MINUTE_MS;
  let free: Range[] = [query.window];
  for (const participant of query.participants) free = intersect(free, freeOfBusy(participant, query));
  const candidates = gridSlots(free, lengthMs, step * MINUTE_MS);
  if (candidates.length === 0) return [];

  // Hours a week either side of the window too, so a time near its edge measures to the nearest hours.
  const around = { start: query.window.start - 7 * DAY_MS, end: query.window.end + 7 * DAY_MS };
  const cap = around.end - around.start;
  const distances = query.participants.map((participant) => {
    const holding = availableRanges(participant.availability, around).filter(
      (range) => range.end - range.start >= lengthMs,
    );
    const out = new Float64Array(candidates.length);
    let k = 0;
    candidates.forEach((slot, index) => {
      while (k < holding.length && holding[k].end < slot.end) k++;
      let best = cap;
      if (k < holding.length) best = Math.max(0, holding[k].start - slot.start);
      if (k > 0) best = Math.min(best, slot.end - holding[k - 1].end);
      out[index] = best;
    });
    return out;
  });

  const ranked = candidates.map((slot, index) => {
    const outsideHours: string[] = [];
    let outside = 0;
    query.participants.forEach((participant, p) => {
      if (distances[p][index] > 0) {
        outsideHours.push(participant.userId);
        outside += distances[p][index];
      }
    });
    return {
      start: slot.start,
      end: slot.end,
      outsideHours,
      minutesOutside: Math.round(outside / MINUTE_MS),
    };
  });
  ranked.sort(
    (a, b) =>
      a.outsideHours.length - b.outsideHours.length ||
      a.minutesOutside - b.minutesOutside ||
      a.start - b.start,
  );
  return ranked.slice(0, Math.floor(limit));
}

export type SlotProblemCode = "in_past" | "too_soon" | "outside_hours" | "busy" | "bad_length";

export type SlotProblem = { code: SlotProblemCode; userId?: string; message: string };

function describeDuration(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day${minutes === 24 * 60 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** "Tue 14 Jan 2031, 03:00–04:00 Europe/Berlin": the slot on the participant's own clock. */
function localTimes(slot: Slot, timeZone: string): string {
  const start = DateTime.fromMillis(slot.start, { zone: timeZone, locale: "en-GB" });
  const end = DateTime.fromMillis(slot.end, { zone: timeZone, locale: "en-GB" });
  const endText = end.hasSame(start, "day") ? end.toFormat("HH:mm") : end.toFormat("ccc d LLL HH:mm");
  return `${start.toFormat("ccc d LLL yyyy, HH:mm")}–${endText} ${timeZone}`;
}

/**
 * Why `slot` cannot be booked for the query's participants, or [] when it can: a length other than
 * the query's, a start in the past, a start sooner than someone's minimum notice, a time outside
 * someone's hours, or overlapping someone's busy time or its buffer. Messages name the person
 * (`name`, else the id) and give their local time. The step grid and window are not checked: a
 * proposed time need not be one of the listed slots.
 *
 * @example slotProblems(query, { start: now - 3_600_000, end: now })
 *   // [{ code: "in_past", message: "This time is in the past." }]
 * @example // Mira (Europe/Berlin, Tue 09:00–17:00) asked for Tue 03:00–04:00 her time:
 *   // [{ code: "outside_hours", userId: "mira", message: "Tue 14 Jan 2031, 03:00–04:00 Europe/Berlin is outside Mira's hours." }]
 */
export function slotProblems(query: SlotQuery, slot: Slot): SlotProblem[] {
  const problems: SlotProblem[] = [];
  const length = query.lengthMinutes;
  const actual = (slot.end - slot.start) / MINUTE_MS;
  if (!isPositiveWhole(length)) {
    problems.push({
      code: "bad_length",
      message: "The length must be a whole number of minutes above zero.",
    });
  } else if (!(slot.end > slot.start)) {
    problems.push({ code: "bad_length", message: "The end must be after the start." });
  } else if (actual !== length) {
    problems.push({
      code: "bad_length",
      message: `A session lasts ${describeDuration(length)}; this time lasts ${describeDuration(actual)}.`,
    });
  }
  if (slot.start < query.now) {
    problems.push({ code: "in_past", message: "This time is in the past." });
  }
  for (const participant of query.participants) {
    const who = participant.name ?? participant.userId;
    const { userId } = participant;
    if (slot.start >= query.now && slot.start < earliestStart(participant, query.now)) {
      problems.push({
        code: "too_soon",
        userId,
        message: `${who} needs ${describeDuration(participant.minimumNoticeMinutes)} of notice; this time is sooner.`,
      });
    }
    if (slot.end > slot.start) {
      const hours = availableRanges(participant.availability, slot);
      if (!covers(hours, slot)) {
        problems.push({
          code: "outside_hours",
          userId,
          message: `${localTimes(slot, participant.availability.timeZone)} is outside ${who}'s hours.`,
        });
      }
      const busy = normalise(participant.busy);
      if (overlaps(busy, slot)) {
        problems.push({ code: "busy", userId, message: `${who} is busy at this time.` });
      } else if (overlaps(blocked(participant), slot)) {
        problems.push({
          code: "busy",
          userId,
          message: `${who} keeps ${describeDuration(participant.bufferMinutes)} free around other commitments; this time is too close to one.`,
        });
      }
    }
  }
  return problems;
}
