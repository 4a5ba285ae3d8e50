/**
 * Precomputed per-participant features: typed arrays only (so a worker thread can receive them by
 * structured clone), shaped so that scoring one mentee against every mentor is a handful of
 * typed-array operations per pair. Built by `prepareProgramme`.
 */
import type { SparseVectors } from "./text-vectors.ts";

/** Two participants have the same (or a different) value: codes > 0, 0 = missing. */
export interface CategoricalFeature {
  readonly type: "categorical";
  readonly same: boolean;
  readonly mentee: Int32Array;
  readonly mentor: Int32Array;
}

/** Mentor years minus mentee years in [minGap, maxGap], decaying over `tolerance`. NaN = missing. */
export interface GapFeature {
  readonly type: "gap";
  readonly mentee: Float64Array;
  readonly mentor: Float64Array;
  readonly minGap: number;
  readonly maxGap: number;
  readonly tolerance: number;
}

/**
 * Weekly patterns deduplicated: participants point at a pattern; `table` (when small enough)
 * holds the encoded value of every (mentee pattern, mentor pattern): value | failed << 16.
 */
export interface WeekFeature {
  readonly type: "week";
  readonly menteePattern: Int32Array;
  readonly mentorPattern: Int32Array;
  readonly menteeBits: Uint32Array;
  readonly mentorBits: Uint32Array;
  readonly mentorPatternCount: number;
  readonly table: Int32Array | null;
  /** Overlap minutes that give the full value 10,000. */
  readonly fullMinutes: number;
  /** Overlap minutes needed to pass as a hard rule. */
  readonly passMinutes: number;
}

/** Bitsets of small vocabularies (languages): `words` Uint32 per participant. */
export interface MaskFeature {
  readonly type: "mask";
  readonly words: number;
  readonly mentee: Uint32Array;
  readonly mentor: Uint32Array;
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

export type Feature =
  | CategoricalFeature
  | GapFeature
  | WeekFeature
  | MaskFeature
  | OverlapFeature
  | TextFeature
  | SparseFeature;

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
  /** K: candidates kept per mentee before pricing out. */
  readonly candidatesPerMentee: number;
  /** Per-mentee CSR of mentors excluded outright, with the reason (index into EXCLUSION_REASONS). */
  readonly exclusionStart: Int32Array;
  readonly exclusionMentor: Int32Array;
  readonly exclusionReason: Uint8Array;
}
