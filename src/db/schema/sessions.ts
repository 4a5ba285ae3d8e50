import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { SESSION_STATUSES } from "../../core/sessions/session-status.ts";
import { createdAt, organisations, programmes, relationships, updatedAt, users } from "../schema.ts";

/** A PostgreSQL tstzrange, written and read as its text ("[2026-03-02 09:00:00+00,2026-03-02 10:00:00+00)"). */
const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

/**
 * A mentoring session: one meeting at one time. Sessions of a pair carry its relationship; a
 * group's (a circle, later) has none and lists its people in session_attendees. `version` rises
 * on every change of time or state (the ICS SEQUENCE, and the guard of every write).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    relationshipId: uuid("relationship_id").references(() => relationships.id, { onDelete: "cascade" }),
    /** Occurrences of one recurring booking share it; each is a session of its own (movable alone). */
    seriesId: uuid("series_id"),
    status: text("status", { enum: SESSION_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** The booker's zone (IANA), for invitations. */
    timeZone: text("time_zone").notNull(),
    format: text("format", { enum: ["video", "in_person", "phone"] }).notNull(),
    location: text("location"),
    videoUrl: text("video_url"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Who proposed the current time (waits for the others to accept it). */
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    cancelReason: text("cancel_reason"),
    cancelledLate: boolean("cancelled_late").notNull().default(false),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    /** Who did not come (no-show). */
    absentUserIds: uuid("absent_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("sessions_relationship_idx").on(table.relationshipId, table.startsAt),
    index("sessions_programme_idx").on(table.programmeId, table.status),
    index("sessions_status_start_idx").on(table.status, table.startsAt),
    index("sessions_series_idx").on(table.seriesId),
  ],
);

/**
 * One row per person per session, holding the booked range. While the session is live (proposed
 * or confirmed) the row is `live`, and the exclusion constraint added by hand in the migration,
 * `EXCLUDE USING gist (user_id WITH =, during WITH &&) WHERE (live)`, keeps any two live ranges
 * of one person from overlapping: no code path, programme or instance can double-book anyone.
 * `[)` ranges, so back-to-back sessions do not overlap.
 */
export const sessionAttendees = pgTable(
  "session_attendees",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["mentee", "mentor", "member"] }).notNull(),
    during: tstzrange("during").notNull(),
    live: boolean("live").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.userId] }),
    index("session_attendees_user_idx").on(table.userId, table.live),
  ],
);

export const sessionAgendaItems = pgTable(
  "session_agenda_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    /** "suggested" when added by the side that does not own the agenda, until the owner takes it. */
    status: text("status", { enum: ["agreed", "suggested"] }).notNull(),
    done: boolean("done").notNull().default(false),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    carriedFromSessionId: uuid("carried_from_session_id").references(() => sessions.id, {
      onDelete: "set null",
    }),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("session_agenda_items_session_idx").on(table.sessionId, table.position)],
);

export const sessionNotes = pgTable(
  "session_notes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    visibility: text("visibility", { enum: ["only_me", "pair", "coordinators"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("session_notes_session_idx").on(table.sessionId, table.createdAt)],
);

export const sessionActionItems = pgTable(
  "session_action_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    relationshipId: uuid("relationship_id").references(() => relationships.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    dueOn: date("due_on"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("session_action_items_session_idx").on(table.sessionId),
    index("session_action_items_owner_open_idx").on(table.ownerId, table.dueOn).where(sql`done_at is null`),
    index("session_action_items_relationship_idx").on(table.relationshipId, table.createdAt),
  ],
);

/** A person's hours for one local date, replacing that date's weekly hours ([] = a day off). */
export const availabilityOverrides = pgTable(
  "availability_overrides",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    date: date("date").notNull(),
    /** [{ start "HH:mm", end "HH:mm" | "24:00" }] in the profile's zone */
    slots: jsonb("slots").$type<{ start: string; end: string }[]>().notNull().default([]),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.userId, table.date] })],
);

/** How much notice a person needs before a session and how long a gap between two. */
export const schedulingPreferences = pgTable(
  "scheduling_preferences",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    minimumNoticeMinutes: integer("minimum_notice_minutes").notNull(),
    bufferMinutes: integer("buffer_minutes").notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.userId] })],
);

/**
 * One reminder per session, version and offset. A move bumps the version and adds new rows, so
 * the old rows no longer match and their jobs find nothing to send; the job claims its row with a
 * conditional update (not sent, version still current, session confirmed), so it is sent once.
 */
export const sessionReminders = pgTable(
  "session_reminders",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    offsetMinutes: integer("offset_minutes").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.version, table.offsetMinutes] }),
    index("session_reminders_due_idx").on(table.dueAt).where(sql`sent_at is null`),
  ],
);

/** Cadence nudges sent: one per relationship per lapse (the lapse named by when it began). */
export const sessionCadenceNudges = pgTable(
  "session_cadence_nudges",
  {
    relationshipId: uuid("relationship_id")
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    since: timestamp("since", { withTimezone: true }).notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.relationshipId, table.since] })],
);
