import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common.ts";

/**
 * Bulk matching of a programme: a run of the matcher (progress while it runs), its editable draft
 * (pairs, unmatched people, summary) and publishing it as relationships.
 */

export const MatchObjectiveSchema = z
  .enum(["participation", "score"], { error: 'must be "participation" or "score"' })
  .describe("participation: match as many people as possible, then the best total; score: the best total");
export type MatchObjective = z.infer<typeof MatchObjectiveSchema>;

export const MatchRunStatusSchema = z.enum([
  "running",
  "draft",
  "published",
  "failed",
  "cancelled",
  "discarded",
]);
export type MatchRunStatus = z.infer<typeof MatchRunStatusSchema>;

export const MatchRunPhaseSchema = z.enum([
  "queued",
  "loading",
  "preparing",
  "scoring",
  "solving",
  "pricing",
  "explaining",
  "saving",
]);
export type MatchRunPhase = z.infer<typeof MatchRunPhaseSchema>;

export const StartMatchRunRequestSchema = z.strictObject({
  objective: MatchObjectiveSchema.optional(),
  locks: z
    .enum(["keep", "discard"], { error: 'must be "keep" or "discard"' })
    .optional()
    .describe("keep: the locked pairs of the latest draft are fixed in the new run (default discard)"),
});
export type StartMatchRunRequest = z.input<typeof StartMatchRunRequestSchema>;

export const ProgrammeMatchRunsParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });
export const MatchRunParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  runId: IdSchema,
});
export const MatchRunPairParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  runId: IdSchema,
  menteeId: IdSchema,
});

export const ScoreBucketSchema = z.object({
  from: z.number().int(),
  to: z.number().int().describe("Inclusive upper bound"),
  count: z.number().int(),
});
export type ScoreBucket = z.infer<typeof ScoreBucketSchema>;

export const MatchRunSummarySchema = z.object({
  objective: MatchObjectiveSchema,
  menteesConsidered: z
    .number()
    .int()
    .describe("Active mentees not already in a relationship of the programme"),
  mentorsConsidered: z.number().int(),
  mentorPlaces: z.number().int().describe("Free mentor places when the run started"),
  alreadyMatched: z.number().int().describe("Mentees left out because they already have a mentor here"),
  matched: z.number().int().describe("Pairs in the draft now"),
  unmatched: z.number().int(),
  locked: z.number().int(),
  manual: z.number().int().describe("Pairs the manager changed"),
  matchedByMatcher: z.number().int().describe("Pairs the matcher found (before edits)"),
  greedyMatched: z
    .number()
    .int()
    .describe("Pairs a best-score-first greedy pass finds on the same candidates"),
  moreThanGreedy: z.number().int(),
  meanScore: z.number().nullable(),
  totalScore: z.number().int(),
  optimal: z.boolean().describe("The matcher proved no allowed matching does better"),
  gap: z.number().describe("When not optimal: an upper bound on what was lost (matcher weight units)"),
  locksKept: z.number().int(),
  locksDropped: z.number().int().describe("Locked pairs that no longer fit (someone left, or capacity fell)"),
  distribution: z.array(ScoreBucketSchema),
  seconds: z.object({ load: z.number(), match: z.number(), save: z.number(), total: z.number() }),
});
export type MatchRunSummary = z.infer<typeof MatchRunSummarySchema>;

export const MatchRunSchema = z.object({
  id: IdSchema,
  programmeId: IdSchema,
  status: MatchRunStatusSchema,
  objective: MatchObjectiveSchema,
  keepLocks: z.boolean(),
  progress: z.object({ phase: MatchRunPhaseSchema, percent: z.number().int().min(0).max(100) }).nullable(),
  error: z.string().nullable(),
  summary: MatchRunSummarySchema.nullable(),
  startedByName: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  publishedAt: TimestampSchema.nullable(),
});
export type MatchRun = z.infer<typeof MatchRunSchema>;
export const MatchRunListSchema = z.object({ runs: z.array(MatchRunSchema) });

export const CriterionContributionSchema = z.object({
  criterion: z.string(),
  weight: z.number(),
  hard: z.boolean(),
  value: z.number().int().describe("How well the pair meets it, 0..10,000"),
  points: z.number().int().describe("Its share of the score"),
  passed: z.boolean(),
});
export type CriterionContribution = z.infer<typeof CriterionContributionSchema>;

export const PersonRefSchema = z.object({ userId: IdSchema, name: z.string() });

export const MatchPairSchema = z.object({
  mentee: PersonRefSchema,
  mentor: PersonRefSchema,
  score: z.number().int(),
  locked: z.boolean(),
  manual: z.boolean(),
  explanation: z.array(CriterionContributionSchema),
});
export type MatchPair = z.infer<typeof MatchPairSchema>;

const SearchSchema = z.string().trim().max(200).optional();

export const MatchPairSortSchema = z.enum(["score_desc", "score_asc", "mentee", "mentor"]);
export const MatchPairListQuerySchema = z.strictObject({
  q: SearchSchema.describe("Part of the mentee's or mentor's name"),
  sort: MatchPairSortSchema.default("score_desc"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MatchPairListQuery = z.input<typeof MatchPairListQuerySchema>;
export const MatchPairListSchema = z.object({ pairs: z.array(MatchPairSchema), total: z.number().int() });
export type MatchPairList = z.infer<typeof MatchPairListSchema>;

export const UnmatchedListQuerySchema = z.strictObject({
  q: SearchSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const UnmatchedPersonSchema = z.object({ userId: IdSchema, name: z.string(), reason: z.string() });
export type UnmatchedPerson = z.infer<typeof UnmatchedPersonSchema>;
export const UnmatchedListSchema = z.object({
  people: z.array(UnmatchedPersonSchema),
  total: z.number().int(),
});

export const MentorOptionsQuerySchema = z.strictObject({
  q: SearchSchema,
  menteeId: IdSchema.optional().describe("Score each mentor for this mentee and leave out their mentor"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const MentorOptionSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  jobTitle: z.string(),
  department: z.string(),
  capacity: z.number().int(),
  used: z.number().int().describe("Draft pairs plus live relationships in the programme"),
  allowed: z.boolean().nullable().describe("For the mentee asked about: whether the hard rules allow it"),
  score: z.number().int().nullable(),
  excludedBy: z.array(z.string()),
});
export type MentorOption = z.infer<typeof MentorOptionSchema>;
export const MentorOptionListSchema = z.object({
  mentors: z.array(MentorOptionSchema),
  total: z.number().int().describe("Mentors with a free place that match the search"),
});

export const AssignMentorRequestSchema = z.strictObject({
  mentorId: IdSchema.describe("The mentor to pair the mentee with"),
});
export type AssignMentorRequest = z.infer<typeof AssignMentorRequestSchema>;

export const SwapMentorsRequestSchema = z.strictObject({
  menteeId: IdSchema.describe("A mentee of one pair"),
  otherMenteeId: IdSchema.describe("A mentee of another pair: the two mentees exchange mentors"),
});
export type SwapMentorsRequest = z.infer<typeof SwapMentorsRequestSchema>;

export const DraftEditResultSchema = z.object({
  run: MatchRunSchema,
  pairs: z.array(MatchPairSchema).describe("The pairs the edit created or changed"),
});
export type DraftEditResult = z.infer<typeof DraftEditResultSchema>;

export const PublishResultSchema = z.object({
  run: MatchRunSchema,
  relationshipsCreated: z.number().int(),
  peopleNotified: z.number().int(),
  programmeStatus: z.string(),
  emails: z
    .enum(["sent", "sending"])
    .describe("sending: a large publish's emails go out after the answer, in the background"),
});
export type PublishResult = z.infer<typeof PublishResultSchema>;
