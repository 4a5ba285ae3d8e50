import { z } from "zod";
import {
  availabilityProblems,
  firstDuplicate,
  isValidTimeZone,
  normaliseTimeZone,
  PROFILE_SECTIONS,
  VISIBILITY_LEVELS,
} from "../core/profiles/profile-rules.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

/** Largest photo upload in bytes (2 MB). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The image types a photo may have; anything else is a 415. */
export const PHOTO_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export const PROFILE_LIMITS = {
  headline: 120,
  bio: 4000,
  jobTitle: 120,
  department: 120,
  location: 120,
  careerGoals: 2000,
  languages: 10,
  skills: 30,
  skill: 80,
  topics: 20,
  topic: 60,
  slots: 50,
  links: 10,
  linkLabel: 60,
  linkUrl: 500,
  yearsExperience: 60,
} as const;

const text = (max: number) => z.string().trim().max(max);

/**
 * When something inside a list or object is wrong, say so on the field itself as well, so a 400
 * always names the field (`body.links`) besides the item (`body.links.2.url`).
 */
function namedList<T extends z.ZodType>(schema: z.ZodArray<T>, message = "has an item that is not valid") {
  return schema.refine(() => false, {
    message,
    when: (payload) => payload.issues.length > 0 && Array.isArray(payload.value),
  });
}
function namedObject<T extends z.ZodType>(schema: T, message: string) {
  return schema.refine(() => false, {
    message,
    when: (payload) =>
      payload.issues.length > 0 &&
      typeof payload.value === "object" &&
      payload.value !== null &&
      !Array.isArray(payload.value),
  });
}

/** A list of names in which no name appears twice (compared case-insensitively). */
function distinctNames<S extends z.ZodArray<z.ZodType>>(
  list: S,
  nameOf: (item: z.output<S>[number]) => string,
) {
  return list.superRefine((items, ctx) => {
    const duplicate = firstDuplicate(items.map(nameOf));
    if (duplicate !== null) ctx.addIssue({ code: "custom", message: `lists "${duplicate.trim()}" twice` });
  });
}

export const VisibilityLevelSchema = z.enum(VISIBILITY_LEVELS, {
  error: "must be organisation, programme or admins",
});
export const ProfileSectionSchema = z.enum(PROFILE_SECTIONS);

export const TimeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isValidTimeZone, { error: "must be an IANA time zone such as Europe/Berlin" })
  .transform(normaliseTimeZone);

export const SkillLevelSchema = z.strictObject({
  skill: z.string().trim().min(1, { error: "is required" }).max(PROFILE_LIMITS.skill),
  level: z
    .number()
    .int({ error: "must be a whole number from 1 to 5" })
    .min(1, { error: "must be from 1 to 5" })
    .max(5, { error: "must be from 1 to 5" }),
});
export type SkillLevel = z.infer<typeof SkillLevelSchema>;

const SkillLevelListSchema = namedList(
  distinctNames(
    z
      .array(SkillLevelSchema)
      .max(PROFILE_LIMITS.skills, { error: `must list at most ${PROFILE_LIMITS.skills} skills` }),
    (item) => item.skill,
  ),
);

const TimeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: "must be a time like 09:30" });

export const AvailabilitySlotSchema = z.strictObject({
  day: z
    .number()
    .int({ error: "must be a weekday from 1 (Monday) to 7 (Sunday)" })
    .min(1, { error: "must be a weekday from 1 (Monday) to 7 (Sunday)" })
    .max(7, { error: "must be a weekday from 1 (Monday) to 7 (Sunday)" }),
  start: TimeOfDaySchema,
  end: TimeOfDaySchema,
});
export type AvailabilitySlot = z.infer<typeof AvailabilitySlotSchema>;

const AvailabilityListSchema = namedList(
  z
    .array(AvailabilitySlotSchema)
    .max(PROFILE_LIMITS.slots, { error: `must have at most ${PROFILE_LIMITS.slots} times` })
    .superRefine((slots, ctx) => {
      for (const problem of availabilityProblems(slots)) {
        ctx.addIssue({
          code: "custom",
          path: problem.field ? [problem.index, problem.field] : [],
          message: problem.message,
        });
      }
    }),
  "has a time that is not valid",
);

const HttpUrlSchema = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(PROFILE_LIMITS.linkUrl)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { error: "must be a web address starting with http:// or https://" },
  );

export const LinkSchema = z.strictObject({
  label: z.string().trim().min(1, { error: "is required" }).max(PROFILE_LIMITS.linkLabel),
  url: HttpUrlSchema,
});
export type Link = z.infer<typeof LinkSchema>;

/** ISO 639 language codes ("en", "de"), as the matcher compares them. */
export const LanguageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, { error: "must be a language code such as en or de" });

const shortName = (max: number) =>
  z.string().trim().min(2, { error: "must be at least 2 characters" }).max(max);

export const VisibilityInputSchema = namedObject(
  z.strictObject(
    Object.fromEntries(PROFILE_SECTIONS.map((section) => [section, VisibilityLevelSchema.optional()])) as {
      [K in (typeof PROFILE_SECTIONS)[number]]: z.ZodOptional<typeof VisibilityLevelSchema>;
    },
  ),
  `must give a level for some of ${PROFILE_SECTIONS.join(", ")}`,
);

/** PUT /profile: the whole profile (what is left out of visibility keeps its default). */
export const ProfileInputSchema = z.strictObject({
  headline: text(PROFILE_LIMITS.headline),
  bio: text(PROFILE_LIMITS.bio),
  jobTitle: text(PROFILE_LIMITS.jobTitle),
  department: text(PROFILE_LIMITS.department),
  managerId: IdSchema.nullable().describe("The person this one reports to: an active member, or null"),
  location: text(PROFILE_LIMITS.location),
  timeZone: TimeZoneSchema,
  languages: namedList(
    distinctNames(
      z
        .array(LanguageCodeSchema)
        .max(PROFILE_LIMITS.languages, { error: `must list at most ${PROFILE_LIMITS.languages} languages` }),
      (item) => item,
    ),
  ),
  yearsExperience: z
    .number()
    .int({ error: "must be a whole number of years" })
    .min(0, { error: "must be 0 or more" })
    .max(PROFILE_LIMITS.yearsExperience, { error: `must be at most ${PROFILE_LIMITS.yearsExperience}` })
    .nullable(),
  skillsOffered: SkillLevelListSchema,
  skillsWanted: SkillLevelListSchema,
  topics: namedList(
    distinctNames(
      z
        .array(shortName(PROFILE_LIMITS.topic))
        .max(PROFILE_LIMITS.topics, { error: `must list at most ${PROFILE_LIMITS.topics} topics` }),
      (item) => item,
    ),
  ),
  careerGoals: text(PROFILE_LIMITS.careerGoals),
  availability: AvailabilityListSchema,
  links: namedList(
    z
      .array(LinkSchema)
      .max(PROFILE_LIMITS.links, { error: `must have at most ${PROFILE_LIMITS.links} links` }),
  ),
  visibility: VisibilityInputSchema,
});
export type ProfileInput = z.input<typeof ProfileInputSchema>;
export type ProfileValues = z.output<typeof ProfileInputSchema>;

export const VisibilitySchema = z.object({
  about: VisibilityLevelSchema,
  work: VisibilityLevelSchema,
  skills: VisibilityLevelSchema,
  goals: VisibilityLevelSchema,
  availability: VisibilityLevelSchema,
});

export const PersonRefSchema = z.object({ userId: IdSchema, name: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const PhotoSchema = z.object({
  url: z.string().describe("Where to load the image (changes when the photo changes)"),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  updatedAt: TimestampSchema,
});
export type Photo = z.infer<typeof PhotoSchema>;

const SkillLevelOutSchema = z.object({ skill: z.string(), level: z.number().int() });
const SlotOutSchema = z.object({ day: z.number().int(), start: z.string(), end: z.string() });
const LinkOutSchema = z.object({ label: z.string(), url: z.string() });

/** My own profile in one organisation, every section, ready to edit. */
export const MyProfileSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  headline: z.string(),
  bio: z.string(),
  jobTitle: z.string(),
  department: z.string(),
  manager: PersonRefSchema.nullable(),
  location: z.string(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  yearsExperience: z.number().int().nullable(),
  skillsOffered: z.array(SkillLevelOutSchema),
  skillsWanted: z.array(SkillLevelOutSchema),
  topics: z.array(z.string()),
  careerGoals: z.string(),
  availability: z.array(SlotOutSchema),
  links: z.array(LinkOutSchema),
  visibility: VisibilitySchema,
  photo: PhotoSchema.nullable(),
  updatedAt: TimestampSchema.nullable().describe("Null until the profile is first saved"),
});
export type MyProfile = z.infer<typeof MyProfileSchema>;

/** Another person's profile as the viewer may see it: a hidden section is null. */
export const PersonProfileSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  about: z
    .object({
      headline: z.string(),
      bio: z.string(),
      jobTitle: z.string(),
      links: z.array(LinkOutSchema),
      photo: PhotoSchema.nullable(),
    })
    .nullable(),
  work: z
    .object({
      department: z.string(),
      manager: PersonRefSchema.nullable(),
      location: z.string(),
      timeZone: z.string(),
      languages: z.array(z.string()),
    })
    .nullable(),
  skills: z
    .object({
      skillsOffered: z.array(SkillLevelOutSchema),
      skillsWanted: z.array(SkillLevelOutSchema),
      topics: z.array(z.string()),
      yearsExperience: z.number().int().nullable(),
    })
    .nullable(),
  goals: z.object({ careerGoals: z.string() }).nullable(),
  availability: z.object({ timeZone: z.string(), slots: z.array(SlotOutSchema) }).nullable(),
  /** Shown to the owner and admins, who see every section and may want to know who else does. */
  visibility: VisibilitySchema.nullable(),
});
export type PersonProfile = z.infer<typeof PersonProfileSchema>;

export const PersonParamsSchema = z.strictObject({ orgId: IdSchema, userId: IdSchema });
export const PhotoQuerySchema = z.strictObject({
  v: z.string().max(40).optional().describe("Version marker for caches; ignored"),
});
export const PhotoBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .describe("The image bytes (image/png, image/jpeg or image/webp)");

export const PeopleQuerySchema = z.strictObject({
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PeopleQuery = z.input<typeof PeopleQuerySchema>;
export const PeopleListSchema = z.object({ people: z.array(PersonRefSchema) });

// ---------------------------------------------------------------------------------------------
// The organisation's skill list
// ---------------------------------------------------------------------------------------------

export const SKILL_NAME_MAX = PROFILE_LIMITS.skill;
export const SKILL_CATEGORY_MAX = 60;

export const SkillSchema = z.object({
  id: IdSchema,
  name: z.string(),
  category: z.string().nullable(),
});
export type Skill = z.infer<typeof SkillSchema>;
export const SkillListSchema = z.object({ skills: z.array(SkillSchema) });
export type SkillList = z.infer<typeof SkillListSchema>;

const SkillNameSchema = z.string().trim().min(1, { error: "is required" }).max(SKILL_NAME_MAX);
/** A blank category means none. */
const SkillCategorySchema = z
  .string()
  .trim()
  .max(SKILL_CATEGORY_MAX)
  .nullable()
  .transform((value) => (value ? value : null));

export const CreateSkillRequestSchema = z.strictObject({
  name: SkillNameSchema,
  category: SkillCategorySchema.optional(),
});
export type CreateSkillRequest = z.infer<typeof CreateSkillRequestSchema>;

export const UpdateSkillRequestSchema = z
  .strictObject({ name: SkillNameSchema.optional(), category: SkillCategorySchema.optional() })
  .refine((value) => value.name !== undefined || value.category !== undefined, {
    error: "give a name or a category to change",
  });
export type UpdateSkillRequest = z.infer<typeof UpdateSkillRequestSchema>;

export const SkillParamsSchema = z.strictObject({ orgId: IdSchema, skillId: IdSchema });
