import type { CalendarConnection, CalendarFeed } from "../../contracts/calendar.ts";
import type { CalendarConnectionRow, CalendarFeedRow } from "../../db/repositories/calendar.repository.ts";
import { STALE_AFTER_MS } from "./calendar-deps.ts";

/** A connection as its owner sees it: never the password (sealed or not) nor the sync token. */
export function presentConnection(row: CalendarConnectionRow, now: Date): CalendarConnection {
  const stale =
    row.lastSyncedAt === null ||
    row.state === "failing" ||
    now.getTime() - row.lastSyncedAt.getTime() > STALE_AFTER_MS;
  return {
    id: row.id,
    url: row.url,
    calendarUrl: row.calendarUrl,
    displayName: row.displayName,
    username: row.username,
    state: row.state,
    stale,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The feed with its address (the token opened from its sealed copy), or none. */
export function presentFeed(row: CalendarFeedRow | null, url: string | null): CalendarFeed {
  return {
    url: row ? url : null,
    createdAt: row?.createdAt.toISOString() ?? null,
    lastReadAt: row?.lastReadAt?.toISOString() ?? null,
  };
}
