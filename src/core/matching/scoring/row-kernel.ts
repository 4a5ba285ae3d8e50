/**
 * The scoring kernel: one mentee against every mentor, criterion by criterion, each a tight loop
 * over typed arrays (no pair matrix, no objects per pair). out[j] holds the raw sum
 * Σ weight·value (values 0..10,000) plus FAILED for each hard rule the pair breaks; a pair is
 * allowed iff out[j] < EXCLUDED. Coded criteria cost one lookup per pair; set criteria (skills,
 * topics, text, preferences) touch only the mentors in the mentee's posting lists.
 */
import { codedValue } from "./coded-features.ts";
import { buildGroupRow } from "./kernel-plan.ts";
import { addOverlapColumn, addTextColumn } from "./set-columns.ts";
import type { CodedFeature, Feature, PreparedProgramme } from "./prepared.ts";

/** Added once per broken hard rule. Raw sums of values stay below it (at most 40 criteria · 10 · 10,000). */
export const FAILED = 1 << 24;
/** A raw entry at or above this is not allowed. */
export const EXCLUDED = FAILED;
/** Written over a pair excluded outright (same person, reporting line, ...). */
const EXCLUDED_MARK = 1 << 30;

/** Scratch buffers of one kernel user, reused across mentees. `accumulator` is kept all zero between uses. */
export interface RowScratch {
  readonly groupRows: Int32Array[];
  readonly accumulator: Int32Array;
  readonly touched: Int32Array;
  readonly codedRow: Int32Array;
  readonly lookup: Int32Array;
}

/**
 * Scratch buffers sized for `prepared`.
 *
 * Example: const scratch = createRowScratch(prepared); const row = new Int32Array(prepared.mentorIds.length);
 */
export function createRowScratch(prepared: PreparedProgramme): RowScratch {
  let codes = 1;
  for (const c of prepared.criteria)
    if (c.feature.type === "coded") codes = Math.max(codes, c.feature.mentorCodeCount);
  const m = prepared.mentorIds.length;
  const groupRows = prepared.plan.codedGroups.map((g) => new Int32Array(g.size));
  return {
    groupRows,
    accumulator: new Int32Array(m),
    touched: new Int32Array(m),
    codedRow: new Int32Array(codes),
    lookup: new Int32Array(64),
  };
}

function addCodedColumn(
  f: CodedFeature,
  i: number,
  weight: number,
  failAdd: number,
  out: Int32Array,
  row: Int32Array,
): void {
  const a = f.menteeCode[i];
  const codes = f.mentorCodeCount;
  const table = f.table;
  for (let b = 0; b < codes; b++) {
    const t = table ? table[a * codes + b] : codedValue(f.spec, a, b);
    row[b] = weight * (t & 0xffff) + (t >>> 16 ? failAdd : 0);
  }
  const code = f.mentorCode;
  const m = out.length;
  for (let j = 0; j < m; j++) out[j] += row[code[j]];
}

/**
 * Adds weight·value of one criterion for mentee i to out[0..M), and `failAdd` to every pair that
 * fails it. With weight 0 and failAdd 1 it counts which mentors fail the criterion.
 *
 * Example: addCriterionColumn(prepared.criteria[0].feature, 3, 5, FAILED, out, scratch)
 *   // out[j] += 5 · value(3, j), plus FAILED where mentee 3 and mentor j fail it
 */
export function addCriterionColumn(
  f: Feature,
  i: number,
  weight: number,
  failAdd: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  if (f.type === "coded") {
    addCodedColumn(f, i, weight, failAdd, out, scratch.codedRow);
    return;
  }
  // set criteria fail unless the mentor is in the mentee's posting lists: charge all, refund those
  if (failAdd !== 0) for (let j = 0; j < out.length; j++) out[j] += failAdd;
  if (f.type === "overlap") addOverlapColumn(f, i, weight, failAdd, out, scratch);
  else if (f.type === "text") addTextColumn(f, i, weight, failAdd, out, scratch);
  else for (let k = f.start[i]; k < f.start[i + 1]; k++) out[f.mentor[k]] += weight * f.value[k] - failAdd;
}

/**
 * Fills out[j] (length = mentor count) with the raw weighted sum of mentee i against every mentor
 * j; out[j] >= EXCLUDED where a hard rule or an exclusion forbids the pair.
 *
 * Example: scoreMenteeRow(prepared, 0, row, scratch); rawToScore(row[2], prepared.weightSum)
 *   // the 0..10,000 score of mentee 0 with mentor 2 (when row[2] < EXCLUDED)
 */
export function scoreMenteeRow(
  prepared: PreparedProgramme,
  i: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  const { criteria, plan } = prepared;
  const groups = plan.codedGroups;
  const rows = scratch.groupRows;
  groups.forEach((group, g) => {
    buildGroupRow(group, criteria, i, FAILED, rows[g], scratch.codedRow);
  });
  const m = out.length;
  // the coded groups in one pass (it also initialises out), three at a time
  if (groups.length === 0) out.fill(0);
  for (let g = 0; g < groups.length; g += 3) {
    const r0 = rows[g];
    const c0 = groups[g].mentorCode;
    const first = g === 0;
    if (g + 2 < groups.length) {
      const [r1, r2, c1, c2] = [rows[g + 1], rows[g + 2], groups[g + 1].mentorCode, groups[g + 2].mentorCode];
      if (first) for (let j = 0; j < m; j++) out[j] = r0[c0[j]] + r1[c1[j]] + r2[c2[j]];
      else for (let j = 0; j < m; j++) out[j] += r0[c0[j]] + r1[c1[j]] + r2[c2[j]];
    } else if (g + 1 < groups.length) {
      const [r1, c1] = [rows[g + 1], groups[g + 1].mentorCode];
      if (first) for (let j = 0; j < m; j++) out[j] = r0[c0[j]] + r1[c1[j]];
      else for (let j = 0; j < m; j++) out[j] += r0[c0[j]] + r1[c1[j]];
    } else if (first) for (let j = 0; j < m; j++) out[j] = r0[c0[j]];
    else for (let j = 0; j < m; j++) out[j] += r0[c0[j]];
  }
  for (const index of plan.otherCriteria) {
    const criterion = criteria[index];
    addCriterionColumn(criterion.feature, i, criterion.weight, criterion.hard ? FAILED : 0, out, scratch);
  }
  for (let k = prepared.exclusionStart[i]; k < prepared.exclusionStart[i + 1]; k++) {
    out[prepared.exclusionMentor[k]] = EXCLUDED_MARK;
  }
}

/**
 * The 0..10,000 score of a raw weighted sum: sum / weightSum rounded half up. With no scoring
 * criterion (only hard rules) every allowed pair scores 10,000.
 *
 * Example: rawToScore(3 * 10_000 + 2 * 5_000, 5) === 8000
 */
export function rawToScore(raw: number, weightSum: number): number {
  return weightSum === 0 ? 10_000 : Math.floor((2 * raw + weightSum) / (2 * weightSum));
}

/**
 * The smallest raw sum whose score is at least `minScore`.
 *
 * Example: minRawFor(8000, 5) === 39_998 (rawToScore(39_998, 5) === 8000)
 */
export function minRawFor(minScore: number, weightSum: number): number {
  if (weightSum === 0) return minScore <= 10_000 ? 0 : EXCLUDED;
  return Math.max(0, Math.ceil((2 * weightSum * minScore - weightSum) / 2));
}
