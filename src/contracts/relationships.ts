import { z } from "zod";
import {
  CADENCES,
  MEETING_FORMATS,
  type MeetingFormat,
  RELATIONSHIP_STATUSES,
} from "../core/programmes/types.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

export const RelationshipStatusSchema = z.enum(RELATIONSHIP_STATUSES);
export type RelationshipStatusValue = z.infer<typeof RelationshipStatusSchema>;
export const CadenceSchema = z.enum(CADENCES, { error: "must be weekly, fortnightly, monthly or as needed" });
export const MeetingFormatSchema = z.enum(MEETING_FORMATS, {
  error: "must be video, in person, phone or messaging",
});
export const RelationshipActionSchema = z.enum(["pause", "resume", "complete", "end"]);
export type RelationshipActionValue = z.infer<typeof RelationshipActionSchema>;
export const FitCheckAnswerSchema = z.enum(["good", "end"], { error: "must be good or end" });
export const DaySchema = z.iso.date({ error: "must be a date (YYYY-MM-DD)" }).describe("A calendar day");
export const AgreementVersionSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be 1 or more" })
  .max(9999, { error: "must be at most 9999" });

export const RelationshipParamsSchema = z.strictObject({ orgId: IdSchema, relationshipId: IdSchema });

export const PersonSummarySchema = z.object({ userId: IdSchema, name: z.string(), headline: z.string() });
export type PersonSummary = z.infer<typeof PersonSummarySchema>;
export const ProgrammeSummarySchema = z.object({ id: IdSchema, name: z.string() });

/** The agreement as a viewer may see it: first goals and confidentiality are the pair's alone. */
export const AgreementSchema = z.object({
  cadence: CadenceSchema,
  formats: z.array(MeetingFormatSchema),
  minutesPerMonth: z.number().int(),
  sessionMinutes: z.number().int().describe("The length of one session (30, 45, 60 or 90 minutes)"),
  endsOn: DaySchema.nullable(),
  version: z.number().int(),
  menteeConfirmedVersion: z.number().int().nullable(),
  mentorConfirmedVersion: z.number().int().nullable(),
  confirmedByMentee: z.boolean().describe("The mentee confirmed the current version"),
  confirmedByMentor: z.boolean().describe("The mentor confirmed the current version"),
  firstGoalCount: z.number().int(),
  firstGoals: z.array(z.string()).nullable().describe("null: private to the pair"),
  confidentiality: z.string().nullable().describe("null: private to the pair"),
  updatedAt: TimestampSchema,
  updatedByName: z.string().nullable(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

const GOAL_MIN = 3;
const GOAL_MAX = 200;
const FORMAT_SET = new Set<string>(MEETING_FORMATS);

/**
 * The first goals: short texts, checked as a whole list so that a problem is reported on the
 * field itself ("body.firstGoals"), naming which goal is wrong.
 */
export const FirstGoalsSchema = z
  .array(z.string({ error: "must be a list of texts" }), { error: "must be a list of goals" })
  .max(10, { error: "must be at most 10 goals" })
  .transform((goals) => goals.map((goal) => goal.trim()))
  .superRefine((goals, context) => {
    goals.forEach((goal, index) => {
      if (goal.length < GOAL_MIN || goal.length > GOAL_MAX)
        context.addIssue({
          code: "custom",
          message: `goal ${index + 1} must be ${GOAL_MIN} to ${GOAL_MAX} characters`,
        });
    });
  });

/** Meeting formats, checked as a list (reported on "body.formats", naming the unknown one). */
export const FormatsSchema = z
  .array(z.string({ error: "must be a list of formats" }), { error: "must be a list of formats" })
  .min(1, { error: "must include at least one format" })
  .max(4, { error: "must be at most 4 formats" })
  .superRefine((formats, context) => {
    for (const format of formats) {
      if (!FORMAT_SET.has(format))
        context.addIssue({
          code: "custom",
          message: `"${format.slice(0, 40)}" is not a format: use video, in person, phone or messaging`,
        });
    }
    if (new Set(formats).size !== formats.length)
      context.addIssue({ code: "custom", message: "lists a format twice" });
  })
  .transform((formats) => formats as MeetingFormat[]);

export const UpdateAgreementRequestSchema = z.strictObject({
  version: AgreementVersionSchema.describe("The version this change starts from (stale: 409)"),
  cadence: CadenceSchema,
  formats: FormatsSchema,
  minutesPerMonth: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(15, { error: "must be at least 15" })
    .max(2400, { error: "must be at most 2400 (40 hours)" }),
  /** The length of one session (default: unchanged; 60 for a new pair). */
  sessionMinutes: z
    .number({ error: "must be a number" })
    .refine((value) => [30, 45, 60, 90].includes(value), { error: "must be 30, 45, 60 or 90" })
    .optional(),
  confidentiality: z
    .string({ error: "must be text" })
    .trim()
    .max(2000, { error: "must be at most 2000 characters" }),
  endsOn: DaySchema.nullable(),
  firstGoals: FirstGoalsSchema,
});
export type UpdateAgreementRequest = z.infer<typeof UpdateAgreementRequestSchema>;

export const ConfirmAgreementRequestSchema = z.strictObject({
  version: AgreementVersionSchema.describe("The version being confirmed"),
});
export type ConfirmAgreementRequest = z.infer<typeof ConfirmAgreementRequestSchema>;

export const PauseRelationshipRequestSchema = z.strictObject({
  reason: z
    .string({ error: "must be text" })
    .trim()
    .max(500, { error: "must be at most 500 characters" })
    .optional(),
});
export type PauseRelationshipRequest = z.infer<typeof PauseRelationshipRequestSchema>;

export const EndRelationshipRequestSchema = z.strictObject({
  reason: z
    .string({ error: "must be text" })
    .trim()
    .min(3, { error: "must say why, in at least 3 characters" })
    .max(500, { error: "must be at most 500 characters" }),
});
export type EndRelationshipRequest = z.infer<typeof EndRelationshipRequestSchema>;

export const FitCheckRequestSchema = z.strictObject({
  answer: FitCheckAnswerSchema,
  note: z
    .string({ error: "must be text" })
    .trim()
    .max(1000, { error: "must be at most 1000 characters" })
    .optional(),
});
export type FitCheckRequest = z.infer<typeof FitCheckRequestSchema>;

/** What the person asking may do with this relationship now. */
export const ViewerSchema = z.object({
  role: z.enum(["mentee", "mentor", "admin"]),
  mustConfirm: z.boolean().describe("The current agreement waits for my confirmation"),
  mayEditAgreement: z.boolean(),
  fitCheckDue: z.boolean(),
  actions: z.array(RelationshipActionSchema),
});

export const FitCheckStateSchema = z.object({
  dueOn: DaySchema.nullable(),
  menteeAnswer: FitCheckAnswerSchema.nullable(),
  mentorAnswer: FitCheckAnswerSchema.nullable(),
  /** Notes are the pair's alone (null for managers). */
  menteeNote: z.string().nullable(),
  mentorNote: z.string().nullable(),
});

export const RelationshipSchema = z.object({
  id: IdSchema,
  programme: ProgrammeSummarySchema,
  mentee: PersonSummarySchema,
  mentor: PersonSummarySchema,
  status: RelationshipStatusSchema,
  origin: z.enum(["request", "bulk", "admin"]),
  endsOn: DaySchema.nullable(),
  startedAt: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  endedByName: z.string().nullable(),
  endReason: z.string().nullable(),
  fitCheck: FitCheckStateSchema,
  lastActivityAt: TimestampSchema,
  daysSinceActivity: z.number().int(),
  createdAt: TimestampSchema,
  agreement: AgreementSchema,
  viewer: ViewerSchema,
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const RelationshipEventSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  fromStatus: RelationshipStatusSchema.nullable(),
  toStatus: RelationshipStatusSchema.nullable(),
  actorName: z.string().nullable(),
  detail: z.string().nullable(),
  at: TimestampSchema,
});
export type RelationshipEvent = z.infer<typeof RelationshipEventSchema>;
export const RelationshipHistorySchema = z.object({ events: z.array(RelationshipEventSchema) });

/** One of my relationships, as "My mentoring" lists it. */
export const MyRelationshipSchema = z.object({
  id: IdSchema,
  myRole: z.enum(["mentee", "mentor"]),
  other: PersonSummarySchema,
  programme: ProgrammeSummarySchema,
  status: RelationshipStatusSchema,
  endsOn: DaySchema.nullable(),
  startedAt: TimestampSchema.nullable(),
  mustConfirm: z.boolean(),
  otherMustConfirm: z.boolean(),
  fitCheckDue: z.boolean(),
  fitCheckDueOn: DaySchema.nullable(),
  daysSinceActivity: z.number().int(),
});
export type MyRelationship = z.infer<typeof MyRelationshipSchema>;

export const NextStepSchema = z.object({
  kind: z.enum([
    "confirm_agreement",
    "await_confirmation",
    "fit_check",
    "answer_requests",
    "answer_question",
    "find_mentor",
    "await_matching",
  ]),
  text: z.string(),
  /** A path in the web app. */
  link: z.string(),
  relationshipId: IdSchema.nullable(),
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const MyMentoringSchema = z.object({
  relationships: z.array(MyRelationshipSchema),
  nextSteps: z.array(NextStepSchema),
  /** Programmes I am enrolled in (for the empty state). */
  enrolledProgrammes: z.number().int(),
});
export type MyMentoring = z.infer<typeof MyMentoringSchema>;

/** A row of the managers' list: states, dates and counts, never the pair's private content. */
export const ManagedRelationshipSchema = z.object({
  id: IdSchema,
  programme: ProgrammeSummarySchema,
  mentee: z.object({ userId: IdSchema, name: z.string() }),
  mentor: z.object({ userId: IdSchema, name: z.string() }),
  status: RelationshipStatusSchema,
  origin: z.enum(["request", "bulk", "admin"]),
  agreementConfirmed: z.boolean(),
  startedAt: TimestampSchema.nullable(),
  endsOn: DaySchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  fitCheckDueOn: DaySchema.nullable(),
  lastActivityAt: TimestampSchema,
  daysSinceActivity: z.number().int(),
  createdAt: TimestampSchema,
});
export type ManagedRelationship = z.infer<typeof ManagedRelationshipSchema>;

export const RelationshipListQuerySchema = z.strictObject({
  programmeId: IdSchema.optional(),
  status: RelationshipStatusSchema.optional(),
  q: z.string().trim().max(200).optional().describe("Part of the mentee's or mentor's name"),
  sort: z.enum(["newest", "inactive"]).default("newest"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RelationshipListQuery = z.input<typeof RelationshipListQuerySchema>;
export const RelationshipListSchema = z.object({
  relationships: z.array(ManagedRelationshipSchema),
  total: z.number().int(),
  counts: z
    .record(RelationshipStatusSchema, z.number().int())
    .describe("How many in each state (filters apart from status)"),
});
export type RelationshipList = z.infer<typeof RelationshipListSchema>;
