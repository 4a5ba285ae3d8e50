/**
 * Fusing coded criteria for the kernel: criteria whose values depend only on (mentee code, mentor
 * code) are grouped so that the product of their mentor code counts stays small; each group gets a
 * joint mentor code, and per mentee one small joint row holds the summed contribution of the whole
 * group. Scoring a pair is then one lookup per group, all groups summed in a single pass.
 */
import { codedValue } from "./coded-features.ts";
import type { CodedFeature, PreparedCriterion } from "./prepared.ts";

export interface CodedGroup {
  /** Indices (into criteria) of the coded criteria in this group, in joint-code order. */
  readonly criteria: Int32Array;
  /** Joint code of each mentor: ((c_0 · P_1) + c_1) · P_2 + c_2 ... */
  readonly mentorCode: Int32Array;
  /** Number of joint codes: the product of the parts' mentor code counts. */
  readonly size: number;
}

export interface KernelPlan {
  readonly codedGroups: readonly CodedGroup[];
  /** Criteria scored column by column (set criteria other than the fused ones). */
  readonly otherCriteria: Int32Array;
  /** The first text criterion (index into criteria, -1: none): finished in the fused pass. */
  readonly fusedText: number;
  /** The first overlap criterion (index into criteria, -1: none): finished in the fused pass. */
  readonly fusedOverlap: number;
  readonly largestGroup: number;
}

/**
 * Groups the coded criteria (smallest code counts first) while a group's joint size stays within
 * max(64, min(4096, mentors / 4)), so that building the joint rows costs far less than a pass over mentors.
 *
 * Example: with mentor code counts department 13, working hours 16, language 25 and 10,000 mentors,
 *   department x working hours (208 joint codes) form one group and language starts the next.
 */
export function buildKernelPlan(criteria: readonly PreparedCriterion[], mentorCount: number): KernelPlan {
  const limit = Math.max(64, Math.min(4096, Math.floor(mentorCount / 4)));
  const coded = criteria
    .map((c, index) => ({ index, feature: c.feature }))
    .filter((c): c is { index: number; feature: CodedFeature } => c.feature.type === "coded")
    .sort((a, b) => a.feature.mentorCodeCount - b.feature.mentorCodeCount || a.index - b.index);
  const groups: { index: number; feature: CodedFeature }[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const c of coded) {
    if (size * c.feature.mentorCodeCount <= limit) {
      groups[groups.length - 1].push(c);
      size *= c.feature.mentorCodeCount;
    } else {
      groups.push([c]);
      size = c.feature.mentorCodeCount;
    }
  }
  const codedGroups = groups.map((parts) => {
    const mentorCode = new Int32Array(mentorCount);
    let total = 1;
    for (const { feature } of parts) {
      for (let j = 0; j < mentorCount; j++)
        mentorCode[j] = mentorCode[j] * feature.mentorCodeCount + feature.mentorCode[j];
      total *= feature.mentorCodeCount;
    }
    return { criteria: Int32Array.from(parts, (p) => p.index), mentorCode, size: total };
  });
  const fusedText = criteria.findIndex((c) => c.feature.type === "text");
  const fusedOverlap = criteria.findIndex((c) => c.feature.type === "overlap");
  return {
    codedGroups,
    otherCriteria: Int32Array.from(
      criteria
        .map((c, index) =>
          c.feature.type === "coded" || index === fusedText || index === fusedOverlap ? -1 : index,
        )
        .filter((index) => index >= 0),
    ),
    fusedText,
    fusedOverlap,
    largestGroup: codedGroups.reduce((max, g) => Math.max(max, g.size), 1),
  };
}

/**
 * Fills `row` (length ≥ group.size) with the summed weighted values, plus failAdd per broken hard
 * rule, of mentee i against every joint mentor code of the group.
 *
 * Example: for a group [department (same, weight 2), language (hard)] and joint code (3, 7):
 *   row[3 · P_language + 7] = 2 · value_department(i, 3) + (fails_language(i, 7) ? FAILED : 0)
 */
export function buildGroupRow(
  group: CodedGroup,
  criteria: readonly PreparedCriterion[],
  i: number,
  failAdd: number,
  row: Int32Array,
  part: Int32Array,
): void {
  let size = 1;
  row[0] = 0;
  for (const index of group.criteria) {
    const { feature, weight, hard } = criteria[index] as PreparedCriterion & { feature: CodedFeature };
    const codes = feature.mentorCodeCount;
    const a = feature.menteeCode[i];
    const fail = hard ? failAdd : 0;
    for (let b = 0; b < codes; b++) {
      const t = feature.table ? feature.table[a * codes + b] : codedValue(feature.spec, a, b);
      part[b] = weight * (t & 0xffff) + (t >>> 16 ? fail : 0);
    }
    // expand in place from the end so earlier entries are read before they are overwritten
    for (let x = size - 1; x >= 0; x--) {
      const base = row[x];
      for (let b = codes - 1; b >= 0; b--) row[x * codes + b] = base + part[b];
    }
    size *= codes;
  }
}
