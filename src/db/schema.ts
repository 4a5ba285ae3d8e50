import { sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../core/relationships/relationship-status.ts";
import { OPEN_REQUEST_STATUSES } from "../core/requests/request-status.ts";
import {
  ENROLMENT_ROLES,
  ENROLMENT_STATUSES,
  MATCHING_MODES,
  PROGRAMME_STATUSES,
  PROGRAMME_TYPES,
  RELATIONSHIP_STATUSES,
  REQUEST_STATUSES,
} from "../core/programmes/types.ts";
import {
  bigserial,
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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { statusList } from "./status-sql.ts";

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Instance-wide settings, such as generated secrets. One row per key, shared by every server instance. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    lastOrgId: uuid("last_org_id").references(() => organisations.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("users_email_key").on(table.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    status: text("status", { enum: ["active", "deactivated"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.userId] }),
    index("memberships_user_idx").on(table.userId),
  ],
);

export const signInSessions = pgTable(
  "sign_in_sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("sign_in_sessions_token_hash_key").on(table.tokenHash),
    index("sign_in_sessions_user_idx").on(table.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("invitations_token_hash_key").on(table.tokenHash),
    index("invitations_org_idx").on(table.orgId),
  ],
);

/** Single-use tokens sent by email: password resets and email verification. Only a hash is stored. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["password_reset", "verify_email"] }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("email_tokens_user_idx").on(table.userId)],
);

/** Every email the system sends; with no SMTP server configured this is the outbox admins read. */
export const sentEmails = pgTable(
  "sent_emails",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    transport: text("transport", { enum: ["smtp", "outbox"] }).notNull(),
    /**
     * queued → sent, or → retrying (again at next_attempt_at) → ... → failed after the last try;
     * stored: kept in the outbox (no SMTP server). See core/email/delivery.ts.
     */
    state: text("state", { enum: ["queued", "sent", "retrying", "failed", "stored"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** When a sender may (next) claim the row; while one holds it, the end of its lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** The SMTP server's answer (or the connection error) of the last failed try. */
    lastError: text("last_error"),
    /** The email this one resends, when an admin resent it. */
    resendOf: uuid("resend_of"),
    /**
     * Set by a sender that may run twice for one cause (an event consumer retried after a crash):
     * a second email with the same key is not recorded, so it is sent once.
     */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
  },
  (table) => [
    index("sent_emails_org_idx").on(table.orgId, table.createdAt),
    index("sent_emails_to_idx").on(table.toAddress),
    uniqueIndex("sent_emails_dedupe_key").on(table.dedupeKey),
    index("sent_emails_due_idx").on(table.nextAttemptAt).where(sql`${table.state} in ('queued', 'retrying')`),
  ],
);

/** An organisation's own wording of one kind of email (core/email/email-kinds.ts); none = the default. */
export const emailTemplates = pgTable(
  "email_templates",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.kind] })],
);

// ---------------------------------------------------------------------------------------------
// Programmes: profiles, programmes, enrolments, requests, relationships, match runs, notifications.
// Every table carries org_id so every query can be scoped by organisation.
// ---------------------------------------------------------------------------------------------

export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** The organisation's skill list; profiles may also name skills that are not on it. */
export const orgSkills = pgTable(
  "org_skills",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    category: text("category"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("org_skills_name_key").on(table.orgId, sql`lower(${table.name})`)],
);

/**
 * A person's profile within one organisation (a person in two organisations has two profiles).
 * Lists are jsonb/text[]; `search` is a generated tsvector for full-text mentor search.
 */
export const profiles = pgTable(
  "profiles",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    headline: text("headline").notNull().default(""),
    bio: text("bio").notNull().default(""),
    jobTitle: text("job_title").notNull().default(""),
    department: text("department").notNull().default(""),
    managerId: uuid("manager_id").references(() => users.id, { onDelete: "set null" }),
    location: text("location").notNull().default(""),
    timeZone: text("time_zone").notNull().default("UTC"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    yearsExperience: integer("years_experience"),
    /** [{ skill, level 1..5 }] */
    skillsOffered: jsonb("skills_offered").$type<{ skill: string; level: number }[]>().notNull().default([]),
    skillsWanted: jsonb("skills_wanted").$type<{ skill: string; level: number }[]>().notNull().default([]),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    careerGoals: text("career_goals").notNull().default(""),
    /** [{ day 1..7, start "HH:MM", end "HH:MM" }] in the profile's time zone */
    availability: jsonb("availability")
      .$type<{ day: number; start: string; end: string }[]>()
      .notNull()
      .default([]),
    links: jsonb("links").$type<{ label: string; url: string }[]>().notNull().default([]),
    /** Section name -> "organisation" | "programme" | "admins": who may see that part. */
    visibility: jsonb("visibility").$type<Record<string, string>>().notNull().default({}),
    photoContentType: text("photo_content_type"),
    photo: bytea("photo"),
    photoUpdatedAt: timestamp("photo_updated_at", { withTimezone: true }),
    /** Plain text of offered skills and topics, kept by the repository for the search vector. */
    searchText: text("search_text").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(headline, '') || ' ' || coalesce(job_title, '')), 'A') || setweight(to_tsvector('simple', coalesce(search_text, '')), 'A') || setweight(to_tsvector('english', coalesce(bio, '') || ' ' || coalesce(career_goals, '')), 'B')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.userId] }),
    index("profiles_search_idx").using("gin", table.search),
    index("profiles_department_idx").on(table.orgId, table.department),
  ],
);

export const programmes = pgTable(
  "programmes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", { enum: PROGRAMME_TYPES }).notNull(),
    status: text("status", { enum: PROGRAMME_STATUSES }).notNull().default("draft"),
    template: text("template"),
    evergreen: boolean("evergreen").notNull().default(false),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** Which roles people may register for: ["mentee", "mentor"] (peer programmes: both). */
    rolesOffered: text("roles_offered").array().notNull().default(sql`'{mentee,mentor}'::text[]`),
    defaultMentorCapacity: integer("default_mentor_capacity").notNull().default(1),
    matchingMode: text("matching_mode", { enum: MATCHING_MODES }).notNull().default("both"),
    /** The registration form: [{ id, kind, label, options?, required, usedInMatching, ... }] */
    registrationForm: jsonb("registration_form").$type<unknown[]>().notNull().default([]),
    /** The matcher's config (criteria and weights), validated by core/matching. */
    matchConfig: jsonb("match_config").$type<{ criteria: unknown[] }>().notNull().default({ criteria: [] }),
    requestExpiryDays: integer("request_expiry_days").notNull().default(14),
    requestReminderDays: integer("request_reminder_days").notNull().default(3),
    pendingRequestCap: integer("pending_request_cap").notNull().default(3),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    /** Sessions: picking a slot books it for both (true) or proposes it to the other side (false). */
    instantBooking: boolean("instant_booking").notNull().default(false),
    /** Sessions cancelled less than this many hours before the start are recorded as late. */
    lateCancelHours: integer("late_cancel_hours").notNull().default(24),
    /** Session reminders, in minutes before the start. */
    reminderOffsetsMinutes: integer("reminder_offsets_minutes")
      .array()
      .notNull()
      .default(sql`'{1440,60}'::integer[]`),
    /** HMAC of the invite-link token (null: no link). */
    joinTokenHash: text("join_token_hash"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("programmes_org_idx").on(table.orgId, table.status),
    uniqueIndex("programmes_join_token_key").on(table.joinTokenHash),
  ],
);

/** A person's place in a programme: role, capacity, answers to the registration form. */
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ENROLMENT_ROLES }).notNull(),
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull().default("active"),
    /** How many mentees this person mentors at once (mentors). */
    mentorCapacity: integer("mentor_capacity").notNull().default(1),
    /** Question id -> answer (string, number or string[]). */
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    source: text("source", { enum: ["self", "invite", "import", "admin"] })
      .notNull()
      .default("self"),
    pausedUntil: date("paused_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("enrolments_programme_user_key").on(table.programmeId, table.userId),
    index("enrolments_user_idx").on(table.userId),
    index("enrolments_programme_role_idx").on(table.programmeId, table.role, table.status),
  ],
);

/**
 * The search vector of each mentor (role mentor or both) of each programme, copied from their
 * profile by triggers (migration 0002) on profiles and enrolments, so that one GIN index over
 * (programme, words) finds a programme's matching mentors without touching anyone else's row:
 * a word that 16,000 of an organisation's profiles contain costs a 10,000-mentor programme only
 * its own 1,600. Never written by the application.
 */
export const mentorSearchDocs = pgTable(
  "mentor_search_docs",
  {
    orgId: uuid("org_id").notNull(),
    programmeId: uuid("programme_id").notNull(),
    userId: uuid("user_id").notNull(),
    search: tsvector("search").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.programmeId, table.userId] }),
    // A btree_gin column first: the programme narrows the words' posting lists inside the index.
    index("mentor_search_docs_search_idx").using("gin", table.programmeId, table.search),
    index("mentor_search_docs_user_idx").on(table.userId),
  ],
);

/** A CSV import run: progress and per-row errors, readable from any instance. */
export const csvImports = pgTable(
  "csv_imports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["running", "completed", "failed"] })
      .notNull()
      .default("running"),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    /** [{ line, field, message }] */
    errors: jsonb("errors").$type<{ line: number; field: string; message: string }[]>().notNull().default([]),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("csv_imports_programme_idx").on(table.programmeId, table.createdAt)],
);

/** A mentee's request to a mentor, in GROW form. */
export const mentoringRequests = pgTable(
  "mentoring_requests",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("pending"),
    goal: text("goal").notNull(),
    reality: text("reality").notNull().default(""),
    options: text("options").notNull().default(""),
    will: text("will").notNull().default(""),
    /** { cadence, format, commitment, ... } the mentee proposes. */
    expectations: jsonb("expectations").$type<Record<string, unknown>>().notNull().default({}),
    /** The mentor's question when asking for more information, and the mentee's answer. */
    infoQuestion: text("info_question"),
    infoAnswer: text("info_answer"),
    /** Why it was declined or withdrawn (e.g. "at capacity", "matched with another mentor"). */
    closeReason: text("close_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (table) => [
    index("requests_mentor_idx").on(table.mentorId, table.status),
    index("requests_mentee_idx").on(table.menteeId, table.status),
    index("requests_programme_idx").on(table.programmeId, table.status),
    index("requests_expiry_idx").on(table.status, table.expiresAt),
    uniqueIndex("requests_open_pair_key")
      .on(table.programmeId, table.menteeId, table.mentorId)
      .where(sql`status in (${statusList(OPEN_REQUEST_STATUSES)})`),
  ],
);

export const relationships = pgTable(
  "relationships",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: RELATIONSHIP_STATUSES }).notNull().default("proposed"),
    origin: text("origin", { enum: ["request", "bulk", "admin"] }).notNull(),
    requestId: uuid("request_id").references(() => mentoringRequests.id, { onDelete: "set null" }),
    matchRunId: uuid("match_run_id"),
    score: integer("score"),
    endsOn: date("ends_on"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id, { onDelete: "set null" }),
    endReason: text("end_reason"),
    fitCheckDueOn: date("fit_check_due_on"),
    /** userId -> { answer: "good" | "end", at } */
    fitCheck: jsonb("fit_check")
      .$type<Record<string, { answer: string; at: string }>>()
      .notNull()
      .default({}),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("relationships_programme_idx").on(table.programmeId, table.status),
    index("relationships_mentee_idx").on(table.menteeId, table.status),
    index("relationships_mentor_idx").on(table.mentorId, table.status),
    uniqueIndex("relationships_live_pair_key")
      .on(table.programmeId, table.menteeId, table.mentorId)
      .where(sql`status in (${statusList(LIVE_RELATIONSHIP_STATUSES)})`),
  ],
);

/** The expectations both sides confirm at the start of a relationship. */
export const agreements = pgTable("agreements", {
  relationshipId: uuid("relationship_id")
    .primaryKey()
    .references(() => relationships.id, { onDelete: "cascade" }),
  orgId: uuid("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  cadence: text("cadence", { enum: ["weekly", "fortnightly", "monthly", "as_needed"] })
    .notNull()
    .default("fortnightly"),
  formats: text("formats").array().notNull().default(sql`'{video}'::text[]`),
  /** Minutes a month each side commits. */
  minutesPerMonth: integer("minutes_per_month").notNull().default(120),
  /** The length of one session (30, 45, 60 or 90 minutes). */
  sessionMinutes: integer("session_minutes").notNull().default(60),
  confidentiality: text("confidentiality").notNull().default(""),
  endsOn: date("ends_on"),
  firstGoals: jsonb("first_goals").$type<string[]>().notNull().default([]),
  /** Bumped by every change; a confirmation is for one version. */
  version: integer("version").notNull().default(1),
  menteeConfirmedVersion: integer("mentee_confirmed_version"),
  mentorConfirmedVersion: integer("mentor_confirmed_version"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

export const MATCH_RUN_STATUSES = [
  "running",
  "draft",
  "published",
  "failed",
  "cancelled",
  "discarded",
] as const;

/** One bulk-matching run of a programme: progress while it runs, then an editable draft. */
export const matchRuns = pgTable(
  "match_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    status: text("status", { enum: MATCH_RUN_STATUSES }).notNull().default("running"),
    /** { phase, done, total } as reported by the matcher. */
    progress: jsonb("progress").$type<{ phase: string; done: number; total: number }>(),
    config: jsonb("config").$type<unknown>().notNull(),
    /** Summary: counts, greedy comparison, score distribution, unmatched people with reasons. */
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    error: text("error"),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (table) => [index("match_runs_programme_idx").on(table.programmeId, table.createdAt)],
);

/** The pairs of a run's draft; the manager locks, swaps and removes them before publishing. */
export const matchRunPairs = pgTable(
  "match_run_pairs",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => matchRuns.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    /** Per-criterion explanation from core/matching explainPair. */
    explanation: jsonb("explanation").$type<unknown>().notNull(),
    locked: boolean("locked").notNull().default(false),
    /** Added or changed by the manager rather than the matcher. */
    manual: boolean("manual").notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.menteeId, table.mentorId] }),
    index("match_run_pairs_mentor_idx").on(table.runId, table.mentorId),
  ],
);

/**
 * The outbox: "something happened", written in the transaction that made the change, then read by
 * consumers after commit (in-app notifications, email, realtime). The kinds and payload shapes are
 * the closed catalogue in src/contracts/events.ts. `seq` orders events; `id` names one.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The thing it happened to ("request", "relationship"), for its history. */
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("domain_events_org_seq_idx").on(table.orgId, table.seq),
    index("domain_events_subject_idx").on(table.subjectId, table.seq),
    /** A relationship's history: its relationship.changed events in time order. */
    index("domain_events_history_idx")
      .on(table.subjectId, table.occurredAt)
      .where(sql`kind = 'relationship.changed'`),
  ],
);

/**
 * One row per (event, consumer): the consumer's progress on that event. Claimed with a lease
 * (`lockedUntil`) under FOR UPDATE SKIP LOCKED, so any instance may work on it and each delivery runs
 * on one at a time; `state` is pending, done or failed (after the last attempt).
 */
export const eventDeliveries = pgTable(
  "event_deliveries",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => domainEvents.id, { onDelete: "cascade" }),
    consumer: text("consumer").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["pending", "done", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Not before this time (backoff after a failure). */
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    /** An instance holds it until then; after, another may take it (the holder died). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.consumer] }),
    index("event_deliveries_due_idx").on(table.runAfter).where(sql`state = 'pending'`),
    index("event_deliveries_failed_idx").on(table.orgId).where(sql`state = 'failed'`),
  ],
);

/**
 * In-app notifications: one per (event, recipient). The text is rendered from the event when read,
 * in the reader's language and time zone; `title`/`body` hold text only for rows older than events.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => domainEvents.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    /** Path in the web app, e.g. "/mentoring/requests/…". */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index("notifications_user_idx").on(table.userId, table.orgId, table.createdAt),
    uniqueIndex("notifications_event_user_key").on(table.eventId, table.userId),
  ],
);

/**
 * Shared rate-limit counters: one row per limited key (e.g. sign-in attempts for one account), a
 * fixed window. Kept in the database, not in process memory, so every instance counts against the
 * same budget. `expires_at` lets expired rows be deleted cheaply (see rate-limits.repository.ts).
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("rate_limit_counters_expires_idx").on(table.expiresAt)],
);
