import type { MyProfile, PersonRef, ProfileInput } from "../../../contracts/profiles.ts";
import type { Visibility } from "../../../core/profiles/profile-rules.ts";
import { ApiError } from "../../api/api-error.ts";
import { browserTimeZone } from "./profile-format.ts";

/** What the editor holds: the body of PUT /profile, with the manager's name for display. */
export interface ProfileDraft extends Omit<ProfileInput, "managerId" | "visibility"> {
  manager: PersonRef | null;
  visibility: Visibility;
}

/** The editor's starting point; a profile never saved starts in the browser's time zone. */
export function draftFrom(profile: MyProfile): ProfileDraft {
  return {
    headline: profile.headline,
    bio: profile.bio,
    jobTitle: profile.jobTitle,
    department: profile.department,
    manager: profile.manager,
    location: profile.location,
    timeZone: profile.updatedAt === null && profile.timeZone === "UTC" ? browserTimeZone() : profile.timeZone,
    languages: profile.languages,
    yearsExperience: profile.yearsExperience,
    skillsOffered: profile.skillsOffered,
    skillsWanted: profile.skillsWanted,
    topics: profile.topics,
    careerGoals: profile.careerGoals,
    availability: profile.availability,
    links: profile.links,
    visibility: profile.visibility,
  };
}

export function inputFrom(draft: ProfileDraft): ProfileInput {
  const { manager, ...rest } = draft;
  return { ...rest, managerId: manager?.userId ?? null };
}

/** Problems keyed by where they are: "headline", "skillsOffered.0.level", "availability". */
export type ProfileErrors = Record<string, string>;

export function errorsFromIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ProfileErrors {
  const errors: ProfileErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** The server's `body.<path>` details, keyed as above. */
export function errorsFromServer(error: unknown): ProfileErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: ProfileErrors = {};
  for (const detail of error.details) {
    const key = detail.path.replace(/^body\.?/, "") || "form";
    if (!(key in errors)) errors[key] = detail.message;
  }
  return errors;
}

/** Names of the top-level fields, to say in the summary where each problem is. */
export const FIELD_LABELS: Record<string, string> = {
  headline: "Headline",
  bio: "Bio",
  jobTitle: "Job title",
  department: "Department",
  managerId: "Manager",
  location: "Location",
  timeZone: "Time zone",
  languages: "Languages",
  yearsExperience: "Years of experience",
  skillsOffered: "Skills I can offer",
  skillsWanted: "Skills I want to grow",
  topics: "Topics",
  careerGoals: "Career goals",
  availability: "Availability",
  links: "Links",
  visibility: "Who can see each part",
  form: "Profile",
};

const PART_LABELS: Record<string, string> = {
  url: "address",
  label: "label",
  skill: "name",
  level: "level",
  day: "day",
  start: "from",
  end: "to",
};

/** "Skills I can offer, item 2, level: must be from 1 to 5" */
export function describeProblem(key: string, message: string): string {
  const [field, index, part] = key.split(".");
  const where = [
    FIELD_LABELS[field] ?? field,
    index !== undefined && /^\d+$/.test(index) ? `item ${Number(index) + 1}` : index,
    part === undefined ? undefined : (PART_LABELS[part] ?? part),
  ]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${message}`;
}

/**
 * The problems worth listing: a list's own "has an item that is not valid" is left out when the
 * item's problem is there too (it only repeats it).
 */
export function specificProblems(errors: ProfileErrors): [string, string][] {
  const keys = Object.keys(errors);
  return Object.entries(errors).filter(([key]) => !keys.some((other) => other.startsWith(`${key}.`)));
}

/** The first message for a field or anything inside it ("links" finds "links.0.url"). */
export function errorWithin(errors: ProfileErrors, prefix: string): string | undefined {
  const key = Object.keys(errors).find((item) => item.startsWith(`${prefix}.`));
  return key ? errors[key] : errors[prefix];
}

/** A list's own problem (too many, a duplicate, an overlap), unless it only repeats an item's. */
export function listProblem(errors: ProfileErrors, field: string): string | undefined {
  return Object.keys(errors).some((key) => key.startsWith(`${field}.`)) ? undefined : errors[field];
}
