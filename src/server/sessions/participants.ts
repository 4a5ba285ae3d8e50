import type { OrgId } from "../../core/accounts/types.ts";
import type { Range } from "../../core/sessions/ranges.ts";
import type { Participant } from "../../core/sessions/slots.ts";
import { localDate } from "../../core/sessions/zones.ts";
import type { Repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { type CalendarBusy, calendarBusyFor } from "./calendar-busy.ts";

const DAY_MS = 86_400_000;

export interface LoadedParticipant {
  participant: Participant;
  name: string;
  timeZone: string;
  calendar: CalendarBusy["state"];
  /** Busy from Trellis sessions only (the database refuses these; calendar busy is advisory). */
  sessionBusy: Range[];
  hasHours: boolean;
}

/**
 * The slot finder's view of each person over a window: their hours (profile weekly hours and zone,
 * date overrides), notice and buffer, and busy time: their live sessions in any programme (but
 * `excludeSessionId`, the one being moved) plus their calendar's busy time.
 */
export async function loadParticipants(
  deps: ServerDeps,
  repos: Repositories,
  orgId: OrgId,
  people: readonly { userId: string; name: string }[],
  window: Range,
  excludeSessionId?: string,
  /**
   * Calendar busy time read beforehand. Inside a transaction pass it in: the calendar's reader
   * uses the app's own connection, which on PGlite (one connection) waits for the transaction.
   */
  calendarBusy?: Map<string, CalendarBusy>,
): Promise<LoadedParticipant[]> {
  const ids = people.map((person) => person.userId);
  // Override dates are local: take a day either side of the window so every zone is covered.
  const dates = {
    from: new Date(window.start - DAY_MS).toISOString().slice(0, 10),
    to: new Date(window.end + DAY_MS).toISOString().slice(0, 10),
  };
  // One after another: inside a transaction the repositories share one client.
  const scheduling = await repos.scheduling.forUsers(orgId, ids, dates);
  const sessionBusy = await repos.sessions.busyRanges(ids, window, excludeSessionId);
  const calendar = calendarBusy ?? (await calendarBusyFor(deps, ids, window));
  return people.map((person) => {
    const record = scheduling.get(person.userId);
    const timeZone = record?.timeZone ?? "UTC";
    const own = sessionBusy.get(person.userId) ?? [];
    const fromCalendar = calendar.get(person.userId) ?? { ranges: [], state: "none" as const };
    const overrides = record?.overrides ?? [];
    return {
      name: person.name,
      timeZone,
      calendar: fromCalendar.state,
      sessionBusy: own,
      hasHours: (record?.weekly.length ?? 0) > 0 || overrides.some((override) => override.slots.length > 0),
      participant: {
        userId: person.userId,
        name: person.name,
        availability: { timeZone, weekly: record?.weekly ?? [], overrides },
        busy: [...own, ...fromCalendar.ranges],
        minimumNoticeMinutes: record?.minimumNoticeMinutes ?? 0,
        bufferMinutes: record?.bufferMinutes ?? 0,
      },
    };
  });
}

/** Today's date in a zone ("YYYY-MM-DD"). */
export function todayIn(timeZone: string, now: Date): string {
  return localDate(now.getTime(), timeZone);
}
