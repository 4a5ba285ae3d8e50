import { z } from "zod";
import {
  CATEGORICAL_FIELDS,
  CRITERION_KINDS,
  type CriterionKind,
  type MatchConfig,
} from "../core/matching/scoring/match-config.ts";
import { MatchInputError, validateMatchConfig } from "../core/matching/scoring/validate-config.ts";
import { checkForm, QUESTION_KINDS } from "../core/programmes/registration-form.ts";
import { TEMPLATE_IDS } from "../core/programmes/templates.ts";
import {
  ENROLMENT_ROLES,
  ENROLMENT_STATUSES,
  MATCHING_MODES,
  PROGRAMME_STATUSES,
  PROGRAMME_TYPES,
} from "../core/programmes/types.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

const oneOf = (values: readonly string[]) => ({ error: `must be one of: ${values.join(", ")}` });

export const ProgrammeTypeSchema = z.enum(PROGRAMME_TYPES, oneOf(PROGRAMME_TYPES));
export const ProgrammeStatusSchema = z.enum(PROGRAMME_STATUSES, oneOf(PROGRAMME_STATUSES));
export const MatchingModeSchema = z.enum(MATCHING_MODES, oneOf(MATCHING_MODES));
export const ProgrammeRoleSchema = z.enum(ENROLMENT_ROLES, oneOf(ENROLMENT_ROLES));
export const TemplateIdSchema = z.enum(TEMPLATE_IDS, oneOf(TEMPLATE_IDS));
export const DateSchema = z.iso.date({ error: 'must be a date "YYYY-MM-DD"' });

/** A whole number from min to max, with messages a person understands. */
const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const number = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

// ---- registration form -------------------------------------------------------------------------

const QuestionShape = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "must be 1-40 letters, digits, - or _" }),
  kind: z.enum(QUESTION_KINDS, oneOf(QUESTION_KINDS)),
  label: z.string().trim().min(1).max(200),
  help: z.string().trim().max(500).optional(),
  required: z.boolean(),
  usedInMatching: z.boolean(),
  options: z
    .array(z.string().trim().min(1).max(100))
    .max(30, { error: "must have at most 30 choices" })
    .optional(),
  min: wholeNumber(0, 100).optional(),
  max: wholeNumber(1, 100).optional(),
  audience: z.enum(["mentee", "mentor", "both"], oneOf(["mentee", "mentor", "both"])).optional(),
};

/** Where in a question a `checkForm` problem belongs. */
function questionField(message: string): string {
  if (message.startsWith("id")) return "id";
  if (message.includes("choice")) return "options";
  return "max";
}

/** The registration form as people send it: each question's shape, then `checkForm`'s rules. */
export const RegistrationFormSchema = z
  .array(z.strictObject(QuestionShape))
  .max(50, { error: "must have at most 50 questions" })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.forEach((question, index) => {
      if (seen.has(question.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: "is used by another question" });
      seen.add(question.id);
      for (const problem of checkForm([question]))
        ctx.addIssue({
          code: "custom",
          path: [index, questionField(problem.message)],
          message: problem.message,
        });
    });
  });
export const FormQuestionSchema = z.object(QuestionShape);
export type FormQuestionInput = z.input<typeof FormQuestionSchema>;

// ---- match criteria ----------------------------------------------------------------------------

const CriterionShape = {
  kind: z.enum(CRITERION_KINDS as [CriterionKind, ...CriterionKind[]], oneOf(CRITERION_KINDS)),
  weight: wholeNumber(0, 10).optional(),
  hard: z.boolean().optional(),
  field: z.enum(CATEGORICAL_FIELDS, oneOf(CATEGORICAL_FIELDS)).optional(),
  question: z.string().min(1).max(40).optional(),
  minGap: number(-100, 100).optional(),
  maxGap: number(-100, 100).optional(),
  tolerance: number(0.01, 100).optional(),
  minHours: number(0, 168).optional(),
  targetHours: number(0.25, 168).optional(),
  workdayStart: z.string().max(5).optional(),
  workdayEnd: z.string().max(5).optional(),
  saturation: number(0.01, 1).optional(),
  minSimilarity: number(0, 1).optional(),
};
const ConfigShape = {
  criteria: z
    .array(z.strictObject(CriterionShape))
    .min(1, { error: "needs at least one criterion" })
    .max(40, { error: "must have at most 40 criteria" }),
  candidatesPerMentee: wholeNumber(1, 10_000).optional(),
  referenceWeek: DateSchema.optional(),
};

/** "criteria[2].kind" (the matcher's path) as zod path segments. */
function configPath(path: string): (string | number)[] {
  if (path === "config") return [];
  return path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A match config as people send it: each criterion's shape, then the matcher's own validation. */
export const MatchConfigSchema = z.strictObject(ConfigShape).superRefine((config, ctx) => {
  try {
    validateMatchConfig(config);
  } catch (error) {
    if (!(error instanceof MatchInputError)) throw error;
    ctx.addIssue({
      code: "custom",
      path: configPath(error.path),
      message: error.message.slice(error.path.length + 2),
    });
  }
});
export type MatchConfigInput = z.input<typeof MatchConfigSchema>;
/** A stored config as it goes out (not re-validated: a stored value is what it is). */
export const MatchConfigOutSchema = z.object({
  criteria: z.array(z.object(CriterionShape)),
  candidatesPerMentee: z.number().optional(),
  referenceWeek: z.string().optional(),
});
export type CriterionView = z.infer<typeof MatchConfigOutSchema>["criteria"][number];
/** The core's type for a config the schema accepted. */
export type ValidMatchConfig = MatchConfig;

// ---- settings ----------------------------------------------------------------------------------

const SettingsShape = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(4000),
  type: ProgrammeTypeSchema,
  evergreen: z.boolean(),
  startsOn: DateSchema.nullable(),
  endsOn: DateSchema.nullable(),
  rolesOffered: z
    .array(ProgrammeRoleSchema)
    .min(1, { error: "must offer at least one role" })
    .max(3, { error: "must list each role at most once" }),
  defaultMentorCapacity: wholeNumber(1, 50),
  matchingMode: MatchingModeSchema,
  registrationForm: RegistrationFormSchema,
  matchConfig: MatchConfigSchema,
  requestExpiryDays: wholeNumber(1, 90),
  requestReminderDays: wholeNumber(0, 89),
  pendingRequestCap: wholeNumber(1, 20),
  requiresApproval: z.boolean(),
};

export const CreateProgrammeRequestSchema = z.strictObject({
  template: TemplateIdSchema.optional().describe("Start from this template (omit to start from scratch)"),
  name: SettingsShape.name,
  description: SettingsShape.description.optional(),
  type: SettingsShape.type.optional(),
  evergreen: SettingsShape.evergreen.optional(),
  startsOn: SettingsShape.startsOn.optional(),
  endsOn: SettingsShape.endsOn
    .optional()
    .describe("Defaults to the start plus the template's cohort length (12 weeks from scratch)"),
  rolesOffered: SettingsShape.rolesOffered.optional(),
  defaultMentorCapacity: SettingsShape.defaultMentorCapacity.optional(),
  matchingMode: SettingsShape.matchingMode.optional(),
  registrationForm: SettingsShape.registrationForm.optional(),
  matchConfig: SettingsShape.matchConfig.optional(),
  requestExpiryDays: SettingsShape.requestExpiryDays.optional(),
  requestReminderDays: SettingsShape.requestReminderDays.optional(),
  pendingRequestCap: SettingsShape.pendingRequestCap.optional(),
  requiresApproval: SettingsShape.requiresApproval.optional(),
});
export type CreateProgrammeRequest = z.infer<typeof CreateProgrammeRequestSchema>;

export const UpdateProgrammeRequestSchema = z
  .strictObject({
    name: SettingsShape.name.optional(),
    description: SettingsShape.description.optional(),
    type: SettingsShape.type.optional(),
    evergreen: SettingsShape.evergreen.optional(),
    startsOn: SettingsShape.startsOn.optional(),
    endsOn: SettingsShape.endsOn.optional(),
    rolesOffered: SettingsShape.rolesOffered.optional(),
    defaultMentorCapacity: SettingsShape.defaultMentorCapacity.optional(),
    matchingMode: SettingsShape.matchingMode.optional(),
    registrationForm: SettingsShape.registrationForm.optional(),
    matchConfig: SettingsShape.matchConfig.optional(),
    requestExpiryDays: SettingsShape.requestExpiryDays.optional(),
    requestReminderDays: SettingsShape.requestReminderDays.optional(),
    pendingRequestCap: SettingsShape.pendingRequestCap.optional(),
    requiresApproval: SettingsShape.requiresApproval.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { error: "give at least one setting to change" });
export type UpdateProgrammeRequest = z.infer<typeof UpdateProgrammeRequestSchema>;

export const TransitionProgrammeRequestSchema = z.strictObject({
  to: ProgrammeStatusSchema.describe("The state to move to"),
});
export type TransitionProgrammeRequest = z.infer<typeof TransitionProgrammeRequestSchema>;

export const ProgrammeListQuerySchema = z.strictObject({
  status: ProgrammeStatusSchema.optional().describe("Admins: only this state (default: all but archived)"),
});
export type ProgrammeListQuery = z.input<typeof ProgrammeListQuerySchema>;

export const ProgrammeParamsSchema = z.strictObject({ orgId: IdSchema, programmeId: IdSchema });

// ---- responses ---------------------------------------------------------------------------------

export const ProgrammeCountsSchema = z.object({
  mentors: z.number().int().describe("Enrolled (active or paused) as mentor or both"),
  mentees: z.number().int().describe("Enrolled (active or paused) as mentee or both"),
  pendingApproval: z.number().int(),
  relationships: z.number().int().describe("Every relationship the programme started"),
  liveRelationships: z.number().int().describe("Proposed, active or paused"),
});
export type ProgrammeCounts = z.infer<typeof ProgrammeCountsSchema>;

export const MyEnrolmentSchema = z.object({
  role: ProgrammeRoleSchema,
  status: z.enum(ENROLMENT_STATUSES),
});

export const ProgrammeSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  type: ProgrammeTypeSchema,
  status: ProgrammeStatusSchema,
  evergreen: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  matchingMode: MatchingModeSchema,
  registrationOpen: z.boolean().describe("People may register now"),
  counts: ProgrammeCountsSchema.nullable().describe("Admins only"),
  myEnrolment: MyEnrolmentSchema.nullable().describe("The caller's own place in the programme"),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;
export const ProgrammeListSchema = z.object({ programmes: z.array(ProgrammeSummarySchema) });
export type ProgrammeList = z.infer<typeof ProgrammeListSchema>;

export const ProgrammeSchema = ProgrammeSummarySchema.extend({
  template: z.string().nullable(),
  rolesOffered: z.array(ProgrammeRoleSchema),
  defaultMentorCapacity: z.number().int(),
  registrationForm: z.array(FormQuestionSchema),
  matchConfig: MatchConfigOutSchema,
  requestExpiryDays: z.number().int(),
  requestReminderDays: z.number().int(),
  pendingRequestCap: z.number().int(),
  requiresApproval: z.boolean(),
  nextStatuses: z.array(ProgrammeStatusSchema).describe("States an admin may move it to now"),
  frozenFields: z
    .array(z.object({ field: z.string(), reason: z.string() }))
    .describe("Settings that cannot change in the current state, and why"),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Programme = z.infer<typeof ProgrammeSchema>;

export const ProgrammeTemplateSchema = z.object({
  id: TemplateIdSchema,
  name: z.string(),
  summary: z.string(),
  settings: z.object({
    description: z.string(),
    type: ProgrammeTypeSchema,
    evergreen: z.boolean(),
    cohortWeeks: z.number().int().nullable(),
    rolesOffered: z.array(ProgrammeRoleSchema),
    defaultMentorCapacity: z.number().int(),
    matchingMode: MatchingModeSchema,
    registrationForm: z.array(FormQuestionSchema),
    matchConfig: MatchConfigOutSchema,
    requestExpiryDays: z.number().int(),
    requestReminderDays: z.number().int(),
    pendingRequestCap: z.number().int(),
    requiresApproval: z.boolean(),
  }),
});
export type ProgrammeTemplate = z.infer<typeof ProgrammeTemplateSchema>;
export const ProgrammeTemplateListSchema = z.object({ templates: z.array(ProgrammeTemplateSchema) });

export const CriteriaPreviewRequestSchema = z.strictObject({
  matchConfig: MatchConfigSchema.describe("The criteria being edited (not saved)"),
});
export type CriteriaPreviewRequest = z.infer<typeof CriteriaPreviewRequestSchema>;

export const CriteriaPreviewSchema = z.object({
  mentees: z.number().int(),
  mentors: z.number().int(),
  totalPairs: z.number().int().describe("Mentee × mentor pairs (nobody paired with themselves)"),
  exclusions: z.array(
    z.object({
      reason: z.enum(["reporting line", "earlier pair", "blocked", "already matched"]),
      pairs: z.number().int(),
    }),
  ),
  rules: z.array(
    z.object({
      criterionIndex: z.number().int().describe("Index of the hard rule in the config sent"),
      label: z.string(),
      removes: z.number().int().describe("Pairs failing this rule"),
      removesOnly: z.number().int().describe("Pairs failing this rule and no other"),
    }),
  ),
  remainingPairs: z.number().int(),
  menteesWithoutMentor: z.number().int(),
  estimated: z.boolean().describe("Counted on a deterministic sample of the mentees, then scaled"),
  menteesCounted: z.number().int(),
  referenceWeek: z.string().describe("Monday of the week whose time-zone offsets were used"),
});
export type CriteriaPreview = z.infer<typeof CriteriaPreviewSchema>;
