/**
 * A participant of a mentoring programme, as the matcher sees them. Plain data: parsed from CSV or
 * JSON by `parse-participants.ts`, or built by the server from profiles.
 */

/** A skill with a level from 1 (beginner) to 5 (expert). */
export interface LeveledSkill {
  readonly skill: string;
  readonly level: number;
}

/**
 * A weekly window in the participant's own time zone: day 1 = Monday .. 7 = Sunday, times "HH:MM"
 * (end "24:00" allowed). A window may not cross midnight; split it in two.
 */
export interface WeeklyWindow {
  readonly day: number;
  readonly start: string;
  readonly end: string;
}

/** Which side(s) of the programme a person is on. A person on both sides is never matched with themselves. */
export type ProgrammeRole = "mentee" | "mentor" | "both";

export interface Participant {
  readonly id: string;
  readonly role: ProgrammeRole;
  /** How many mentees this person mentors at most (default 1). */
  readonly mentorCapacity?: number;
  /** How many mentors this person takes as a mentee (default 1; group or peer programmes allow more). */
  readonly menteeCapacity?: number;
  readonly skillsOffered?: readonly LeveledSkill[];
  readonly skillsWanted?: readonly LeveledSkill[];
  readonly topics?: readonly string[];
  /** What the person wants from mentoring (used on the mentee side of text similarity). */
  readonly goals?: string;
  /** What the person has done (used on the mentor side of text similarity). */
  readonly experience?: string;
  readonly yearsExperience?: number;
  /** Job role or title. */
  readonly jobRole?: string;
  readonly department?: string;
  /** Id of this person's manager: the reporting line is the chain of managers. */
  readonly managerId?: string;
  readonly location?: string;
  /** IANA time zone, e.g. "Asia/Kolkata". */
  readonly timeZone?: string;
  readonly languages?: readonly string[];
  readonly availability?: readonly WeeklyWindow[];
  /** Answers to the programme's custom questions, by question id. */
  readonly answers?: Readonly<Record<string, string | number>>;
  /** Ranked ids of people this person would like to be matched with, best first. */
  readonly preferences?: readonly string[];
  /** Ids of people this person must never be matched with (applies in both directions). */
  readonly blocked?: readonly string[];
}

/** A pair given by ids: [menteeId, mentorId]. */
export type IdPair = readonly [string, string];

/** Everything about a programme the scoring model needs besides the config. */
export interface Programme {
  readonly participants: readonly Participant[];
  /** Pairs that met in an earlier cohort: never paired again. */
  readonly earlierPairs?: readonly IdPair[];
  /** Pairs already running: they consume capacity on both sides and are not matched again. */
  readonly existingPairs?: readonly IdPair[];
}
