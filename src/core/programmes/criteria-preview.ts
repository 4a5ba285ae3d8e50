/**
 * The live preview of a match config: of every mentee × mentor pair of a programme, how many the
 * outright exclusions and each hard rule remove, and how many remain allowed. The settings page
 * asks for it while the admin edits the criteria, so it must be quick: only the hard rules are
 * prepared (weights do not remove pairs), each rule is counted with the scoring kernel's own
 * column (so the preview and the matcher never disagree), and above a pair budget the mentees are
 * sampled deterministically and the counts scaled up (the result then says `estimated`).
 */
import { criterionLabel, type MatchConfig } from "../matching/scoring/match-config.ts";
import type { Participant, Programme } from "../matching/scoring/participant.ts";
import { prepareProgramme } from "../matching/scoring/prepare-programme.ts";
import { EXCLUSION_REASONS } from "../matching/scoring/prepared.ts";
import { addCriterionColumn, createRowScratch } from "../matching/scoring/row-kernel.ts";

/** Pairs counted exactly before the preview samples mentees (about 0.1 s of counting). */
export const PREVIEW_PAIR_BUDGET = 1_000_000;

export interface RuleCount {
  /** Index of the criterion in the config the preview was asked for. */
  criterionIndex: number;
  label: string;
  /** Pairs that fail this rule (among pairs no exclusion removes already). */
  removes: number;
  /** Pairs that fail this rule and no other: they would come back if it stopped being hard. */
  removesOnly: number;
}

export interface ExclusionCount {
  reason: "reporting line" | "earlier pair" | "blocked" | "already matched";
  pairs: number;
}

export interface CriteriaPreview {
  mentees: number;
  mentors: number;
  /** Mentee × mentor pairs, leaving out a person paired with themselves. */
  totalPairs: number;
  exclusions: ExclusionCount[];
  rules: RuleCount[];
  /** Pairs no exclusion and no hard rule removes: what the matcher may choose from. */
  remainingPairs: number;
  /** Mentees left with no allowed mentor at all. */
  menteesWithoutMentor: number;
  /** True when the counts are scaled up from a sample of the mentees. */
  estimated: boolean;
  /** Mentees whose pairs were counted (all of them unless estimated). */
  menteesCounted: number;
}

export interface PreviewOptions {
  /** Monday (YYYY-MM-DD) of the week whose time-zone offsets the working-hours rules use. */
  referenceWeek: string;
  pairBudget?: number;
  /**
   * A sample chosen before loading (`previewSample` on the whole programme's ids and roles): the
   * programme passed then holds only the people kept. Without it the sample is chosen here.
   */
  sample?: PreviewSample;
}

type Role = Participant["role"];
const isMentee = (p: { role: Role }) => p.role === "mentee" || p.role === "both";
const isMentor = (p: { role: Role }) => p.role === "mentor" || p.role === "both";

/** Which people a preview counts, and how much each counted mentee-only row stands for. */
export interface PreviewSample {
  /** The people to load and count; null: everyone. */
  keep: ReadonlySet<string> | null;
  /** Mentee-only participants in the whole programme over those kept (1 when not sampled). */
  menteeWeight: number;
  /** The whole programme's sides (a person on both sides counts on each). */
  mentees: number;
  mentors: number;
  both: number;
}

/**
 * Chooses the people a preview counts: every mentor (people on both sides included) and, when
 * mentees × mentors exceeds the budget, enough mentee-only people, spread evenly over their sorted
 * ids, to stay within it (at least 100). Deterministic: the same people give the same sample in
 * any order. The server calls it on ids and roles alone, before loading any profile.
 *
 * Example: previewSample(5,000 mentees and 1,000 mentors, 1,000,000).keep.size === 1,000 + 1,000
 */
export function previewSample(
  people: readonly { id: string; role: Role }[],
  budget: number = PREVIEW_PAIR_BUDGET,
): PreviewSample {
  const mentors = people.filter(isMentor).length;
  const mentees = people.filter(isMentee).length;
  const onlyMentees = people
    .filter((p) => p.role === "mentee")
    .map((p) => p.id)
    .sort();
  const both = mentees - onlyMentees.length;
  const whole = { keep: null, menteeWeight: 1, mentees, mentors, both };
  if (mentors === 0 || mentees * mentors <= budget) return whole;
  const room = Math.max(100, Math.floor(budget / mentors) - both);
  if (room >= onlyMentees.length) return whole;
  const keep = new Set(people.filter((p) => p.role !== "mentee").map((p) => p.id));
  for (let k = 0; k < room; k++) keep.add(onlyMentees[Math.floor((k * onlyMentees.length) / room)]);
  return { keep, menteeWeight: onlyMentees.length / room, mentees, mentors, both };
}

/**
 * Counts what the hard rules and exclusions of `config` leave of the programme's pairs.
 *
 * Example: two mentees and two mentors, one mentor speaking only French, config
 *   { criteria: [{ kind: "language", hard: true }, { kind: "skills", weight: 5 }] }
 *   → totalPairs 4, rules [{ criterionIndex: 0, label: "shared language", removes: 2, removesOnly: 2 }],
 *     remainingPairs 2, estimated false
 */
export function previewCriteria(
  programme: Programme,
  config: MatchConfig,
  options: PreviewOptions,
): CriteriaPreview {
  const sample =
    options.sample ?? previewSample(programme.participants, options.pairBudget ?? PREVIEW_PAIR_BUDGET);
  const kept = sample.keep
    ? programme.participants.filter((p) => sample.keep?.has(p.id))
    : [...programme.participants];
  const keptIds = new Set(kept.map((p) => p.id));
  const known = (pairs: readonly (readonly [string, string])[] | undefined) =>
    (pairs ?? []).filter(([mentee, mentor]) => keptIds.has(mentee) && keptIds.has(mentor));
  const hard = config.criteria
    .map((criterion, index) => ({ criterion, index }))
    .filter((c) => c.criterion.hard);
  const prepared = prepareProgramme(
    {
      participants: kept,
      existingPairs: known(programme.existingPairs),
      earlierPairs: known(programme.earlierPairs),
    },
    { criteria: hard.map((c) => c.criterion), referenceWeek: options.referenceWeek },
    { referenceWeek: options.referenceWeek },
  );

  const m = prepared.mentorIds.length;
  const rows = prepared.menteeIds.length;
  const roleById = new Map(kept.map((p) => [p.id, p.role]));
  const rowWeight = prepared.menteeIds.map((id) => (roleById.get(id) === "mentee" ? sample.menteeWeight : 1));
  const removes = new Float64Array(hard.length);
  const removesOnly = new Float64Array(hard.length);
  const exclusionPairs = new Float64Array(EXCLUSION_REASONS.length);
  let remaining = 0;
  let withoutMentor = 0;

  const column = new Int32Array(m);
  const excluded = new Uint8Array(m);
  const failures = new Int32Array(m);
  const lastFailed = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  for (let i = 0; i < rows; i++) {
    const w = rowWeight[i];
    excluded.fill(0);
    failures.fill(0);
    for (let e = prepared.exclusionStart[i]; e < prepared.exclusionStart[i + 1]; e++) {
      excluded[prepared.exclusionMentor[e]] = 1;
      exclusionPairs[prepared.exclusionReason[e]] += w;
    }
    prepared.criteria.forEach((criterion, h) => {
      column.fill(0);
      addCriterionColumn(criterion.feature, i, 0, 1, column, scratch);
      let failed = 0;
      for (let j = 0; j < m; j++) {
        if (column[j] > 0 && excluded[j] === 0) {
          failed++;
          failures[j]++;
          lastFailed[j] = h;
        }
      }
      removes[h] += failed * w;
    });
    let allowed = 0;
    for (let j = 0; j < m; j++) {
      if (excluded[j] !== 0) continue;
      if (failures[j] === 0) allowed++;
      else if (failures[j] === 1) removesOnly[lastFailed[j]] += w;
    }
    remaining += allowed * w;
    if (allowed === 0) withoutMentor += w;
  }

  const exclusions: ExclusionCount[] = [];
  EXCLUSION_REASONS.forEach((reason, index) => {
    if (reason === "" || reason === "same person") return;
    exclusions.push({ reason, pairs: Math.round(exclusionPairs[index]) });
  });
  return {
    mentees: sample.mentees,
    mentors: sample.mentors,
    totalPairs: sample.mentees * sample.mentors - sample.both,
    exclusions,
    rules: hard.map(({ criterion, index }, h) => ({
      criterionIndex: index,
      label: criterionLabel(criterion),
      removes: Math.round(removes[h]),
      removesOnly: Math.round(removesOnly[h]),
    })),
    remainingPairs: Math.round(remaining),
    menteesWithoutMentor: Math.round(withoutMentor),
    estimated: sample.menteeWeight !== 1,
    menteesCounted: rows,
  };
}
