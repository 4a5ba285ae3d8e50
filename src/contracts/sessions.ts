import { z } from "zod";
import { SESSION_ACTIONS, SESSION_STATUSES } from "../core/sessions/session-status.ts";
import { IdSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { AvailabilitySlotSchema } from "./profiles.ts";
import { DaySchema, ProgrammeSummarySchema } from "./relationships.ts";

/**
 * Mentoring sessions (issue 10): finding a time, booking, changing, and what was agreed. Every
 * instant on the wire is an ISO 8601 string in UTC; the page shows it in the viewer's profile zone
 * (`timeZone` of each answer names it) and the other person's beside it.
 */

export const SessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatusValue = z.infer<typeof SessionStatusSchema>;
export const SessionActionSchema = z.enum(SESSION_ACTIONS);

/** How a session is held (messaging is an agreement format, not a meeting one). */
export const SESSION_FORMATS = ["video", "in_person", "phone"] as const;
export const SessionFormatSchema = z.enum(SESSION_FORMATS, { error: "must be video, in_person or phone" });
export type SessionFormat = z.infer<typeof SessionFormatSchema>;

/** The lengths an agreement may set for its sessions (minutes). */
export const SESSION_LENGTHS = [30, 45, 60, 90] as const;
export const SessionLengthSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be 30, 45, 60 or 90" })
  .refine((value) => (SESSION_LENGTHS as readonly number[]).includes(value), {
    error: "must be 30, 45, 60 or 90",
  });

export const NOTE_VISIBILITIES = ["only_me", "pair", "coordinators"] as const;
export const NoteVisibilitySchema = z.enum(NOTE_VISIBILITIES, {
  error: "must be only_me, pair or coordinators",
});
export type NoteVisibility = z.infer<typeof NoteVisibilitySchema>;

/** A session's version: +1 on every change of its time or state. A write names the one it saw (stale: 409). */
export const SessionVersionSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be 1 or more" })
  .max(1_000_000, { error: "is too large" });

export const SessionParamsSchema = z.strictObject({ orgId: IdSchema, sessionId: IdSchema });
export const SessionItemParamsSchema = z.strictObject({
  orgId: IdSchema,
  sessionId: IdSchema,
  itemId: IdSchema,
});
export const RelationshipSessionsParamsSchema = z.strictObject({ orgId: IdSchema, relationshipId: IdSchema });
export const ProgrammeSessionsParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });
export { OrgIdParamsSchema };

const Text = (max: number, min = 1) =>
  z
    .string({ error: "must be text" })
    .trim()
    .min(min, { error: min === 1 ? "is required" : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` });

// ───────────────────────────── availability and preferences

/** A date override: the hours of one local date replace its weekly hours ([] = a day off). */
export const DateOverrideSchema = z.strictObject({
  date: DaySchema,
  slots: z
    .array(
      z.strictObject({ start: AvailabilitySlotSchema.shape.start, end: AvailabilitySlotSchema.shape.end }),
    )
    .max(12, { error: "must have at most 12 times" }),
});
export type DateOverrideValue = z.infer<typeof DateOverrideSchema>;

export const MinimumNoticeSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number of minutes" })
  .min(0, { error: "must be 0 or more" })
  .max(20_160, { error: "must be at most 20160 (14 days)" });
export const BufferSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number of minutes" })
  .min(0, { error: "must be 0 or more" })
  .max(240, { error: "must be at most 240 (4 hours)" });

/** My scheduling: weekly hours and zone come from my profile (changed there); the rest is here. */
export const SchedulingSchema = z.object({
  timeZone: z.string(),
  weekly: z.array(AvailabilitySlotSchema),
  overrides: z.array(DateOverrideSchema),
  minimumNoticeMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
});
export type Scheduling = z.infer<typeof SchedulingSchema>;

export const UpdateSchedulingRequestSchema = z.strictObject({
  overrides: z
    .array(DateOverrideSchema)
    .max(366, { error: "must have at most 366 dates" })
    .superRefine((items, context) => {
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.date)) context.addIssue({ code: "custom", message: `lists ${item.date} twice` });
        seen.add(item.date);
      }
    }),
  minimumNoticeMinutes: MinimumNoticeSchema,
  bufferMinutes: BufferSchema,
});
export type UpdateSchedulingRequest = z.infer<typeof UpdateSchedulingRequestSchema>;

// ───────────────────────────── finding a time

export const SlotSearchQuerySchema = z.strictObject({
  /** First local day to search (default: today in my zone). */
  from: DaySchema.optional(),
  /** How many weeks to search (default 4, at most 12). */
  weeks: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be 1 or more" })
    .max(12, { error: "must be at most 12" })
    .optional(),
  /** Session length in minutes (default: the agreement's). */
  length: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be 30, 45, 60 or 90" })
    .refine((value) => (SESSION_LENGTHS as readonly number[]).includes(value), {
      error: "must be 30, 45, 60 or 90",
    })
    .optional(),
  /** A session being moved: its own time does not count as busy. */
  excludeSessionId: IdSchema.optional(),
});
export type SlotSearchQuery = z.infer<typeof SlotSearchQuerySchema>;

export const SlotSchema = z.object({ start: TimestampSchema, end: TimestampSchema });
export type SlotValue = z.infer<typeof SlotSchema>;

export const SlotParticipantSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  timeZone: z.string(),
  /** Calendar busy time: "none" no calendar connected, "fresh" synced, "stale" last sync failed (older busy time used), "unknown" never synced. */
  calendar: z.enum(["none", "fresh", "stale", "unknown"]),
  hasHours: z.boolean().describe("Has weekly hours or overrides in the window"),
});

export const SlotSearchSchema = z.object({
  lengthMinutes: z.number().int(),
  /** The programme books a picked slot at once ("Book"); otherwise the other side accepts it ("Propose"). */
  instantBooking: z.boolean(),
  /** The agreement's cadence, the default of a series (weekly → every 1 week, fortnightly → 2, monthly → 4). */
  cadence: z.string(),
  window: SlotSchema,
  /** The viewer's zone; every other participant's zone is in `participants`. */
  timeZone: z.string(),
  participants: z.array(SlotParticipantSchema),
  slots: z.array(SlotSchema),
  /** When `slots` is empty: the nearest times free for everyone but outside someone's hours. */
  nearest: z.array(SlotSchema.extend({ outsideHours: z.array(IdSchema) })),
});
export type SlotSearch = z.infer<typeof SlotSearchSchema>;

// ───────────────────────────── sessions

export const AttendeeSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  /** Their role in the pair (a circle's members are "member", later). */
  role: z.enum(["mentee", "mentor", "member"]),
  timeZone: z.string(),
});

export const SessionViewerSchema = z.object({
  role: z.enum(["mentee", "mentor", "member", "admin"]),
  actions: z.array(SessionActionSchema),
  /** Adds agenda items that count (mentoring: the mentee; coaching: the coach). Others suggest. */
  ownsAgenda: z.boolean(),
  /** Awaiting my acceptance (proposed by the other side). */
  mustAnswer: z.boolean(),
});

export const SessionSchema = z.object({
  id: IdSchema,
  programme: ProgrammeSummarySchema.extend({ type: z.string() }),
  relationshipId: IdSchema.nullable(),
  seriesId: IdSchema.nullable(),
  status: SessionStatusSchema,
  version: z.number().int(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  lengthMinutes: z.number().int(),
  /** The booker's zone (for invitations); pages use the viewer's. */
  timeZone: z.string(),
  format: SessionFormatSchema,
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  attendees: z.array(AttendeeSchema),
  proposedBy: IdSchema.nullable(),
  cancelledByName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledLate: z.boolean(),
  /** From this instant a cancellation counts as late (the programme's window before the start). */
  lateCancelAfter: TimestampSchema,
  /** Who did not come (no_show). */
  absentUserIds: z.array(IdSchema),
  recordedByName: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  viewer: SessionViewerSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z.object({
  timeZone: z.string().describe("The viewer's profile zone"),
  sessions: z.array(SessionSchema),
});
export type SessionList = z.infer<typeof SessionListSchema>;

export const MySessionsQuerySchema = z.strictObject({
  /** upcoming (default): live sessions ending after now, soonest first; past: the rest, latest first. */
  when: z.enum(["upcoming", "past"], { error: "must be upcoming or past" }).optional(),
  /** A week view: sessions starting in [from, to) (instants), any state. */
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type MySessionsQuery = z.infer<typeof MySessionsQuerySchema>;

export const RecurrenceRequestSchema = z
  .strictObject({
    everyWeeks: z.union([z.literal(1), z.literal(2), z.literal(4)], { error: "must be 1, 2 or 4" }),
    count: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(2, { error: "must be at least 2" })
      .max(26, { error: "must be at most 26" })
      .optional(),
    until: DaySchema.optional(),
  })
  .superRefine((rule, context) => {
    if ((rule.count === undefined) === (rule.until === undefined))
      context.addIssue({
        code: "custom",
        path: ["count"],
        message: "give either count or until (a series must end)",
      });
  });
export type RecurrenceRequest = z.infer<typeof RecurrenceRequestSchema>;

const SessionPlaceFields = {
  format: SessionFormatSchema,
  location: Text(300).nullable().optional().describe("Where (in person), or a phone number"),
  videoUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) link" })
    .max(500, { error: "must be at most 500 characters" })
    .nullable()
    .optional(),
};

export const BookSessionRequestSchema = z.strictObject({
  startsAt: TimestampSchema,
  /** Default: the agreement's session length. */
  lengthMinutes: SessionLengthSchema.optional(),
  ...SessionPlaceFields,
  /** Repeat at the same local time (the agreement's cadence, usually); each occurrence movable alone. */
  recurrence: RecurrenceRequestSchema.optional(),
});
export type BookSessionRequest = z.infer<typeof BookSessionRequestSchema>;

export const BookedSessionsSchema = z.object({
  /** The first session, then the rest of the series in time order. */
  sessions: z.array(SessionSchema),
  /** Occurrences of a series not booked because someone was busy or away (the rest were booked). */
  skipped: z.array(SlotSchema.extend({ reason: z.string() })),
});
export type BookedSessions = z.infer<typeof BookedSessionsSchema>;

export const VersionedRequestSchema = z.strictObject({ version: SessionVersionSchema });

export const DeclineSessionRequestSchema = z.strictObject({
  version: SessionVersionSchema,
  reason: Text(500).optional(),
});

export const RescheduleSessionRequestSchema = z.strictObject({
  version: SessionVersionSchema,
  startsAt: TimestampSchema,
  lengthMinutes: SessionLengthSchema.optional(),
});
export type RescheduleSessionRequest = z.infer<typeof RescheduleSessionRequestSchema>;

export const UpdateSessionDetailsRequestSchema = z.strictObject({
  version: SessionVersionSchema,
  ...SessionPlaceFields,
});

export const CancelSessionRequestSchema = z.strictObject({
  version: SessionVersionSchema,
  reason: Text(500, 3),
});
export type CancelSessionRequest = z.infer<typeof CancelSessionRequestSchema>;

export const RecordOutcomeRequestSchema = z.strictObject({
  version: SessionVersionSchema,
  /** held: we met; no_show: the other side did not come. */
  outcome: z.enum(["held", "no_show"], { error: "must be held or no_show" }),
});
export type RecordOutcomeRequest = z.infer<typeof RecordOutcomeRequestSchema>;

// ───────────────────────────── the session page: agenda, notes, action items

export const AgendaItemSchema = z.object({
  id: IdSchema,
  text: z.string(),
  /** suggested: added by the side that does not own the agenda, until the owner takes it. */
  status: z.enum(["agreed", "suggested"]),
  done: z.boolean(),
  addedBy: z.object({ userId: IdSchema, name: z.string() }),
  /** Carried over from an earlier session of the pair (its id). */
  carriedFromSessionId: IdSchema.nullable(),
  position: z.number().int(),
  createdAt: TimestampSchema,
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const AddAgendaItemRequestSchema = z.strictObject({ text: Text(500) });
export const UpdateAgendaItemRequestSchema = z.strictObject({
  text: Text(500).optional(),
  done: z.boolean({ error: "must be true or false" }).optional(),
  /** The agenda's owner takes a suggestion ("agreed"). */
  status: z.literal("agreed", { error: "must be agreed" }).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});

export const NoteSchema = z.object({
  id: IdSchema,
  text: z.string(),
  visibility: NoteVisibilitySchema,
  author: z.object({ userId: IdSchema, name: z.string() }),
  mine: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const AddNoteRequestSchema = z.strictObject({ text: Text(5000), visibility: NoteVisibilitySchema });
export const UpdateNoteRequestSchema = z.strictObject({
  text: Text(5000).optional(),
  visibility: NoteVisibilitySchema.optional(),
});

export const ActionItemSchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  relationshipId: IdSchema.nullable(),
  text: z.string(),
  owner: z.object({ userId: IdSchema, name: z.string() }),
  dueOn: DaySchema.nullable(),
  done: z.boolean(),
  doneAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const AddActionItemRequestSchema = z.strictObject({
  text: Text(500),
  /** One of the session's attendees. */
  ownerId: IdSchema,
  dueOn: DaySchema.nullable().optional(),
});
export const UpdateActionItemRequestSchema = z.strictObject({
  text: Text(500).optional(),
  ownerId: IdSchema.optional(),
  dueOn: DaySchema.nullable().optional(),
  done: z.boolean({ error: "must be true or false" }).optional(),
});

/** One session's page. Managers get no agenda and only the notes shared with coordinators. */
export const SessionDetailSchema = z.object({
  timeZone: z.string().describe("The viewer's profile zone"),
  session: SessionSchema,
  agenda: z.array(AgendaItemSchema),
  notes: z.array(NoteSchema),
  actionItems: z.array(ActionItemSchema),
  /** From the pair's previous session: agenda items not done and open action items, carried over. */
  carriedOver: z.object({
    previousSessionId: IdSchema.nullable(),
    openAgenda: z.array(AgendaItemSchema),
    openActionItems: z.array(ActionItemSchema),
  }),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const MyActionItemsSchema = z.object({ actionItems: z.array(ActionItemSchema) });

// ───────────────────────────── managers

/** A programme's rules for sessions (admins change them on the programme's settings). */
export const SessionSettingsSchema = z.object({
  instantBooking: z
    .boolean()
    .describe("A picked slot is booked at once; otherwise the other side accepts it"),
  lateCancelHours: z
    .number()
    .int()
    .describe("Cancelling less than this many hours before is recorded as late"),
  reminderOffsetsMinutes: z.array(z.number().int()).describe("Reminders, in minutes before the start"),
});
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;

export const UpdateSessionSettingsRequestSchema = z.strictObject({
  instantBooking: z.boolean({ error: "must be true or false" }),
  lateCancelHours: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number of hours" })
    .min(0, { error: "must be 0 or more" })
    .max(168, { error: "must be at most 168 (a week)" }),
  reminderOffsetsMinutes: z
    .array(
      z
        .number({ error: "must be a number" })
        .int({ error: "must be a whole number of minutes" })
        .min(5, { error: "must be at least 5 minutes" })
        .max(20_160, { error: "must be at most 20160 (14 days)" }),
    )
    .max(4, { error: "must have at most 4 reminders" })
    .refine((offsets) => new Set(offsets).size === offsets.length, { error: "lists a reminder twice" }),
});
export type UpdateSessionSettingsRequest = z.infer<typeof UpdateSessionSettingsRequestSchema>;

export const PairSessionStatsSchema = z.object({
  relationshipId: IdSchema,
  mentee: z.object({ userId: IdSchema, name: z.string() }),
  mentor: z.object({ userId: IdSchema, name: z.string() }),
  relationshipStatus: z.string(),
  held: z.number().int(),
  cancelled: z.number().int(),
  cancelledLate: z.number().int(),
  /** No-shows. */
  missed: z.number().int(),
  upcoming: z.number().int(),
  /** Hours of held sessions, to one decimal. */
  hoursLogged: z.number(),
  lastHeldAt: TimestampSchema.nullable(),
  nextAt: TimestampSchema.nullable(),
});
export const ProgrammeSessionStatsSchema = z.object({
  programme: ProgrammeSummarySchema,
  pairs: z.array(PairSessionStatsSchema),
});
export type ProgrammeSessionStats = z.infer<typeof ProgrammeSessionStatsSchema>;

/** Home's part: my next session and my open action items. */
export const HomeSessionSchema = z.object({
  id: IdSchema,
  relationshipId: IdSchema.nullable(),
  programme: ProgrammeSummarySchema,
  status: SessionStatusSchema,
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  format: SessionFormatSchema,
  /** The other people, by name. */
  with: z.array(z.object({ userId: IdSchema, name: z.string(), timeZone: z.string() })),
  mustAnswer: z.boolean(),
});
export type HomeSession = z.infer<typeof HomeSessionSchema>;
