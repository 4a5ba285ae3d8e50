/**
 * The scoring kernel: one mentee against every mentor, criterion by criterion, each a tight loop
 * over typed arrays (no pair matrix, no objects per pair). out[j] holds the raw sum
 * Σ weight·value (values 0..10,000) plus FAILED for each hard rule the pair breaks; a pair is
 * allowed iff out[j] < EXCLUDED. Coded criteria cost one lookup per pair; set criteria (skills,
 * topics, text, preferences) touch only the mentors in the mentee's posting lists.
 */
import { codedValue } from "./coded-features.ts";
import { buildGroupRow } from "./kernel-plan.ts";
import type { CodedFeature, Feature, OverlapFeature, PreparedProgramme, TextFeature } from "./prepared.ts";
import { accumulateOverlap, accumulateText, addOverlapColumn, addTextColumn } from "./set-columns.ts";

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
  /** Dot products of the fused text criterion, kept all zero between rows. */
  readonly textAccumulator: Int32Array;
  /** Item counts of the fused overlap criterion, kept all zero between rows. */
  readonly overlapAccumulator: Int32Array;
  readonly overlapLookup: Int32Array;
  /** Stand-ins for missing coded groups in the fused pass: one zero entry, every mentor on it. */
  readonly zeroRow: Int32Array;
  readonly zeroCode: Int32Array;
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
    textAccumulator: new Int32Array(m),
    overlapAccumulator: new Int32Array(m),
    overlapLookup: new Int32Array(64),
    zeroRow: new Int32Array(1),
    zeroCode: new Int32Array(m),
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
 * The fused pass: out[j] = the first three coded groups + the text criterion's value and hard-rule
 * charge from its dot product + the overlap criterion's from its item count, clearing both
 * accumulators. One read of each array per mentor, no branch but the two hard-rule selects.
 */
function fusedPass(
  out: Int32Array,
  r0: Int32Array,
  c0: Int32Array,
  r1: Int32Array,
  c1: Int32Array,
  r2: Int32Array,
  c2: Int32Array,
  textAcc: Int32Array,
  textWeight: number,
  inverse: number,
  passDot: number,
  textFail: number,
  overlapAcc: Int32Array,
  lookup: Int32Array,
  overlapFail: number,
): void {
  const m = out.length;
  for (let j = 0; j < m; j++) {
    const dot = textAcc[j];
    const a = overlapAcc[j];
    textAcc[j] = 0;
    overlapAcc[j] = 0;
    out[j] =
      r0[c0[j]] +
      r1[c1[j]] +
      r2[c2[j]] +
      textWeight * Math.min(10_000, (dot * inverse) | 0) +
      (dot >= passDot ? 0 : textFail) +
      lookup[a & 63] +
      (a >= 64 ? 0 : overlapFail);
  }
}

/**
 * Fills out[j] (length = mentor count) with the raw weighted sum of mentee i against every mentor
 * j; out[j] >= EXCLUDED where a hard rule or an exclusion forbids the pair. Accumulates the text
 * and overlap criteria through their posting lists, then one fused pass adds them to three coded
 * groups; any further groups and set criteria follow column by column. Each pair's sum is the
 * same as adding every criterion's column (addCriterionColumn) one by one.
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
  const fast = instance;
  if (fast !== undefined && fast.prepared === prepared) {
    fast.scoreRow(i, out);
    return;
  }
  const { criteria, plan } = prepared;
  const groups = plan.codedGroups;
  const rows = scratch.groupRows;
  for (let g = 0; g < groups.length; g++)
    buildGroupRow(groups[g], criteria, i, FAILED, rows[g], scratch.codedRow);
  const { zeroRow, zeroCode } = scratch;
  let textWeight = 0;
  let inverse = 0;
  let passDot = 0;
  let textFail = 0;
  if (plan.fusedText >= 0) {
    const c = criteria[plan.fusedText];
    const f = c.feature as TextFeature;
    accumulateText(f, i, scratch.textAccumulator);
    textWeight = c.weight;
    inverse = 1 / f.divisor;
    passDot = f.passDot;
    textFail = c.hard ? FAILED : 0;
  }
  let overlapFail = 0;
  if (plan.fusedOverlap >= 0) {
    const c = criteria[plan.fusedOverlap];
    accumulateOverlap(
      c.feature as OverlapFeature,
      i,
      c.weight,
      scratch.overlapAccumulator,
      scratch.overlapLookup,
    );
    overlapFail = c.hard ? FAILED : 0;
  } else scratch.overlapLookup[0] = 0;
  fusedPass(
    out,
    groups.length > 0 ? rows[0] : zeroRow,
    groups.length > 0 ? groups[0].mentorCode : zeroCode,
    groups.length > 1 ? rows[1] : zeroRow,
    groups.length > 1 ? groups[1].mentorCode : zeroCode,
    groups.length > 2 ? rows[2] : zeroRow,
    groups.length > 2 ? groups[2].mentorCode : zeroCode,
    scratch.textAccumulator,
    textWeight,
    inverse,
    passDot,
    textFail,
    scratch.overlapAccumulator,
    scratch.overlapLookup,
    overlapFail,
  );
  finishRow(prepared, i, out, scratch);
}

/**
 * The part of a row after the fused pass: coded groups beyond the third (their rows already
 * built in scratch.groupRows), the other set criteria column by column, then the exclusions.
 *
 * Example: finishRow(prepared, i, out, scratch) // after fusedPass filled out
 */
export function finishRow(
  prepared: PreparedProgramme,
  i: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  const { criteria, plan } = prepared;
  const groups = plan.codedGroups;
  const rows = scratch.groupRows;
  const m = out.length;
  for (let g = 3; g < groups.length; g++) {
    const r = rows[g];
    const c = groups[g].mentorCode;
    for (let j = 0; j < m; j++) out[j] += r[c[j]];
  }
  for (const index of plan.otherCriteria) {
    const criterion = criteria[index];
    addCriterionColumn(criterion.feature, i, criterion.weight, criterion.hard ? FAILED : 0, out, scratch);
  }
  for (let k = prepared.exclusionStart[i]; k < prepared.exclusionStart[i + 1]; k++) {
    out[prepared.exclusionMentor[k]] = EXCLUDED_MARK;
  }
}

/** A kernel specialised to one programme (see row-kernel-instance.ts): same rows, faster code. */
interface RowKernelInstance {
  readonly prepared: PreparedProgramme;
  readonly scoreRow: (i: number, out: Int32Array) => void;
}

let instance: RowKernelInstance | undefined;
let pendingInstance: PreparedProgramme | undefined;

/**
 * Hands `prepared` to the next evaluation of row-kernel-instance.ts (a fresh module instance,
 * imported by its host with a distinct URL), which takes it with takePendingInstance.
 *
 * Example: setPendingInstance(prepared); await import(`./row-kernel-instance.ts?programme=${n}`);
 */
export function setPendingInstance(prepared: PreparedProgramme | undefined): void {
  pendingInstance = prepared;
}

/** The programme handed by setPendingInstance (once). */
export function takePendingInstance(): PreparedProgramme {
  const prepared = pendingInstance;
  if (!prepared) throw new Error("row-kernel-instance evaluated without a pending programme");
  pendingInstance = undefined;
  return prepared;
}

/** Whether scoreMenteeRow uses a specialised kernel for rows of `prepared`. */
export function hasRowKernelInstance(prepared: PreparedProgramme): boolean {
  return instance?.prepared === prepared;
}

/**
 * Makes scoreMenteeRow use `scoreRow` for rows of `prepared` (every other programme keeps the
 * generic kernel). Called by a specialised instance when it is evaluated.
 */
export function installRowKernelInstance(
  prepared: PreparedProgramme,
  scoreRow: (i: number, out: Int32Array) => void,
): void {
  instance = { prepared, scoreRow };
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
