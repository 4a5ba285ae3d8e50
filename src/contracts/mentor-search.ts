/**
 * Mentor search wire shapes: recommended mentors with the "why" of each score, full-text mentor
 * search with facets, and why a mentor is not recommended.
 */
import { z } from "zod";
import { IdSchema } from "./common.ts";
import { MyRequestSchema } from "./requests.ts";

export const ProgrammeMentorParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  mentorId: IdSchema,
});

// ---------------------------------------------------------------------------------------------
// Mentor cards: what a mentee sees of a mentor in recommendations and search results
// ---------------------------------------------------------------------------------------------

export const ResponseTimeSchema = z.object({
  medianHours: z.number().describe("Median hours from a request to the mentor's first answer (90 days)"),
  label: z.string().describe('e.g. "usually replies within 2 days"'),
});

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
