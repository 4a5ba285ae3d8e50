/**
 * Explanations computed by the very kernel that scores (one criterion column at a time), so an
 * explanation always adds up to the score the matcher used.
 */
import { EXCLUSION_REASONS, type PreparedProgramme } from "./prepared.ts";
import { addCriterionColumn, createRowScratch, FAILED, rawToScore } from "./row-kernel.ts";

export interface CriterionContribution {
  readonly criterion: string;
  readonly weight: number;
  readonly hard: boolean;
  /** How well the pair meets the criterion, 0..10,000. */
  readonly value: number;
  /** weight · value / sum of weights: its share of the score (the shares add up to the score). */
  readonly points: number;
  /** False when a hard criterion is not met (then the pair is not allowed). */
  readonly passed: boolean;
}

export interface PairExplanation {
  readonly mentee: string;
  readonly mentor: string;
  readonly allowed: boolean;
  /** 0..10,000, or null when the pair is not allowed. */
  readonly score: number | null;
  /** The rules that exclude the pair: "reporting line", "hard rule: shared language", ... */
  readonly excludedBy: readonly string[];
  readonly contributions: readonly CriterionContribution[];
}

/**
 * Explains mentee i against each listed mentor index: one pass per criterion over the mentee's row.
 *
 * Example: explainMenteeRow(prepared, 0, [2, 5]) → two explanations, for mentors 2 and 5
 */
export function explainMenteeRow(
  prepared: PreparedProgramme,
  i: number,
  mentors: readonly number[],
): PairExplanation[] {
  const m = prepared.mentorIds.length;
  const column = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  const W = prepared.weightSum;
  const perCriterion = prepared.criteria.map((criterion) => {
    column.fill(0);
    addCriterionColumn(criterion.feature, i, 1, FAILED, column, scratch);
    return mentors.map((j) => column[j]);
  });
  const excluded = new Map<number, string>();
  for (let k = prepared.exclusionStart[i]; k < prepared.exclusionStart[i + 1]; k++) {
    excluded.set(prepared.exclusionMentor[k], EXCLUSION_REASONS[prepared.exclusionReason[k]]);
  }
  return mentors.map((j, x) => {
    let raw = 0;
    const excludedBy: string[] = [];
    const reason = excluded.get(j);
    if (reason) excludedBy.push(reason);
    const contributions = prepared.criteria.map((criterion, c) => {
      const cell = perCriterion[c][x];
      const value = cell & (FAILED - 1);
      const passed = !criterion.hard || cell < FAILED;
      if (!passed) excludedBy.push(`hard rule: ${criterion.label}`);
      raw += criterion.weight * value;
      const points = W === 0 ? 0 : Math.round((criterion.weight * value) / W);
      return {
        criterion: criterion.label,
        weight: criterion.weight,
        hard: criterion.hard,
        value,
        points,
        passed,
      };
    });
    const allowed = excludedBy.length === 0;
    return {
      mentee: prepared.menteeIds[i],
      mentor: prepared.mentorIds[j],
      allowed,
      score: allowed ? rawToScore(raw, W) : null,
      excludedBy,
      contributions,
    };
  });
}

/**
 * Explains one pair by ids: each criterion's value and share of the score, or the rules that
 * exclude it. Throws when an id is not a mentee or not a mentor of the programme.
 *
 * Example: explainPair(prepared, "e1", "m1")
 *   // { allowed: true, score: 7350, excludedBy: [], contributions: [{ criterion: "shared language",
 *   //   weight: 5, value: 10000, points: 5000, passed: true }, ...] }
 */
export function explainPair(
  prepared: PreparedProgramme,
  menteeId: string,
  mentorId: string,
): PairExplanation {
  const i = prepared.menteeIds.indexOf(menteeId);
  const j = prepared.mentorIds.indexOf(mentorId);
  if (i < 0) throw new Error(`${JSON.stringify(menteeId)} is not a mentee of this programme`);
  if (j < 0) throw new Error(`${JSON.stringify(mentorId)} is not a mentor of this programme`);
  return explainMenteeRow(prepared, i, [j])[0];
}

/**
 * One line of text for an explanation.
 *
 * Example: formatExplanation(e) === "7350 = shared language 5000 (w5, 100%) + same department 0 (w2, 0%) ..."
 *   or "excluded by reporting line"
 */
export function formatExplanation(explanation: PairExplanation): string {
  if (!explanation.allowed) return `excluded by ${explanation.excludedBy.join(", ")}`;
  const parts = explanation.contributions.map((c) => {
    const share = `${Math.round(c.value / 100)}%`;
    return c.weight > 0
      ? `${c.criterion} ${c.points} (w${c.weight}, ${share})`
      : `${c.criterion} (hard, met)`;
  });
  return `${explanation.score} = ${parts.join(" + ")}`;
}
