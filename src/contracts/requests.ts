/**
 * Requests wire shapes: mentoring requests in GROW form (goal, reality, options, will), their
 * lists and their answers. (Finding a mentor to ask is contracts/mentor-search.ts.)
 */
import { z } from "zod";
import { CADENCES, MEETING_FORMATS, REQUEST_STATUSES } from "../core/programmes/types.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

export const ProgrammeParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });
export const RequestParamsSchema = z.strictObject({ orgId: IdSchema, requestId: IdSchema });

export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatusValue = z.infer<typeof RequestStatusSchema>;

/** A text a person writes: trimmed, required, bounded. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "is required" })
    .max(max, { error: `must be at most ${max} characters` });

/** My open request to a mentor, as a mentor card shows it (contracts/mentor-search.ts). */
export const MyRequestSchema = z.object({ id: IdSchema, status: RequestStatusSchema });

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** "is required" for a missing value (a custom message otherwise hides it). */
const required = (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : undefined);

const ExpectationsFieldsSchema = z.strictObject({
  cadence: z.enum(CADENCES, { error: (issue) => required(issue) ?? `must be one of ${CADENCES.join(", ")}` }),
  formats: z
    .array(z.enum(MEETING_FORMATS, { error: `must be one of ${MEETING_FORMATS.join(", ")}` }))
    .min(1, { error: "must include at least one format" })
    .max(MEETING_FORMATS.length)
    .refine((formats) => new Set(formats).size === formats.length, { error: "lists a format twice" }),
  minutesPerMonth: z
    .number({ error: (issue) => required(issue) ?? "must be a number of minutes" })
    .int({ error: "must be a whole number of minutes" })
    .min(15, { error: "must be at least 15 minutes" })
    .max(2400, { error: "must be at most 2400 minutes (40 hours)" }),
  note: z.string().trim().max(1000, { error: "must be at most 1000 characters" }).default(""),
});

/**
 * What the mentee proposes for working together. Besides the message on each wrong part, a wrong
 * object is also named as a whole (body.expectations), so a form can point at the group.
 */
export const ExpectationsSchema = ExpectationsFieldsSchema.refine(
  (value) => ExpectationsFieldsSchema.safeParse(value).success,
  {
    error: "must give cadence, formats and minutesPerMonth (and an optional note)",
    when: (payload) =>
      typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
  },
);
export type Expectations = z.infer<typeof ExpectationsSchema>;

export const CreateRequestSchema = z.strictObject({
  mentorId: IdSchema,
  goal: text(2000).describe("G: what the mentee wants to achieve"),
  reality: text(2000).describe("R: where they are now"),
  options: text(2000).describe("O: what they have considered"),
  will: text(2000).describe("W: what they will do, and what they ask of the mentor"),
  expectations: ExpectationsSchema,
});
export type CreateRequest = z.input<typeof CreateRequestSchema>;

export const DeclineRequestSchema = z.strictObject({ reason: text(1000) });
export const AskRequestInfoSchema = z.strictObject({ question: text(2000) });
export const AnswerRequestSchema = z.strictObject({ answer: text(4000) });

const PersonSchema = z.object({ userId: IdSchema, name: z.string() });

export const RequestSummarySchema = z.object({
  id: IdSchema,
  programme: z.object({ id: IdSchema, name: z.string() }),
  mentee: PersonSchema,
  mentor: PersonSchema,
  myRole: z.enum(["mentee", "mentor"]),
  status: RequestStatusSchema,
  goal: z.string(),
  closeReason: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  respondedAt: TimestampSchema.nullable(),
  expiresAt: TimestampSchema,
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const RequestListQuerySchema = z.strictObject({
  role: z.enum(["mentee", "mentor"], { error: 'must be "mentee" or "mentor"' }).optional(),
  status: z.enum([...REQUEST_STATUSES, "open"], { error: "must be a request status or open" }).optional(),
  programmeId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RequestListQuery = z.input<typeof RequestListQuerySchema>;
export const RequestListSchema = z.object({
  requests: z.array(RequestSummarySchema),
  total: z.number().int(),
});
export type RequestList = z.infer<typeof RequestListSchema>;

export const RequestDetailSchema = z.object({
  id: IdSchema,
  programme: z.object({ id: IdSchema, name: z.string() }),
  mentee: PersonSchema,
  mentor: PersonSchema,
  /** Who is looking: an admin sees states and dates only, never what the mentee wrote. */
  viewerRole: z.enum(["mentee", "mentor", "admin"]),
  status: RequestStatusSchema,
  grow: z.object({ goal: z.string(), reality: z.string(), options: z.string(), will: z.string() }).nullable(),
  expectations: z
    .object({
      cadence: z.enum(CADENCES),
      formats: z.array(z.enum(MEETING_FORMATS)),
      minutesPerMonth: z.number().int(),
      note: z.string(),
    })
    .nullable(),
  infoQuestion: z.string().nullable(),
  infoAnswer: z.string().nullable(),
  closeReason: z.string().nullable(),
  relationshipId: IdSchema.nullable().describe("The relationship an accepted request started"),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  respondedAt: TimestampSchema.nullable(),
  expiresAt: TimestampSchema,
  remindedAt: TimestampSchema.nullable(),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const AcceptResultSchema = z.object({
  request: RequestDetailSchema,
  relationshipId: IdSchema,
  /** Other open requests of the mentee closed because they are now matched. */
  withdrawnOthers: z.number().int(),
});
export type AcceptResult = z.infer<typeof AcceptResultSchema>;
