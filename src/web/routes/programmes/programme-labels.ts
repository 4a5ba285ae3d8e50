import type { CriterionView, Programme } from "../../../contracts/programmes.ts";
import { formatDay } from "../../components/format.ts";

export const TYPE_LABELS: Record<Programme["type"], string> = {
  one_to_one: "1:1 mentoring",
  group: "Group mentoring",
  peer: "Peer mentoring",
  reverse: "Reverse mentoring",
  flash: "Flash mentoring",
  coaching: "Coaching",
};

export const STATUS_LABELS: Record<Programme["status"], string> = {
  draft: "Draft",
  registration_open: "Registration open",
  matching: "Matching",
  running: "Running",
  completed: "Completed",
  archived: "Archived",
};

/**
 * A programme's state as people read it, the same on every page. A cohort that is running (its
 * pairs are published) but has not reached its start date reads "Matched · starts 1 Feb 2027",
 * so nobody wonders why a programme that starts in two weeks is already "Running".
 *
 * Example: programmeStateLabel({ status: "running", startsOn: "2027-02-01", evergreen: false }, "2027-01-18")
 *   === "Matched · starts 1 Feb 2027"
 */
export function programmeStateLabel(
  programme: Pick<Programme, "status" | "startsOn" | "evergreen">,
  today: string = new Date().toISOString().slice(0, 10),
): string {
  if (
    programme.status === "running" &&
    !programme.evergreen &&
    programme.startsOn &&
    programme.startsOn > today
  )
    return `Matched · starts ${formatDay(programme.startsOn)}`;
  return STATUS_LABELS[programme.status];
}

export const STATUS_TONES: Record<Programme["status"], string> = {
  draft: "badge--neutral",
  registration_open: "badge--info",
  matching: "badge--warning",
  running: "badge--success",
  completed: "badge--neutral",
  archived: "badge--neutral",
};

export const MODE_LABELS: Record<Programme["matchingMode"], string> = {
  admin: "Admins match people in bulk",
  self: "Mentees choose a mentor, who approves",
  both: "Both: bulk matching and choosing",
};

export const ROLE_LABELS: Record<Programme["rolesOffered"][number], string> = {
  mentee: "Mentee",
  mentor: "Mentor",
  both: "Both (peer: mentor and mentee)",
};

export const QUESTION_KIND_LABELS: Record<Programme["registrationForm"][number]["kind"], string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  scale: "Scale",
  text: "Text",
  skills: "Skills with levels",
};

export const CRITERION_KIND_LABELS: Record<CriterionView["kind"], string> = {
  skills: "Skills wanted are offered",
  topics: "Shared topics",
  same: "Same answer or field",
  different: "Different answer or field",
  experienceGap: "Experience gap",
  workingHours: "Working hours overlap",
  availability: "Availability overlap",
  language: "Shared language",
  goals: "Goals match mentor experience",
  preferences: "Stated preferences",
};

export const FIELD_LABELS: Record<string, string> = {
  department: "department",
  location: "location",
  jobRole: "job role",
  timeZone: "time zone",
};

/** A criterion in words, naming the question it compares when it compares one. */
export function describeCriterion(criterion: CriterionView, questionLabel: (id: string) => string): string {
  switch (criterion.kind) {
    case "same":
    case "different": {
      const what = criterion.question
        ? `answer to “${questionLabel(criterion.question)}”`
        : (FIELD_LABELS[criterion.field ?? ""] ?? criterion.field);
      return `${criterion.kind === "same" ? "Same" : "Different"} ${what}`;
    }
    case "experienceGap":
      return `Mentor ${criterion.minGap ?? 2} to ${criterion.maxGap ?? 15} years more experienced`;
    case "workingHours":
      return `Working hours overlap of at least ${criterion.minHours ?? 2} h a day`;
    case "availability":
      return `Availability overlap of at least ${criterion.minHours ?? 1} h a week`;
    default:
      return CRITERION_KIND_LABELS[criterion.kind];
  }
}

/** A calendar date ("2026-01-05") as "5 Jan 2026", the app's one format. Dates have no time zone. */
export function formatCalendarDate(date: string): string {
  return formatDay(date);
}

/** "5 Jan 2026 – 30 Mar 2026 (12 weeks)", "Evergreen: no end date", or "Dates not set yet". */
export function describeDates(programme: Pick<Programme, "evergreen" | "startsOn" | "endsOn">): string {
  if (programme.evergreen) return "Evergreen: always open, no end date";
  if (!programme.startsOn || !programme.endsOn) return "Dates not set yet";
  const days = (Date.parse(programme.endsOn) - Date.parse(programme.startsOn)) / 86_400_000;
  const length = days % 7 === 0 ? `${days / 7} weeks` : `${days} days`;
  return `${formatCalendarDate(programme.startsOn)} – ${formatCalendarDate(programme.endsOn)} (${length})`;
}

export const numberFormat = new Intl.NumberFormat();
