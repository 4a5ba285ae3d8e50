import type { Range } from "../../core/sessions/ranges.ts";
import { normalise } from "../../core/sessions/ranges.ts";
import type { Database } from "../../db/index.ts";
import { calendarRepository } from "../../db/repositories/calendar.repository.ts";
import { STALE_AFTER_MS } from "./calendar-deps.ts";

/**
 * A person's busy time from their connected calendars.
 * - `ranges`: busy ranges overlapping the window (merged, not clipped).
 * - `stale`: some connection's last sync failed or is older than STALE_AFTER_MS, so the ranges
 *   may be out of date (they are from the last good sync).
 * - `unknown`: some connection has never synced: its busy time is unknown, not free.
 * - `connected`: the person has at least one calendar connected.
 */
export interface CalendarBusy {
  ranges: Range[];
  stale: boolean;
  unknown: boolean;
  connected: boolean;
}

/**
 * Busy time imported from people's CalDAV calendars, for the slot finder. Every id asked for is
 * in the map (no calendar: no ranges, connected false).
 */
export async function busyRangesFor(
  db: Database,
  userIds: readonly string[],
  window: Range,
  now: Date = new Date(),
): Promise<Map<string, CalendarBusy>> {
  const calendar = calendarRepository(db);
  const connections = await calendar.connectionsOfUsers(userIds);
  const busy = await calendar.busyOverlapping(userIds, window);
  const result = new Map<string, CalendarBusy>(
    userIds.map((userId) => [userId, { ranges: [], stale: false, unknown: false, connected: false }]),
  );
  for (const connection of connections) {
    const entry = result.get(connection.userId);
    if (!entry) continue;
    entry.connected = true;
    if (connection.lastSyncedAt === null) {
      entry.unknown = true;
      entry.stale = true;
    } else if (
      connection.state === "failing" ||
      now.getTime() - connection.lastSyncedAt.getTime() > STALE_AFTER_MS
    ) {
      entry.stale = true;
    }
  }
  const byUser = new Map<string, Range[]>();
  for (const range of busy) {
    const list = byUser.get(range.userId) ?? [];
    list.push({ start: range.start, end: range.end });
    byUser.set(range.userId, list);
  }
  for (const [userId, ranges] of byUser) {
    const entry = result.get(userId);
    if (entry) entry.ranges = normalise(ranges);
  }
  return result;
}
