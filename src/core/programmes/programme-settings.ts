/**
 * What a programme manager configures, the defaults of a programme started from scratch, the
 * rules a whole set of settings must follow, and which settings are frozen in which state.
 */
import type { MatchConfig } from "../matching/scoring/match-config.ts";
import { DEFAULT_MATCH_CONFIG } from "./matcher-input.ts";
import type { FormQuestion } from "./registration-form.ts";
import type { EnrolmentRole, MatchingMode, ProgrammeStatus, ProgrammeType } from "./types.ts";

export interface ProgrammeSettings {
  name: string;
  description: string;
  type: ProgrammeType;
  /** Evergreen programmes have no dates and keep registration open while they run. */
  evergreen: boolean;
  /** "YYYY-MM-DD" or null. */
  startsOn: string | null;
  endsOn: string | null;
  rolesOffered: EnrolmentRole[];
  defaultMentorCapacity: number;
  matchingMode: MatchingMode;
  registrationForm: FormQuestion[];
  matchConfig: MatchConfig;
  requestExpiryDays: number;
  /** Days before a request expires that the mentor is reminded (0: no reminder). */
  requestReminderDays: number;
  /** How many requests a mentee may have waiting at once. */
  pendingRequestCap: number;
  requiresApproval: boolean;
}

export type SettingsField = keyof ProgrammeSettings;

/** The default cohort length. */
export const DEFAULT_COHORT_WEEKS = 12;

/** A programme started from scratch, before the admin's own choices. */
export const SCRATCH_SETTINGS: Omit<ProgrammeSettings, "name" | "startsOn" | "endsOn"> = {
  description: "",
  type: "one_to_one",
  evergreen: false,
  rolesOffered: ["mentee", "mentor"],
  defaultMentorCapacity: 1,
  matchingMode: "both",
  registrationForm: [],
  matchConfig: DEFAULT_MATCH_CONFIG,
  requestExpiryDays: 14,
  requestReminderDays: 3,
  pendingRequestCap: 3,
  requiresApproval: false,
};

const DAY_MS = 86_400_000;

function parseDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A calendar date plus whole days.
 *
 * Example: addDays("2026-01-05", 84) === "2026-03-30"
 */
export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

/**
 * The end of a cohort that starts on `startsOn` and lasts `weeks` weeks.
 *
 * Example: cohortEnd("2026-01-05", 12) === "2026-03-30"
 */
export function cohortEnd(startsOn: string, weeks: number = DEFAULT_COHORT_WEEKS): string {
  return addDays(startsOn, weeks * 7);
}

/**
 * The Monday (YYYY-MM-DD) of the week holding a calendar date: the matcher's reference week.
 *
 * Example: mondayOf("2026-04-02") === "2026-03-30" (a Thursday); mondayOf("2026-03-29") === "2026-03-23"
 */
export function mondayOf(date: string): string {
  const ms = parseDate(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return formatDate(ms - weekday * DAY_MS);
}

/** One problem with a set of settings: the field path ("endsOn", "matchConfig.criteria.2.question"). */
export interface SettingsProblem {
  path: string;
  message: string;
}

/** Question kinds a same/different criterion can compare (a skills answer is a list with levels). */
const COMPARABLE_KINDS = new Set(["single_choice", "multiple_choice", "scale", "text"]);

/**
 * Problems a whole set of settings has beyond each field's own shape: dates, roles, reminders,
 * and criteria that compare answers to questions the form does not ask for matching. Empty when
 * valid.
 *
 * Example: checkSettings({ ...settings, evergreen: false, startsOn: "2026-03-01", endsOn: "2026-02-01" })
 *   → [{ path: "endsOn", message: "must be after the start date" }]
 */
export function checkSettings(settings: ProgrammeSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (settings.evergreen) {
    if (settings.startsOn)
      problems.push({ path: "startsOn", message: "an evergreen programme has no dates" });
    if (settings.endsOn) problems.push({ path: "endsOn", message: "an evergreen programme has no dates" });
  } else {
    if (settings.endsOn && !settings.startsOn)
      problems.push({ path: "startsOn", message: "is required when there is an end date" });
    if (settings.startsOn && settings.endsOn && settings.endsOn <= settings.startsOn)
      problems.push({ path: "endsOn", message: "must be after the start date" });
  }
  const roles = new Set(settings.rolesOffered);
  if (roles.size !== settings.rolesOffered.length)
    problems.push({ path: "rolesOffered", message: "lists a role twice" });
  if (!roles.has("both") && !(roles.has("mentee") && roles.has("mentor")))
    problems.push({
      path: "rolesOffered",
      message: 'must offer both sides: "mentee" and "mentor", or "both"',
    });
  if (settings.requestReminderDays >= settings.requestExpiryDays)
    problems.push({
      path: "requestReminderDays",
      message: `must be fewer than the ${settings.requestExpiryDays} days a request waits`,
    });
  const questions = new Map(settings.registrationForm.map((question) => [question.id, question]));
  settings.matchConfig.criteria.forEach((criterion, index) => {
    if (!("question" in criterion) || criterion.question === undefined) return;
    const question = questions.get(criterion.question);
    const path = `matchConfig.criteria.${index}.question`;
    if (!question)
      problems.push({ path, message: `"${criterion.question}" is not a question of the registration form` });
    else if (!question.usedInMatching)
      problems.push({ path, message: `"${question.label}" is not marked as used in matching` });
    else if (!COMPARABLE_KINDS.has(question.kind))
      problems.push({ path, message: `"${question.label}" is a skills question: use the skills criterion` });
  });
  return problems;
}

/** Every field in the order a settings page shows them. */
export const SETTINGS_FIELDS: readonly SettingsField[] = [
  "name",
  "description",
  "type",
  "evergreen",
  "startsOn",
  "endsOn",
  "rolesOffered",
  "defaultMentorCapacity",
  "matchingMode",
  "registrationForm",
  "matchConfig",
  "requestExpiryDays",
  "requestReminderDays",
  "pendingRequestCap",
  "requiresApproval",
];

/** Settings that shape who is in the programme and how they joined: fixed once it runs. */
const FIXED_WHILE_RUNNING: readonly SettingsField[] = ["type", "evergreen", "startsOn", "rolesOffered"];

/**
 * The settings that may not change in a programme's current state, with the reason. Before the
 * programme runs everything may change. Once running, its type, evergreen flag, start date and
 * roles are fixed (people are matched under them), and so is a cohort's registration form (an
 * evergreen programme still registers people, so its form stays editable). The end date, the
 * matching mode, the criteria and the request rules stay editable: they apply to what happens
 * next. A completed programme keeps only its name and description editable; an archived one
 * nothing.
 *
 * Example: frozenFields({ status: "running", evergreen: false }).has("registrationForm") === true
 */
export function frozenFields(programme: {
  status: ProgrammeStatus;
  evergreen: boolean;
}): Map<SettingsField, string> {
  const frozen = new Map<SettingsField, string>();
  switch (programme.status) {
    case "draft":
    case "registration_open":
    case "matching":
      return frozen;
    case "running":
      for (const field of FIXED_WHILE_RUNNING)
        frozen.set(field, "cannot change once the programme is running: people are matched under it");
      if (!programme.evergreen)
        frozen.set(
          "registrationForm",
          "cannot change once a cohort is running: everyone registered with this form",
        );
      return frozen;
    case "completed":
      for (const field of SETTINGS_FIELDS)
        if (field !== "name" && field !== "description")
          frozen.set(
            field,
            "cannot change once the programme is completed (only its name and description can)",
          );
      return frozen;
    case "archived":
      for (const field of SETTINGS_FIELDS)
        frozen.set(field, "cannot change: the programme is archived (duplicate it to run it again)");
      return frozen;
  }
}
