import type { CalendarConnectionRow } from "../../db/repositories/calendar.repository.ts";
import { busyFromCalendarObjects } from "./busy-import.ts";
import { CalDavError } from "./caldav-client.ts";
import {
  type CalendarDeps,
  calendarBox,
  calendarRepo,
  clientFor,
  IMPORT_DAYS_AHEAD,
  inCalendarTransaction,
} from "./calendar-deps.ts";

export type SyncOutcome =
  | { ok: true; busyRanges: number; objects: number; full: boolean }
  | { ok: false; error: string };

const DAY_MS = 86_400_000;

/**
 * Imports a connection's busy time: the changes since its sync token (or everything), applied to
 * the kept objects, then the busy ranges of the import window expanded again from them. A
 * failure (401, 500, timeout, not CalDAV) marks the connection failing with the message and
 * keeps the busy time of the last good sync, which readers then see as stale. Never throws for
 * a remote failure.
 */
export async function syncConnection(
  deps: CalendarDeps,
  connection: CalendarConnectionRow,
): Promise<SyncOutcome> {
  const started = deps.now();
  try {
    const client = clientFor(deps, {
      url: connection.calendarUrl,
      username: connection.username,
      password: calendarBox(deps).open(connection.passwordSealed),
    });
    const result = await client.sync(connection.calendarUrl, connection.syncToken);
    await calendarRepo(deps).applyObjects(connection.id, result);
    const texts = await calendarRepo(deps).objectTexts(connection.id);
    const ownerZone = await calendarRepo(deps).ownerZone(connection.userId);
    const now = deps.now().getTime();
    const window = { start: now - DAY_MS, end: now + IMPORT_DAYS_AHEAD * DAY_MS };
    const { busy } = busyFromCalendarObjects(texts, window, ownerZone);
    await inCalendarTransaction(deps, async (calendar) => {
      await calendar.replaceBusy(connection.id, connection.userId, busy);
      await calendar.markSynced(connection.id, { syncToken: result.syncToken, at: deps.now() });
    });
    return { ok: true, busyRanges: busy.length, objects: texts.length, full: result.full };
  } catch (error) {
    const message =
      error instanceof CalDavError
        ? error.message
        : "Trellis could not read this calendar (an unexpected error). It will try again.";
    await calendarRepo(deps).markFailed(connection.id, { error: message, at: started });
    if (!(error instanceof CalDavError)) throw error;
    return { ok: false, error: message };
  }
}

/**
 * The periodic import: claims connections not tried for `everyMs` (each instance takes
 * different ones) and syncs them one after another.
 */
export async function syncDueConnections(
  deps: CalendarDeps,
  options: { everyMs: number; limit: number },
): Promise<{ synced: number; failed: number }> {
  const now = deps.now();
  const due = await calendarRepo(deps).claimDueConnections(
    new Date(now.getTime() - options.everyMs),
    now,
    options.limit,
  );
  let synced = 0;
  let failed = 0;
  for (const connection of due) {
    const outcome = await syncConnection(deps, connection).catch(() => ({ ok: false }) as const);
    if (outcome.ok) synced += 1;
    else failed += 1;
  }
  return { synced, failed };
}
