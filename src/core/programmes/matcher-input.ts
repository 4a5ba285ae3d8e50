import type { MatchConfig } from "../matching/scoring/match-config.ts";
import type { Participant, Programme } from "../matching/scoring/participant.ts";
import type { EnrolmentRole } from "./types.ts";

/** One enrolled person as stored (enrolment plus profile), the input of `toMatcherProgramme`. */
export interface StoredParticipant {
  userId: string;
  role: EnrolmentRole;
  mentorCapacity: number;
  answers: Record<string, unknown>;
  headline: string;
  bio: string;
  jobTitle: string;
  department: string;
  managerId: string | null;
  location: string;
  timeZone: string;
  languages: string[];
  yearsExperience: number | null;
  skillsOffered: { skill: string; level: number }[];
  skillsWanted: { skill: string; level: number }[];
  topics: string[];
  careerGoals: string;
  availability: { day: number; start: string; end: string }[];
}

const blankToUndefined = (value: string) => (value.trim() === "" ? undefined : value);

/**
 * Answers the matcher can compare: strings and numbers as they are, a multiple-choice answer as
 * its sorted options joined by "|" (so "same answer" means the same set).
 */
function matcherAnswers(answers: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [question, answer] of Object.entries(answers)) {
    if (typeof answer === "string" || typeof answer === "number") out[question] = answer;
    else if (Array.isArray(answer)) out[question] = answer.map(String).sort().join("|");
  }
  return out;
}

/**
 * The matcher's view of one stored participant. Skills are compared case-insensitively (the
 * organisation's list and free additions may differ in case).
 *
 * Example: a mentor with capacity 2 and "TypeScript" at level 4 becomes
 *   { id, role: "mentor", mentorCapacity: 2, skillsOffered: [{ skill: "typescript", level: 4 }], ... }
 */
export function toMatcherParticipant(stored: StoredParticipant): Participant {
  const skills = (list: { skill: string; level: number }[]) =>
    list.map((item) => ({ skill: item.skill.trim().toLowerCase(), level: item.level }));
  return {
    id: stored.userId,
    role: stored.role,
    mentorCapacity: stored.role === "mentee" ? 0 : stored.mentorCapacity,
    skillsOffered: skills(stored.skillsOffered),
    skillsWanted: skills(stored.skillsWanted),
    topics: stored.topics.map((topic) => topic.trim().toLowerCase()),
    goals: blankToUndefined(stored.careerGoals),
    experience: blankToUndefined([stored.headline, stored.jobTitle, stored.bio].join(" ")),
    yearsExperience: stored.yearsExperience ?? undefined,
    jobRole: blankToUndefined(stored.jobTitle),
    department: blankToUndefined(stored.department),
    managerId: stored.managerId ?? undefined,
    location: blankToUndefined(stored.location),
    timeZone: stored.timeZone,
    languages: stored.languages,
    availability: stored.availability,
    answers: matcherAnswers(stored.answers),
  };
}

/**
 * The matcher's programme: participants plus pairs running now and pairs that met before. Pairs
 * naming someone who is not an active participant (paused, left, another programme) are not
 * passed on; a running pair whose other side is absent still holds a place: the present side's
 * capacity is lowered by one instead.
 *
 * Example: mentor m (capacity 2) has a running pair with a mentee who paused →
 *   m takes part with mentorCapacity 1 and no existing pair.
 */
export function toMatcherProgramme(
  participants: readonly StoredParticipant[],
  pairs: {
    existing: readonly (readonly [string, string])[];
    earlier: readonly (readonly [string, string])[];
  },
): Programme {
  const people = new Map(participants.map((stored) => [stored.userId, toMatcherParticipant(stored)]));
  const known = (pair: readonly [string, string]) => people.has(pair[0]) && people.has(pair[1]);
  for (const [menteeId, mentorId] of pairs.existing) {
    const mentee = people.get(menteeId);
    const mentor = people.get(mentorId);
    if (mentee && mentor) continue;
    if (mentor)
      people.set(mentorId, { ...mentor, mentorCapacity: Math.max(0, (mentor.mentorCapacity ?? 1) - 1) });
    if (mentee)
      people.set(menteeId, { ...mentee, menteeCapacity: Math.max(0, (mentee.menteeCapacity ?? 1) - 1) });
  }
  return {
    participants: [...people.values()],
    existingPairs: pairs.existing.filter(known),
    earlierPairs: pairs.earlier.filter(known),
  };
}

/** The default criteria of a new programme: what most cohorts match on. */
export const DEFAULT_MATCH_CONFIG: MatchConfig = {
  criteria: [
    { kind: "skills", weight: 8 },
    { kind: "topics", weight: 4 },
    { kind: "goals", weight: 5 },
    { kind: "experienceGap", weight: 3, minGap: 2, maxGap: 15 },
    { kind: "workingHours", weight: 3, minHours: 2, hard: false },
    { kind: "language", hard: true },
    { kind: "different", field: "department", weight: 2 },
  ],
};
