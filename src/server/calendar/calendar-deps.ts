import type { Database } from "../../db/index.ts";
import { type CalendarRepository, calendarRepository } from "../../db/repositories/calendar.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { calDavClient, type CalDavCredentials } from "./caldav-client.ts";
import { createSecretBox, deriveKey, type SecretBox } from "../security/secret-box.ts";
import type { Lookup } from "./ssrf-guard.ts";

/** What the calendar use cases need from the server's dependencies. */
export type CalendarDeps = Pick<ServerDeps, "db" | "repos" | "config" | "secret" | "now"> & {
  /** Tests answer DNS for made-up hosts; the server uses the system resolver. */
  lookup?: Lookup;
};

/** The calendar repository on the database (calendar tables are the calendar feature's alone). */
export function calendarRepo(deps: Pick<CalendarDeps, "db">): CalendarRepository {
  return calendarRepository(deps.db);
}

/** Runs `work` in one transaction with the calendar repository bound to it. */
export async function inCalendarTransaction<T>(
  deps: Pick<CalendarDeps, "db">,
  work: (calendar: CalendarRepository) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) => work(calendarRepository(tx as unknown as Database)));
}

/**
 * The calendar secrets' key: the configured one (TRELLIS_CALENDAR_KEY, base64, 32 bytes), else
 * derived from the instance secret for the purpose "calendar" (the shared secret box's rule).
 */
export function calendarKey(configured: string | null, instanceSecret: string): Buffer {
  return configured ? Buffer.from(configured, "base64") : deriveKey(instanceSecret, "calendar");
}

const boxes = new WeakMap<object, SecretBox>();

/** The calendar secret box for this server's key (TRELLIS_CALENDAR_KEY, or derived from the instance secret). */
export function calendarBox(deps: Pick<CalendarDeps, "config" | "secret">): SecretBox {
  let box = boxes.get(deps.config);
  if (!box) {
    box = createSecretBox(calendarKey(deps.config.calendar.key, deps.secret));
    boxes.set(deps.config, box);
  }
  return box;
}

export function clientFor(deps: CalendarDeps, credentials: CalDavCredentials) {
  return calDavClient(credentials, {
    timeoutMs: deps.config.calendar.timeoutMs,
    allowPrivateAddresses: deps.config.calendar.allowPrivateAddresses,
    lookup: deps.lookup,
  });
}

/** The host in every UID we write (`<sessionId>@<host>`): the public URL's. */
export function uidHost(deps: Pick<CalendarDeps, "config">): string {
  return new URL(deps.config.publicUrl).hostname;
}

/** Busy time is imported from a day back to this many days ahead. */
export const IMPORT_DAYS_AHEAD = 120;
/** A connection whose last good sync is older than this shows its busy time as stale. */
export const STALE_AFTER_MS = 2 * 3_600_000;
/** How often the sweep syncs each connection. */
export const SYNC_EVERY_MS = 15 * 60_000;
