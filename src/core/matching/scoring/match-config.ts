/**
 * The match config an admin tunes: a list of criteria, each with a weight 0..10 or `hard: true`
 * (or both: a hard rule that also scores). Plain TypeScript, validated by `validateMatchConfig`.
 */

export const CATEGORICAL_FIELDS = ["department", "location", "jobRole", "timeZone"] as const;
export type CategoricalField = (typeof CATEGORICAL_FIELDS)[number];

interface CriterionBase {
  /** 0..10; 0 or missing means the criterion does not score (it may still be a hard rule). */
  readonly weight?: number;
  /** Pairs that fail the criterion are not allowed. */
  readonly hard?: boolean;
}

/** Share of the mentee's wanted skills the mentor offers: full credit at or above the wanted level, half below. Passes when one wanted skill is offered at level. */
export interface SkillsCriterion extends CriterionBase {
  readonly kind: "skills";
}
/** Share of the mentee's topics the mentor also lists. Passes when one is shared. */
export interface TopicsCriterion extends CriterionBase {
  readonly kind: "topics";
}
/** Same (or different) value of a profile field or of a custom question's answer. */
export interface CategoricalCriterion extends CriterionBase {
  readonly kind: "same" | "different";
  readonly field?: CategoricalField;
  readonly question?: string;
}
/** Mentor's years of experience minus the mentee's, in [minGap, maxGap]; decays to 0 over `tolerance` years outside. */
export interface ExperienceGapCriterion extends CriterionBase {
  readonly kind: "experienceGap";
  readonly minGap?: number;
  readonly maxGap?: number;
  readonly tolerance?: number;
}
/** Shared working hours (Mon-Fri, each in their own zone) per working day, in hours; passes at >= minHours. */
export interface WorkingHoursCriterion extends CriterionBase {
  readonly kind: "workingHours";
  readonly minHours?: number;
  readonly workdayStart?: string;
  readonly workdayEnd?: string;
}
/** Shared weekly availability in hours; full value at targetHours, passes at >= minHours. */
export interface AvailabilityCriterion extends CriterionBase {
  readonly kind: "availability";
  readonly minHours?: number;
  readonly targetHours?: number;
}
/** At least one language in common. */
export interface LanguageCriterion extends CriterionBase {
  readonly kind: "language";
}
/** TF-IDF cosine of the mentee's goals and the mentor's experience; full value at `saturation`. */
export interface GoalsCriterion extends CriterionBase {
  readonly kind: "goals";
  readonly saturation?: number;
  readonly minSimilarity?: number;
}
/** Ranked preferences of either side; passes when either side listed the other. */
export interface PreferencesCriterion extends CriterionBase {
  readonly kind: "preferences";
}

export type Criterion =
  | SkillsCriterion
  | TopicsCriterion
  | CategoricalCriterion
  | ExperienceGapCriterion
  | WorkingHoursCriterion
  | AvailabilityCriterion
  | LanguageCriterion
  | GoalsCriterion
  | PreferencesCriterion;

export type CriterionKind = Criterion["kind"];

export const CRITERION_KINDS: readonly CriterionKind[] = [
  "skills",
  "topics",
  "same",
  "different",
  "experienceGap",
  "workingHours",
  "availability",
  "language",
  "goals",
  "preferences",
];

export interface MatchConfig {
  readonly criteria: readonly Criterion[];
  /** K: candidates kept per mentee before pricing out (default 48). */
  readonly candidatesPerMentee?: number;
  /** Monday (YYYY-MM-DD) of the week whose time-zone offsets are used; the CLI defaults it to this week. */
  readonly referenceWeek?: string;
}

/**
 * A short human label of a criterion, used in explanations.
 *
 * Example: criterionLabel({ kind: "same", field: "department" }) === "same department"
 */
export function criterionLabel(criterion: Criterion): string {
  switch (criterion.kind) {
    case "skills":
      return "skills wanted offered";
    case "topics":
      return "shared topics";
    case "same":
    case "different":
      return `${criterion.kind} ${criterion.question ? `answer to ${criterion.question}` : criterion.field}`;
    case "experienceGap":
      return `mentor ${criterion.minGap ?? 2}-${criterion.maxGap ?? 15} years more experienced`;
    case "workingHours":
      return `working hours overlap >= ${criterion.minHours ?? 2} h/day`;
    case "availability":
      return `availability overlap >= ${criterion.minHours ?? 1} h/week`;
    case "language":
      return "shared language";
    case "goals":
      return "goals match mentor experience";
    case "preferences":
      return "stated preferences";
  }
}
