import type { Range } from "../../core/sessions/ranges.ts";
import { busyRangesFor } from "../calendar/busy.ts";
import type { ServerDeps } from "../deps.ts";

/** A person's busy time from their connected calendar, and how far to trust it. */
export interface CalendarBusy {
  ranges: Range[];
  /** "none": no calendar connected; "stale": the last sync failed or is old (the last good busy time is used); "unknown": never synced. */
  state: "none" | "fresh" | "stale" | "unknown";
}

/**
 * Busy time imported from people's own calendars (the calendar feature's `busyRangesFor`), for the
 * slot finder, with each person's state so the page can say whose calendar is stale or unknown.
 */
export async function calendarBusyFor(
  deps: ServerDeps,
  userIds: readonly string[],
  window: Range,
): Promise<Map<string, CalendarBusy>> {
  const busy = await busyRangesFor(deps.db, userIds, window, deps.now());
  return new Map(
    userIds.map((userId) => {
      const entry = busy.get(userId);
      const state: CalendarBusy["state"] = !entry?.connected
        ? "none"
        : entry.unknown
          ? "unknown"
          : entry.stale
            ? "stale"
            : "fresh";
      return [userId, { ranges: entry?.ranges ?? [], state }];
    }),
  );
}
