/**
 * Self-match wire shapes: recommended mentors with the "why" of each score, full-text mentor
 * search with facets, and mentoring requests in GROW form (goal, reality, options, will).
 */
import { z } from "zod";
import { CADENCES, MEETING_FORMATS, REQUEST_STATUSES } from "../core/programmes/types.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

export const ProgrammeParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });
export const ProgrammeMentorParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  mentorId: IdSchema,
});
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

// ---------------------------------------------------------------------------------------------
// Mentor cards: what a mentee sees of a mentor in recommendations and search results
// ---------------------------------------------------------------------------------------------

export const ResponseTimeSchema = z.object({
  medianHours: z.number().describe("Median hours from a request to the mentor's first answer (90 days)"),
  label: z.string().describe('e.g. "usually replies within 2 days"'),
});

export const MyRequestSchema = z.object({ id: IdSchema, status: RequestStatusSchema });

export const MentorCardSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  headline: z.string(),
  jobTitle: z.string(),
  department: z.string(),
  location: z.string(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  skillsOffered: z.array(z.object({ skill: z.string(), level: z.number().int() })),
  capacity: z.number().int(),
  remainingCapacity: z.number().int(),
  responseTime: ResponseTimeSchema.nullable().describe("Null when the mentor has not answered recently"),
  myRequest: MyRequestSchema.nullable().describe("My open request to this mentor, if any"),
});
export type MentorCard = z.infer<typeof MentorCardSchema>;

export const CriterionScoreSchema = z.object({
  criterion: z.string(),
  weight: z.number(),
  hard: z.boolean(),
  value: z.number().int().describe("How well the pair meets it, 0..10,000"),
  points: z.number().int().describe("Its share of the score (shares add up to the score)"),
  passed: z.boolean(),
});
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;

export const RecommendationSchema = MentorCardSchema.extend({
  rank: z.number().int(),
  score: z.number().int().describe("0..10,000"),
  why: z.array(CriterionScoreSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const RecommendationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const RequestAllowanceSchema = z.object({
  canRequest: z.boolean(),
  /** Why not, in words (already matched, request cap reached, programme not open for self-match). */
  reason: z.string().nullable(),
  openRequests: z.number().int(),
  pendingRequestCap: z.number().int(),
});
export type RequestAllowance = z.infer<typeof RequestAllowanceSchema>;

export const RecommendationListSchema = z.object({
  programme: z.object({ id: IdSchema, name: z.string() }),
  allowance: RequestAllowanceSchema,
  /** Mentors with room who are allowed for me (no hard rule or earlier pair against it). */
  eligibleMentors: z.number().int(),
  recommendations: z.array(RecommendationSchema),
});
export type RecommendationList = z.infer<typeof RecommendationListSchema>;

export const WHY_NOT_CODES = [
  "not_active",
  "same_person",
  "reporting_line",
  "earlier_pair",
  "blocked",
  "already_matched",
  "hard_rule",
  "no_capacity",
  "already_requested",
] as const;

export const WhyNotSchema = z.object({
  mentor: z.object({ userId: IdSchema, name: z.string() }),
  /** True when this mentor is allowed for me and has room: then rank says where they stand. */
  eligible: z.boolean(),
  rank: z.number().int().nullable().describe("1 = my best match among eligible mentors"),
  score: z.number().int().nullable(),
  reasons: z.array(z.object({ code: z.enum(WHY_NOT_CODES), message: z.string() })),
  why: z.array(CriterionScoreSchema),
});
export type WhyNot = z.infer<typeof WhyNotSchema>;

// ---------------------------------------------------------------------------------------------
// Mentor search
// ---------------------------------------------------------------------------------------------

/** A filter that may repeat in the query string (?language=en&language=fr): any of the values. */
const manyValues = z
  .union([z.string().trim().max(200), z.array(z.string().trim().max(200)).max(20)])
  .transform((value) => (Array.isArray(value) ? value : [value]).filter((item) => item !== ""))
  .optional();

export const MentorSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe("Words to find (web search syntax: quotes, or, -word)"),
  department: manyValues,
  language: manyValues,
  location: manyValues,
  skill: manyValues,
  hasCapacity: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type MentorSearchQuery = z.input<typeof MentorSearchQuerySchema>;

export const FacetValueSchema = z.object({
  value: z.string(),
  count: z.number().int(),
  selected: z.boolean(),
});
export type FacetValue = z.infer<typeof FacetValueSchema>;
export const FACETS = ["department", "language", "location", "skill"] as const;
export type FacetName = (typeof FACETS)[number];

export const MentorSearchResultSchema = z.object({
  mentors: z.array(MentorCardSchema.extend({ relevance: z.number() })),
  total: z.number().int(),
  /** Counts under the other filters (a facet's own choices do not narrow its counts). */
  facets: z.object({
    department: z.array(FacetValueSchema),
    language: z.array(FacetValueSchema),
    location: z.array(FacetValueSchema),
    skill: z.array(FacetValueSchema),
  }),
});
export type MentorSearchResult = z.infer<typeof MentorSearchResultSchema>;

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
