import { z } from "zod";

/**
 * The closed catalogue of domain events ("something happened"), each with its payload shape. A use
 * case records them in the transaction of its change (src/server/events/record-events.ts); the
 * consumers (in-app notifications, email, later realtime and analytics) read them after commit.
 * Payloads carry ids plus the names as they were at the time, so a notification can be rendered
 * in the reader's language when read without looking up people who may since have left.
 */

const id = z.string().uuid();

/** The parts of a request every request event carries. */
export const RequestRefSchema = z.object({
  id,
  menteeId: id,
  mentorId: id,
  menteeName: z.string(),
  mentorName: z.string(),
  programmeName: z.string(),
});
export type RequestRef = z.infer<typeof RequestRefSchema>;

/** A relationship event told to one side of the pair, from the other (the actor). */
const toSide = {
  relationshipId: id,
  programmeName: z.string(),
  /** Who is told: the other side of the pair. */
  recipientId: id,
  /** The actor's name (for a reminder, the other person of the pair). */
  actorName: z.string(),
};

/** The parts of a session every session event carries (times as ISO instants, UTC). */
export const SessionRefSchema = z.object({
  sessionId: id,
  relationshipId: id.nullable(),
  programmeId: id,
  programmeName: z.string(),
  /** The session's version after the change (ICS SEQUENCE). */
  version: z.number().int(),
  /** Who did it (null: the system). */
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  /** Everyone in the session, the actor included. */
  attendeeIds: z.array(id),
  /** Their names at the time, in the order of attendeeIds. */
  attendeeNames: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.string(),
});
export type SessionRef = z.infer<typeof SessionRefSchema>;

export const EVENT_SCHEMAS = {
  "request.sent": z.object({ request: RequestRefSchema }),
  "request.accepted": z.object({ request: RequestRefSchema, relationshipId: id }),
  "request.declined": z.object({
    request: RequestRefSchema,
    reason: z.string().nullable(),
    atCapacity: z.boolean(),
  }),
  "request.withdrawn": z.object({
    request: RequestRefSchema,
    why: z.enum(["by_mentee", "matched_elsewhere", "mentor_inactive", "mentee_inactive"]),
  }),
  "request.info_asked": z.object({ request: RequestRefSchema, question: z.string() }),
  "request.answered": z.object({ request: RequestRefSchema }),
  "request.expired": z.object({ request: RequestRefSchema }),
  "request.reminder_due": z.object({
    request: RequestRefSchema,
    turn: z.enum(["mentor", "mentee"]),
    daysLeft: z.number().int(),
  }),
  /** A relationship made by publishing a bulk match: both sides are told. */
  "relationship.proposed": z.object({
    relationshipId: id,
    menteeId: id,
    mentorId: id,
    menteeName: z.string(),
    mentorName: z.string(),
    programmeName: z.string(),
  }),
  "relationship.started": z.object({
    ...toSide,
    endsOn: z.string().nullable(),
    fitCheckDueOn: z.string().nullable(),
  }),
  "relationship.status_changed": z.object({
    ...toSide,
    status: z.enum(["paused", "resumed", "completed", "ended"]),
    reason: z.string().nullable(),
    recipientIsMentee: z.boolean(),
  }),
  "agreement.changed": z.object({
    ...toSide,
    version: z.number().int(),
    changes: z.array(z.string()),
    isActive: z.boolean(),
  }),
  "agreement.confirmed": z.object({ ...toSide, version: z.number().int(), isActive: z.boolean() }),
  /** Both sides have now confirmed a new version of an active relationship's agreement. */
  "agreement.agreed": z.object({
    ...toSide,
    version: z.number().int(),
    newEndsOn: z.string().nullable(),
    endDateChanged: z.boolean(),
  }),
  /**
   * One entry of a relationship's history (created, activated, paused, agreement_confirmed,
   * end_date_changed, fit_check_due, ...): what changed, from and to which status, with a detail.
   * Nobody is told (its notices are events of their own); the history page reads these.
   */
  "relationship.changed": z.object({
    relationshipId: id,
    change: z.string().min(1),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    detail: z.string().nullable(),
  }),
  "fit_check.due": z.object(toSide),
  /** One side answered "not working": the pair ended; the note reaches the other side in the app too. */
  "fit_check.answered": z.object({
    ...toSide,
    note: z.string().nullable(),
    recipientIsMentee: z.boolean(),
  }),
  "enrolment.pending": z.object({
    programmeId: id,
    programmeName: z.string(),
    registrantName: z.string(),
    adminIds: z.array(id),
  }),
  /** People added to a programme at once (an import's chunk, an admin adding by email): each is told. */
  "enrolment.added": z.object({ programmeId: id, programmeName: z.string(), userIds: z.array(id) }),
  "enrolment.approved": z.object({ programmeId: id, programmeName: z.string(), userId: id }),
  "enrolment.declined": z.object({
    programmeId: id,
    programmeName: z.string(),
    userId: id,
    reason: z.string().nullable(),
  }),
  "enrolment.removed": z.object({ programmeId: id, programmeName: z.string(), userId: id }),
  /** An admin made a one-time password link for a member (told to the member, times in their zone). */
  "account.reset_issued": z.object({
    userId: id,
    actorName: z.string(),
    actorRole: z.string(),
    orgName: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  }),
  /**
   * A time proposed to the other side(s), who must accept it. A series records one per session:
   * the first names the series' size in `occurrences`, the later ones 0 (they reach calendars,
   * not people).
   */
  "session.proposed": SessionRefSchema.extend({ occurrences: z.number().int() }),
  /** Booked directly (instant booking) or accepted: the session holds its time for everyone. */
  "session.confirmed": SessionRefSchema.extend({ occurrences: z.number().int(), accepted: z.boolean() }),
  "session.rescheduled": SessionRefSchema.extend({
    previousStartsAt: z.string(),
    previousEndsAt: z.string(),
  }),
  "session.cancelled": SessionRefSchema.extend({ reason: z.string(), late: z.boolean() }),
  "session.declined": SessionRefSchema.extend({ reason: z.string().nullable() }),
  /** After the time: held, or someone did not come. */
  "session.recorded": SessionRefSchema.extend({
    outcome: z.enum(["held", "no_show"]),
    absentUserIds: z.array(id),
  }),
  /** Recorded by the reminder job when a reminder is due (exactly once per session, version and offset). */
  "session.reminder": SessionRefSchema.extend({ offsetMinutes: z.number().int() }),
  /** A pair's agreed cadence passed with nothing booked (once per lapse). */
  "session.cadence_lapsed": z.object({
    relationshipId: id,
    programmeId: id,
    programmeName: z.string(),
    menteeId: id,
    mentorId: id,
    menteeName: z.string(),
    mentorName: z.string(),
    cadence: z.string(),
    /** The last held or booked session's start, or the pair's start. */
    since: z.string(),
  }),
} as const;

export type EventKind = keyof typeof EVENT_SCHEMAS;
export const EVENT_KINDS = Object.keys(EVENT_SCHEMAS) as EventKind[];
export type EventPayload<K extends EventKind> = z.infer<(typeof EVENT_SCHEMAS)[K]>;

/** What an event happens to, for that thing's history (stored as subject_type + subject_id). */
export type SubjectType = "request" | "relationship";

/** The kind of thing an event's subject is, by the kind's first word (null: no subject). */
export function subjectTypeOf(kind: string): SubjectType | null {
  switch (kind.split(".")[0]) {
    case "request":
      return "request";
    case "relationship":
    case "agreement":
    case "fit_check":
      return "relationship";
    default:
      return null;
  }
}

/** One event as a use case records it. */
export type DomainEvent = {
  [K in EventKind]: {
    kind: K;
    orgId: string;
    payload: EventPayload<K>;
    /** Who did it (null for the system: a sweep, a reminder). */
    actorId?: string | null;
    /** What it happened to (a request or relationship id), for that thing's history. */
    subjectId?: string | null;
  };
}[EventKind];

/** An event as stored: with its id, order and time. */
export type StoredDomainEvent = DomainEvent & { id: string; seq: number; occurredAt: Date };

/** A failed delivery of an event to one consumer, as an admin sees it. */
export const FailedDeliverySchema = z.object({
  eventId: z.string(),
  kind: z.string(),
  consumer: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  occurredAt: z.string(),
});
export const FailedDeliveryListSchema = z.object({ deliveries: z.array(FailedDeliverySchema) });
export type FailedDeliveryList = z.infer<typeof FailedDeliveryListSchema>;
