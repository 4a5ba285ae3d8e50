/**
 * The row kernel specialised to ONE programme: the same computation as scoreMenteeRow's generic
 * path (accumulate text and overlap through their posting lists, one fused pass with three coded
 * groups, then finishRow), but every typed array it touches hangs off a module-level constant
 * object. V8 folds such constants into the compiled loops (no reloading of each array's data
 * pointer and length on every iteration), which makes the kernel two to three times faster than
 * the same code taking the arrays as parameters.
 *
 * Each evaluation of this module serves the programme handed to setPendingInstance just before,
 * so a host imports it under a fresh URL per programme (a scoring worker does so once, at init).
 * Rows are identical to the generic path's; scoring.test.ts compares them on seeded programmes.
 */
import { buildGroupRow } from "./kernel-plan.ts";
import type { OverlapFeature, TextFeature } from "./prepared.ts";
import {
  createRowScratch,
  FAILED,
  finishRow,
  takePendingInstance,
  installRowKernelInstance,
} from "./row-kernel.ts";

const prepared = takePendingInstance();
const scratch = createRowScratch(prepared);
const { criteria, plan } = prepared;
const groups = plan.codedGroups;
const M = prepared.mentorIds.length;
const ROW = new Int32Array(M);
const PART = scratch.codedRow;
const G = Math.min(3, groups.length);
const R0 = G > 0 ? scratch.groupRows[0] : scratch.zeroRow;
const C0 = G > 0 ? groups[0].mentorCode : scratch.zeroCode;
const R1 = G > 1 ? scratch.groupRows[1] : scratch.zeroRow;
const C1 = G > 1 ? groups[1].mentorCode : scratch.zeroCode;
const R2 = G > 2 ? scratch.groupRows[2] : scratch.zeroRow;
const C2 = G > 2 ? groups[2].mentorCode : scratch.zeroCode;

const NONE = new Int32Array(prepared.menteeIds.length + 1);
const EMPTY = new Int32Array(1);
const textCriterion = plan.fusedText >= 0 ? criteria[plan.fusedText] : undefined;
const text = textCriterion?.feature as TextFeature | undefined;
const T_START = text ? text.mentee.start : NONE;
const T_TERM = text ? text.mentee.term : EMPTY;
const T_QUERY = text ? text.mentee.weight : EMPTY;
const T_POSTING_START = text ? text.postingStart : EMPTY;
const T_POSTING_MENTOR = text ? text.postingMentor : EMPTY;
const T_POSTING_WEIGHT = text ? text.postingWeight : EMPTY;
const T_WEIGHT = textCriterion ? textCriterion.weight : 0;
const T_INVERSE = text ? 1 / text.divisor : 0;
const T_PASS = text ? text.passDot : 0;
const T_FAIL = textCriterion?.hard ? FAILED : 0;
const T_ACC = scratch.textAccumulator;

const overlapCriterion = plan.fusedOverlap >= 0 ? criteria[plan.fusedOverlap] : undefined;
const overlap = overlapCriterion?.feature as OverlapFeature | undefined;
const O_START = overlap ? overlap.menteeStart : NONE;
const O_ITEM = overlap ? overlap.menteeItem : EMPTY;
const O_LEVEL = overlap ? overlap.menteeLevel : EMPTY;
const O_POSTING_START = overlap ? overlap.postingStart : EMPTY;
const O_POSTING_MENTOR = overlap ? overlap.postingMentor : EMPTY;
const O_POSTING_LEVEL = overlap ? overlap.postingLevel : EMPTY;
const O_WEIGHT = overlapCriterion ? overlapCriterion.weight : 0;
const O_FAIL = overlapCriterion?.hard ? FAILED : 0;
const O_ACC = scratch.overlapAccumulator;
const O_LOOKUP = scratch.overlapLookup;

/**
 * Every array the loops touch, in one module-level constant: each function copies them into locals
 * on entry, so V8 sees constant typed arrays (referencing the module bindings inside the loops
 * instead reloads them on every iteration, about twice as slow).
 */
const K = {
  M,
  ROW,
  R0,
  C0,
  R1,
  C1,
  R2,
  C2,
  T_START,
  T_TERM,
  T_QUERY,
  T_POSTING_START,
  T_POSTING_MENTOR,
  T_POSTING_WEIGHT,
  T_WEIGHT,
  T_INVERSE,
  T_PASS,
  T_FAIL,
  T_ACC,
  O_START,
  O_ITEM,
  O_LEVEL,
  O_POSTING_START,
  O_POSTING_MENTOR,
  O_POSTING_LEVEL,
  O_WEIGHT,
  O_FAIL,
  O_ACC,
  O_LOOKUP,
};

function accumulateText(i: number): void {
  const { T_START, T_TERM, T_QUERY, T_POSTING_START, T_POSTING_MENTOR, T_POSTING_WEIGHT, T_ACC } = K;
  const to = T_START[i + 1];
  for (let k = T_START[i]; k < to; k++) {
    const q = T_QUERY[k];
    const t = T_TERM[k];
    const end = T_POSTING_START[t + 1];
    for (let p = T_POSTING_START[t]; p < end; p++) T_ACC[T_POSTING_MENTOR[p]] += q * T_POSTING_WEIGHT[p];
  }
}

function accumulateOverlap(i: number): void {
  const {
    O_START,
    O_ITEM,
    O_LEVEL,
    O_POSTING_START,
    O_POSTING_MENTOR,
    O_POSTING_LEVEL,
    O_WEIGHT,
    O_ACC,
    O_LOOKUP,
  } = K;
  const from = O_START[i];
  const to = Math.min(O_START[i + 1], from + 31);
  const items = to - from;
  O_LOOKUP[0] = 0;
  for (let c = 0; c <= 2 * items; c++) O_LOOKUP[c] = O_WEIGHT * Math.floor((c * 10_000) / (2 * items));
  for (let k = from; k < to; k++) {
    const item = O_ITEM[k];
    const level = O_LEVEL[k];
    const end = O_POSTING_START[item + 1];
    for (let p = O_POSTING_START[item]; p < end; p++)
      O_ACC[O_POSTING_MENTOR[p]] += O_POSTING_LEVEL[p] >= level ? 66 : 1;
  }
}

function fusedPass(): void {
  const {
    M,
    ROW,
    R0,
    C0,
    R1,
    C1,
    R2,
    C2,
    T_WEIGHT,
    T_INVERSE,
    T_PASS,
    T_FAIL,
    T_ACC,
    O_FAIL,
    O_ACC,
    O_LOOKUP,
  } = K;
  for (let j = 0; j < M; j++) {
    const dot = T_ACC[j];
    const a = O_ACC[j];
    T_ACC[j] = 0;
    O_ACC[j] = 0;
    ROW[j] =
      R0[C0[j]] +
      R1[C1[j]] +
      R2[C2[j]] +
      T_WEIGHT * Math.min(10_000, (dot * T_INVERSE) | 0) +
      (dot >= T_PASS ? 0 : T_FAIL) +
      O_LOOKUP[a & 63] +
      (a >= 64 ? 0 : O_FAIL);
  }
}

function scoreRow(i: number, out: Int32Array): void {
  for (let g = 0; g < groups.length; g++)
    buildGroupRow(groups[g], criteria, i, FAILED, scratch.groupRows[g], PART);
  accumulateText(i);
  accumulateOverlap(i);
  fusedPass();
  out.set(ROW);
  finishRow(prepared, i, out, scratch);
}

installRowKernelInstance(prepared, scoreRow);
