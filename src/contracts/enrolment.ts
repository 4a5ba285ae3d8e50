import { z } from "zod";
import { IMPORT_FIELDS } from "../core/enrolment/csv-import.ts";
import { MAX_MENTOR_CAPACITY } from "../core/enrolment/enrolment-rules.ts";
import { QUESTION_KINDS } from "../core/programmes/registration-form.ts";
import { ENROLMENT_ROLES, ENROLMENT_STATUSES, PROGRAMME_STATUSES } from "../core/programmes/types.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

/**
 * A structured body field (a list, an object) whose problems are reported on the field itself
 * ("body.answers: item 2: must be an object") when the value is not even the right shape, so
 * every 400 names a field of the body. Deeper problems keep their precise path.
 */
function asOneField<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.never()], {
    error: (issue) => {
      const inner = (issue as unknown as { errors?: z.core.$ZodIssue[][] }).errors?.[0]?.[0];
      if (!inner) return undefined;
      if (inner.code === "invalid_type" && inner.path.length === 0)
        return inner.expected === "array" ? "must be a list" : "must be an object";
      const where = inner.path.map((part) => (typeof part === "number" ? `item ${part + 1}` : String(part)));
      return where.length > 0 ? `${where.join(", ")}: ${inner.message}` : inner.message;
    },
  });
}

export const EnrolmentRoleSchema = z.enum(ENROLMENT_ROLES, { error: "must be mentee, mentor or both" });
export type EnrolmentRoleValue = z.infer<typeof EnrolmentRoleSchema>;
export const EnrolmentStatusSchema = z.enum(ENROLMENT_STATUSES, {
  error: "must be pending_approval, active, paused, left or declined",
});
export type EnrolmentStatusValue = z.infer<typeof EnrolmentStatusSchema>;

export const MentorCapacitySchema = z
  .number({ error: "must be a whole number" })
  .int({ error: "must be a whole number" })
  .min(0, { error: "must be 0 or more" })
  .max(MAX_MENTOR_CAPACITY, { error: `must be at most ${MAX_MENTOR_CAPACITY}` })
  .describe("How many mentees this person mentors at once (mentors and 'both')");

const DateSchema = z.iso.date({ error: "must be a date like 2026-05-01" });

const SkillLevelSchema = z.strictObject({
  skill: z.string().trim().min(1).max(80),
  level: z.number().int().min(1).max(5),
});

/** One answer to a registration question: a choice, choices, a number, text, or skills with levels. */
export const AnswerValueSchema = z.union(
  [z.string().max(2000), z.number(), z.array(z.string().max(200)).max(50), z.array(SkillLevelSchema).max(50)],
  { error: "must be text, a number, a list of choices or a list of skills with levels" },
);
export const AnswerSchema = z.strictObject({
  questionId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "must be a question id" }),
  value: AnswerValueSchema,
});
export type Answer = z.infer<typeof AnswerSchema>;
export const AnswersSchema = asOneField(
  z.array(AnswerSchema).max(100, { error: "must be at most 100 answers" }),
);

export const FormQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean(),
  usedInMatching: z.boolean(),
  options: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  audience: z.enum(["mentee", "mentor", "both"]).optional(),
});
export type FormQuestionView = z.infer<typeof FormQuestionSchema>;

/** What a person needs to register for a programme. */
export const ProgrammeForRegistrationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  status: z.enum(PROGRAMME_STATUSES),
  evergreen: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  registrationOpen: z.boolean(),
  rolesOffered: z.array(EnrolmentRoleSchema).describe("The roles a person may choose"),
  defaultMentorCapacity: z.number().int(),
  requiresApproval: z.boolean(),
  registrationForm: z.array(FormQuestionSchema),
});
export type ProgrammeForRegistration = z.infer<typeof ProgrammeForRegistrationSchema>;

export const EnrolmentSchema = z.object({
  id: IdSchema,
  programmeId: IdSchema,
  userId: IdSchema,
  role: EnrolmentRoleSchema,
  status: EnrolmentStatusSchema,
  mentorCapacity: z.number().int(),
  answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })),
  answersComplete: z.boolean().describe("Every required question of the form is answered"),
  source: z.enum(["self", "invite", "import", "admin"]),
  pausedUntil: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export const MyEnrolmentSchema = z.object({
  programme: ProgrammeForRegistrationSchema,
  enrolment: EnrolmentSchema.nullable(),
});
export type MyEnrolment = z.infer<typeof MyEnrolmentSchema>;

export const ProgrammeParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });
export const ParticipantParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  enrolmentId: IdSchema,
});
export const ImportParamsSchema = z.strictObject({
  orgId: IdSchema,
  programmeId: IdSchema,
  importId: IdSchema,
});
export const JoinTokenParamsSchema = z.strictObject({ token: z.string().min(20).max(200) });

export const RegisterRequestSchema = z.strictObject({
  role: EnrolmentRoleSchema,
  mentorCapacity: MentorCapacitySchema.optional(),
  answers: AnswersSchema.optional().describe("Answers to the registration form"),
});
export type RegisterRequest = z.input<typeof RegisterRequestSchema>;

export const UpdateMyEnrolmentRequestSchema = z
  .strictObject({ answers: AnswersSchema.optional(), mentorCapacity: MentorCapacitySchema.optional() })
  .refine((value) => value.answers !== undefined || value.mentorCapacity !== undefined, {
    error: "give answers or a mentor capacity to change",
  });
export type UpdateMyEnrolmentRequest = z.input<typeof UpdateMyEnrolmentRequestSchema>;

export const PauseRequestSchema = z.strictObject({
  until: DateSchema.nullable().optional().describe("Resume on this day (leave out to pause until resumed)"),
});
export type PauseRequest = z.input<typeof PauseRequestSchema>;

// ---- Admin: participants ----------------------------------------------------------------------

export const ParticipantListQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe("Part of a name or email"),
  role: EnrolmentRoleSchema.optional(),
  status: EnrolmentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ParticipantListQuery = z.input<typeof ParticipantListQuerySchema>;

export const ParticipantSchema = z.object({
  enrolmentId: IdSchema,
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: EnrolmentRoleSchema,
  status: EnrolmentStatusSchema,
  mentorCapacity: z.number().int(),
  source: z.enum(["self", "invite", "import", "admin"]),
  pausedUntil: z.string().nullable(),
  answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })),
  answersComplete: z.boolean(),
  registeredAt: TimestampSchema,
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const ParticipantCountsSchema = z.object({
  all: z.number().int(),
  byRole: z.object({ mentee: z.number().int(), mentor: z.number().int(), both: z.number().int() }),
  byStatus: z.object({
    pending_approval: z.number().int(),
    active: z.number().int(),
    paused: z.number().int(),
    left: z.number().int(),
    declined: z.number().int(),
  }),
});
export type ParticipantCounts = z.infer<typeof ParticipantCountsSchema>;

export const ParticipantListSchema = z.object({
  participants: z.array(ParticipantSchema),
  total: z.number().int().describe("People matching the filters"),
  counts: ParticipantCountsSchema.describe("The whole programme, whatever the filters"),
});
export type ParticipantList = z.infer<typeof ParticipantListSchema>;

export const UpdateParticipantRequestSchema = z
  .strictObject({ role: EnrolmentRoleSchema.optional(), mentorCapacity: MentorCapacitySchema.optional() })
  .refine((value) => value.role !== undefined || value.mentorCapacity !== undefined, {
    error: "give a role or a mentor capacity to change",
  });
export type UpdateParticipantRequest = z.input<typeof UpdateParticipantRequestSchema>;

export const DeclineRequestSchema = z.strictObject({
  reason: z.string().trim().max(500).optional().describe("Told to the person"),
});
export type DeclineRequest = z.input<typeof DeclineRequestSchema>;

export const AddByEmailRequestSchema = z.strictObject({
  emails: z
    .string()
    .max(10_000)
    .describe("Email addresses separated by commas, semicolons, spaces or new lines (at most 200)"),
  role: EnrolmentRoleSchema,
  mentorCapacity: MentorCapacitySchema.optional(),
});
export type AddByEmailRequest = z.input<typeof AddByEmailRequestSchema>;

export const AddByEmailResultSchema = z.object({
  results: z.array(
    z.object({
      email: z.string(),
      outcome: z.enum(["enrolled", "account_created", "already_enrolled", "refused"]),
      message: z.string(),
    }),
  ),
});
export type AddByEmailResult = z.infer<typeof AddByEmailResultSchema>;

// ---- Join link ----------------------------------------------------------------------------------

export const JoinLinkStatusSchema = z.object({ active: z.boolean() });
export const JoinLinkSchema = z.object({
  active: z.literal(true),
  url: z.string().describe("Shown once: only a hash of its token is kept"),
});
export type JoinLink = z.infer<typeof JoinLinkSchema>;

export const JoinPreviewSchema = z.object({
  orgId: IdSchema,
  orgName: z.string(),
  programme: ProgrammeForRegistrationSchema,
  enrolment: EnrolmentSchema.nullable(),
});
export type JoinPreview = z.infer<typeof JoinPreviewSchema>;
export const JoinResultSchema = z.object({ orgId: IdSchema, enrolment: EnrolmentSchema });

// ---- CSV import -------------------------------------------------------------------------------

const TARGET = new RegExp(`^(${IMPORT_FIELDS.join("|")}|answer:[A-Za-z0-9_-]{1,40})$`);

export const CsvFileSchema = asOneField(
  z.strictObject({
    name: z.string().trim().min(1).max(255),
    text: z
      .string()
      .min(1, { error: "is empty" })
      .max(20_000_000, { error: "is larger than 20 MB: split the file" }),
  }),
);

export const ColumnMappingSchema = z.strictObject({
  column: z.number().int().min(0).max(499),
  field: z.string().regex(TARGET, { error: "is not a field a column can fill" }),
});
export const MappingSchema = asOneField(z.array(ColumnMappingSchema).max(500));

export const ImportPreviewRequestSchema = z.strictObject({
  file: CsvFileSchema,
  mapping: MappingSchema.optional().describe("Leave out to get a suggested mapping"),
  defaultRole: EnrolmentRoleSchema.optional().describe("The role of rows without one"),
});
export type ImportPreviewRequest = z.input<typeof ImportPreviewRequestSchema>;

export const StartImportRequestSchema = z.strictObject({
  file: CsvFileSchema,
  mapping: MappingSchema,
  defaultRole: EnrolmentRoleSchema.optional(),
});
export type StartImportRequest = z.input<typeof StartImportRequestSchema>;

const RowProblemSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  label: z.string(),
  message: z.string(),
});
export type RowProblemView = z.infer<typeof RowProblemSchema>;

export const ImportPreviewSchema = z.object({
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), samples: z.array(z.string()) })),
  targets: z.array(z.object({ target: z.string(), label: z.string(), required: z.boolean() })),
  mapping: z.array(z.object({ column: z.number().int(), field: z.string() })),
  mappingProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  problemCount: z.number().int(),
  problems: z.array(RowProblemSchema).describe("The first 500"),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const CsvImportSummarySchema = z.object({
  id: IdSchema,
  status: z.enum(["running", "completed", "failed"]),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  errorCount: z.number().int(),
  startedByName: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type CsvImportSummary = z.infer<typeof CsvImportSummarySchema>;
export const CsvImportSchema = CsvImportSummarySchema.extend({
  errors: z.array(RowProblemSchema).describe("The first 1,000, by line"),
});
export type CsvImport = z.infer<typeof CsvImportSchema>;
export const CsvImportListSchema = z.object({ imports: z.array(CsvImportSummarySchema) });
