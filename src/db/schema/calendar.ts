import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, users } from "../schema.ts";

/** A PostgreSQL tstzrange, written and read as its text ("[2026-03-02 09:00:00+00,2026-03-02 10:00:00+00)"). */
const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

export const CALENDAR_CONNECTION_STATES = ["pending", "ok", "failing"] as const;

/**
 * A person's CalDAV calendar. It belongs to the person, not to an organisation: busy time there
 * blocks their slots in every organisation they are in. The app password is sealed with the
 * shared secret box (server/security/secret-box.ts), never stored in clear.
 * `state`: pending (connected, not yet synced), ok (last sync worked), failing (last sync failed:
 * `last_error` says why; busy time from `last_synced_at` is kept and shown as stale).
 */
export const calendarConnections = pgTable(
  "calendar_connections",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The address the person gave, and the calendar collection found from it. */
    url: text("url").notNull(),
    calendarUrl: text("calendar_url").notNull(),
    displayName: text("display_name"),
    username: text("username").notNull(),
    passwordSealed: text("password_sealed").notNull(),
    syncToken: text("sync_token"),
    state: text("state", { enum: CALENDAR_CONNECTION_STATES }).notNull().default("pending"),
    /** The end of the last sync that worked: busy time is as of then. */
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("calendar_connections_user_calendar_key").on(table.userId, table.calendarUrl),
    index("calendar_connections_due_idx").on(table.lastAttemptAt),
  ],
);

/** The calendar's objects as last synced (href, ETag, iCalendar text): sync tokens bring only changes. */
export const calendarObjects = pgTable(
  "calendar_objects",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    href: text("href").notNull(),
    etag: text("etag"),
    data: text("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.href] })],
);

/** Busy ranges expanded from a connection's objects over the import window, replaced on each sync. */
export const calendarBusy = pgTable(
  "calendar_busy",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    during: tstzrange("during").notNull(),
    sourceUid: text("source_uid").notNull(),
  },
  (table) => [
    index("calendar_busy_user_idx").on(table.userId),
    index("calendar_busy_connection_idx").on(table.connectionId),
  ],
);

/**
 * A session written into a connected calendar: where (href), its ETag for If-Match, and the
 * session version written (a repeated event delivery of an older version writes nothing).
 */
export const calendarPushed = pgTable(
  "calendar_pushed",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").notNull(),
    href: text("href").notNull(),
    etag: text("etag"),
    version: integer("version").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.sessionId] })],
);

/**
 * A person's private feed URL. The token is kept as an HMAC (to find the feed from a request)
 * and sealed (to show the URL again on the calendar page); revoked feeds answer 404. At most one
 * live feed per person: rotating revokes the old one in the same transaction.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    tokenSealed: text("token_sealed").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("calendar_feeds_token_hash_key").on(table.tokenHash),
    uniqueIndex("calendar_feeds_live_user_key").on(table.userId).where(sql`${table.revokedAt} is null`),
  ],
);
