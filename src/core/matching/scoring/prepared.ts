/**
 * Precomputed per-participant features: typed arrays only (so a worker thread can receive them by
 * structured clone), shaped so that scoring one mentee against every mentor is a handful of
 * typed-array operations per pair. Built by `prepareProgramme`.
 */
import type { KernelPlan } from "./kernel-plan.ts";
import type { SparseVectors } from "./text-vectors.ts";

/** How a coded criterion compares a mentee code with a mentor code (see codedValue). */
export type CodedSpec =
  | { readonly kind: "categorical"; readonly same: boolean }
  | {
      readonly kind: "gap";
      readonly menteeYears: Float64Array;
      readonly mentorYears: Float64Array;
      readonly minGap: number;
      readonly maxGap: number;
      readonly tolerance: number;
    }
  | {
      readonly kind: "mask";
      readonly words: number;
      readonly menteeMasks: Uint32Array;
      readonly mentorMasks: Uint32Array;
    }
  | {
      readonly kind: "week";
      readonly menteeBits: Uint32Array;
      readonly mentorBits: Uint32Array;
      /** Overlap minutes that give the full value 10,000. */
      readonly fullMinutes: number;
      /** Overlap minutes needed to pass as a hard rule. */
      readonly passMinutes: number;
    };

/**
 * A criterion whose value depends only on a mentee code and a mentor code (department, distinct
 * years, distinct language sets, distinct weekly patterns). Per mentee the kernel builds one small
 * row over mentor codes, so each pair costs one lookup: out[j] += row[mentorCode[j]].
 * `table` (when menteeCodes x mentorCodes is small) caches value | failed << 16 of every code pair.
 */
export interface CodedFeature {
  readonly type: "coded";
  readonly menteeCode: Int32Array;
  readonly mentorCode: Int32Array;
  readonly menteeCodeCount: number;
  readonly mentorCodeCount: number;
  readonly table: Int32Array | null;
  readonly spec: CodedSpec;
}

/** Items wanted (mentee CSR, with levels) against an inverted index of items offered by mentors. */
export interface OverlapFeature {
  readonly type: "overlap";
  readonly menteeStart: Int32Array;
  readonly menteeItem: Int32Array;
  readonly menteeLevel: Int32Array;
  readonly postingStart: Int32Array;
  readonly postingMentor: Int32Array;
  readonly postingLevel: Int32Array;
}

/** TF-IDF vectors of mentee goals against an inverted index of mentor experience. */
export interface TextFeature {
  readonly type: "text";
  readonly mentee: SparseVectors;
  readonly postingStart: Int32Array;
  readonly postingMentor: Int32Array;
  readonly postingWeight: Int32Array;
  /** value = min(10000, floor(dot / divisor)). */
  readonly divisor: number;
  /** Smallest dot product that passes as a hard rule. */
  readonly passDot: number;
}

/** Sparse per-mentee values (stated preferences): mentors not listed get 0 and fail. */
export interface SparseFeature {
  readonly type: "sparse";
  readonly start: Int32Array;
  readonly mentor: Int32Array;
  readonly value: Int32Array;
}

export type Feature = CodedFeature | OverlapFeature | TextFeature | SparseFeature;

export interface PreparedCriterion {
  readonly label: string;
  readonly weight: number;
  readonly hard: boolean;
  readonly feature: Feature;
}

/** Why a pair is excluded before any criterion is looked at. */
export const EXCLUSION_REASONS = [
  "",
  "same person",
  "reporting line",
  "earlier pair",
  "blocked",
  "already matched",
] as const;

export interface PreparedProgramme {
  readonly menteeIds: readonly string[];
  readonly mentorIds: readonly string[];
  readonly menteeCapacity: Int32Array;
  readonly mentorCapacity: Int32Array;
  readonly criteria: readonly PreparedCriterion[];
  /** Sum of the weights of scoring criteria: the raw sum is divided by it. */
  readonly weightSum: number;
  /** How the kernel fuses the coded criteria (see kernel-plan.ts). */
  readonly plan: KernelPlan;
  /** K: candidates kept per mentee before pricing out. */
  readonly candidatesPerMentee: number;
  /** Per-mentee CSR of mentors excluded outright, with the reason (index into EXCLUSION_REASONS). */
  readonly exclusionStart: Int32Array;
  readonly exclusionMentor: Int32Array;
  readonly exclusionReason: Uint8Array;
}
