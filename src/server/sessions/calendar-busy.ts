import type { Range } from "../../core/sessions/ranges.ts";
import type { ServerDeps } from "../deps.ts";

/** A person's busy time from their connected calendar, and whether it is fresh. */
export interface CalendarBusy {
  ranges: Range[];
  /** "none": no calendar connected; "stale": the last sync failed (older busy time used); "unknown": never synced. */
  state: "none" | "fresh" | "stale" | "unknown";
}

/**
 * Busy time imported from people's own calendars, for the slot finder. The calendar feature
 * (src/server/calendar/busy.ts, `busyRangesFor`) provides it; until it is wired here everyone
 * reads as having no calendar connected, and only Trellis sessions count as busy.
 */
export async function calendarBusyFor(
  _deps: ServerDeps,
  userIds: readonly string[],
  _window: Range,
): Promise<Map<string, CalendarBusy>> {
  return new Map(userIds.map((userId) => [userId, { ranges: [], state: "none" as const }]));
}
