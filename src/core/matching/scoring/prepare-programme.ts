import { buildFeature, type Sides } from "./build-features.ts";
import { buildKernelPlan } from "./kernel-plan.ts";
import { criterionLabel, type MatchConfig } from "./match-config.ts";
import type { Participant, Programme } from "./participant.ts";
import type { PreparedProgramme } from "./prepared.ts";
import { MatchInputError } from "./validate-config.ts";
import { WeekSlotter } from "./week-slots.ts";

export interface PrepareOptions {
  /** Monday (YYYY-MM-DD) of the week whose UTC offsets are used for time-zone overlaps. */
  readonly referenceWeek: string;
}

const SAME_PERSON = 1;
const REPORTING_LINE = 2;
const EARLIER_PAIR = 3;
const BLOCKED = 4;
const ALREADY_MATCHED = 5;

function exclusions(
  programme: Programme,
  sides: Sides,
  byId: ReadonlyMap<string, Participant>,
): { start: Int32Array; mentor: Int32Array; reason: Uint8Array } {
  const rows = sides.mentees.map(() => new Map<number, number>());
  const add = (i: number | undefined, j: number | undefined, reason: number) => {
    if (i !== undefined && j !== undefined && !rows[i].has(j)) rows[i].set(j, reason);
  };
  sides.mentees.forEach((p, i) => {
    add(i, sides.mentorIndex.get(p.id), SAME_PERSON);
    const seen = new Set<string>([p.id]);
    for (let manager = p.managerId; manager && !seen.has(manager); manager = byId.get(manager)?.managerId) {
      seen.add(manager);
      add(i, sides.mentorIndex.get(manager), REPORTING_LINE);
    }
    for (const other of p.blocked ?? []) add(i, sides.mentorIndex.get(other), BLOCKED);
  });
  sides.mentors.forEach((p, j) => {
    for (const other of p.blocked ?? []) add(sides.menteeIndex.get(other), j, BLOCKED);
  });
  for (const [mentee, mentor] of programme.earlierPairs ?? []) {
    add(sides.menteeIndex.get(mentee), sides.mentorIndex.get(mentor), EARLIER_PAIR);
  }
  for (const [mentee, mentor] of programme.existingPairs ?? []) {
    add(sides.menteeIndex.get(mentee), sides.mentorIndex.get(mentor), ALREADY_MATCHED);
  }
  const start = new Int32Array(rows.length + 1);
  const mentor: number[] = [];
  const reason: number[] = [];
  rows.forEach((row, i) => {
    for (const [j, why] of [...row.entries()].sort((a, b) => a[0] - b[0])) {
      mentor.push(j);
      reason.push(why);
    }
    start[i + 1] = mentor.length;
  });
  return { start, mentor: Int32Array.from(mentor), reason: Uint8Array.from(reason) };
}

function capacities(programme: Programme, sides: Sides) {
  const menteeCapacity = Int32Array.from(sides.mentees, (p) => p.menteeCapacity ?? 1);
  const mentorCapacity = Int32Array.from(sides.mentors, (p) => p.mentorCapacity ?? 1);
  (programme.existingPairs ?? []).forEach(([mentee, mentor], k) => {
    const i = sides.menteeIndex.get(mentee);
    const j = sides.mentorIndex.get(mentor);
    if (i === undefined || j === undefined) {
      throw new MatchInputError(`existingPairs[${k}]`, `unknown ${i === undefined ? "mentee" : "mentor"} id`);
    }
    menteeCapacity[i] = Math.max(0, menteeCapacity[i] - 1);
    mentorCapacity[j] = Math.max(0, mentorCapacity[j] - 1);
  });
  return { menteeCapacity, mentorCapacity };
}

/**
 * Splits participants into mentees and mentors (a person with role "both" is on both sides) and
 * precomputes every criterion's features and the outright exclusions (same person, reporting
 * line, earlier pairs, blocks, pairs already running). Pure: the reference week is an argument.
 *
 * Example:
 *   const prepared = prepareProgramme(
 *     { participants: [{ id: "e1", role: "mentee", languages: ["en"] }, { id: "m1", role: "mentor", languages: ["en"] }] },
 *     { criteria: [{ kind: "language", weight: 5 }] },
 *     { referenceWeek: "2026-03-30" },
 *   );
 *   prepared.menteeIds  // ["e1"];  prepared.mentorIds  // ["m1"]
 */
export function prepareProgramme(
  programme: Programme,
  config: MatchConfig,
  options: PrepareOptions,
): PreparedProgramme {
  const byId = new Map<string, Participant>();
  programme.participants.forEach((p, k) => {
    if (typeof p.id !== "string" || p.id === "")
      throw new MatchInputError(`participants[${k}].id`, "missing id");
    if (byId.has(p.id))
      throw new MatchInputError(`participants[${k}].id`, `duplicate id ${JSON.stringify(p.id)}`);
    for (const key of ["mentorCapacity", "menteeCapacity"] as const) {
      const value = p[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        throw new MatchInputError(`participants[${k}].${key}`, `must be a whole number >= 0, got ${value}`);
      }
    }
    byId.set(p.id, p);
  });
  const mentees = programme.participants.filter((p) => p.role === "mentee" || p.role === "both");
  const mentors = programme.participants.filter((p) => p.role === "mentor" || p.role === "both");
  const sides: Sides = {
    mentees,
    mentors,
    menteeIndex: new Map(mentees.map((p, i) => [p.id, i])),
    mentorIndex: new Map(mentors.map((p, j) => [p.id, j])),
    slotter: new WeekSlotter(options.referenceWeek),
  };
  const criteria = config.criteria.map((criterion) => ({
    label: criterionLabel(criterion),
    weight: criterion.weight ?? 0,
    hard: criterion.hard ?? false,
    feature: buildFeature(criterion, sides, config),
  }));
  const excluded = exclusions(programme, sides, byId);
  return {
    menteeIds: mentees.map((p) => p.id),
    mentorIds: mentors.map((p) => p.id),
    ...capacities(programme, sides),
    criteria,
    plan: buildKernelPlan(criteria, mentors.length),
    weightSum: criteria.reduce((sum, c) => sum + c.weight, 0),
    candidatesPerMentee: config.candidatesPerMentee ?? 48,
    exclusionStart: excluded.start,
    exclusionMentor: excluded.mentor,
    exclusionReason: excluded.reason,
  };
}
