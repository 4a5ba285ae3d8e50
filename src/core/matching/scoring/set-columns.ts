/** Kernel columns of set criteria (skills, topics, goals text): inverted indexes, touched mentors only. */
import type { OverlapFeature, TextFeature } from "./prepared.ts";
import type { RowScratch } from "./row-kernel.ts";

/**
 * Skills or topics of mentee i against every mentor, through the inverted index of what mentors
 * offer. Credits: 2 per wanted item offered at level, 1 below; bit 6 and up count items offered at
 * level (the hard rule needs one). Sweeps every mentor when the posting lists are long, else only
 * the mentors touched.
 *
 * Example: a mentee wanting python at 3 against a mentor offering python at 2 adds weight · 5000.
 */
export function addOverlapColumn(
  f: OverlapFeature,
  i: number,
  weight: number,
  failAdd: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  const { accumulator: acc, touched, lookup } = scratch;
  const from = f.menteeStart[i];
  const to = Math.min(f.menteeStart[i + 1], from + 31);
  const { postingStart, postingMentor, postingLevel, menteeItem, menteeLevel } = f;
  const items = to - from;
  for (let c = 0; c <= 2 * items; c++) lookup[c] = weight * Math.floor((c * 10_000) / (2 * items));
  let postings = 0;
  for (let k = from; k < to; k++) postings += postingStart[menteeItem[k] + 1] - postingStart[menteeItem[k]];
  if (postings > out.length >> 1) {
    // dense: cheaper to sweep every mentor than to track the touched ones
    for (let k = from; k < to; k++) {
      const item = menteeItem[k];
      const level = menteeLevel[k];
      const end = postingStart[item + 1];
      for (let p = postingStart[item]; p < end; p++)
        acc[postingMentor[p]] += postingLevel[p] >= level ? 66 : 1;
    }
    for (let j = 0; j < out.length; j++) {
      const a = acc[j];
      out[j] += lookup[a & 63] - (a >= 64 ? failAdd : 0);
      acc[j] = 0;
    }
    return;
  }
  let count = 0;
  for (let k = from; k < to; k++) {
    const item = menteeItem[k];
    const level = menteeLevel[k];
    const end = postingStart[item + 1];
    for (let p = postingStart[item]; p < end; p++) {
      const j = postingMentor[p];
      if (acc[j] === 0) touched[count++] = j;
      acc[j] += postingLevel[p] >= level ? 66 : 1;
    }
  }
  for (let t = 0; t < count; t++) {
    const j = touched[t];
    const a = acc[j];
    out[j] += lookup[a & 63] - (a >= 64 ? failAdd : 0);
    acc[j] = 0;
  }
}

/**
 * TF-IDF similarity of mentee i's goals to every mentor's experience, through the inverted index.
 *
 * Example: identical one-term texts give dot = 1000 · 1000, value min(10000, floor(dot / divisor)) (as dot · (1 / divisor), truncated).
 */
export function addTextColumn(
  f: TextFeature,
  i: number,
  weight: number,
  failAdd: number,
  out: Int32Array,
  scratch: RowScratch,
): void {
  const { accumulator: acc, touched } = scratch;
  const { postingStart, postingMentor, postingWeight, divisor, passDot } = f;
  const inverse = 1 / divisor;
  const { start, term, weight: termWeight } = f.mentee;
  let postings = 0;
  for (let k = start[i]; k < start[i + 1]; k++) postings += postingStart[term[k] + 1] - postingStart[term[k]];
  if (postings > out.length >> 2) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      const q = termWeight[k];
      const end = postingStart[term[k] + 1];
      for (let p = postingStart[term[k]]; p < end; p++) acc[postingMentor[p]] += q * postingWeight[p];
    }
    const m = out.length;
    for (let j = 0; j < m; j++) {
      const dot = acc[j];
      out[j] += weight * Math.min(10_000, (dot * inverse) | 0) - (dot >= passDot ? failAdd : 0);
      acc[j] = 0;
    }
    return;
  }
  let count = 0;
  for (let k = start[i]; k < start[i + 1]; k++) {
    const q = termWeight[k];
    const end = postingStart[term[k] + 1];
    for (let p = postingStart[term[k]]; p < end; p++) {
      const j = postingMentor[p];
      if (acc[j] === 0) touched[count++] = j;
      acc[j] += q * postingWeight[p];
    }
  }
  for (let t = 0; t < count; t++) {
    const j = touched[t];
    const dot = acc[j];
    out[j] += weight * Math.min(10_000, (dot * inverse) | 0) - (dot >= passDot ? failAdd : 0);
    acc[j] = 0;
  }
}

/**
 * Adds q · w of mentee i's goals terms to acc[j] for every mentor j sharing a term (one pass over
 * the term → mentors posting lists). acc then holds the integer dot product of every pair; the
 * caller reads and clears it.
 *
 * Example: identical one-term texts leave acc[j] = 1000 · 1000.
 */
export function accumulateText(f: TextFeature, i: number, acc: Int32Array): void {
  const { postingStart, postingMentor, postingWeight } = f;
  const { start, term, weight } = f.mentee;
  const to = start[i + 1];
  for (let k = start[i]; k < to; k++) {
    const q = weight[k];
    const t = term[k];
    const end = postingStart[t + 1];
    for (let p = postingStart[t]; p < end; p++) acc[postingMentor[p]] += q * postingWeight[p];
  }
}

/**
 * Counts mentee i's wanted items offered by each mentor into acc (66 per item at level, 1 below,
 * as in addOverlapColumn) and fills lookup[c] = weight · value for c = 2 · at level + below.
 *
 * Example: one wanted item offered at level gives acc[j] = 66, and lookup[66 & 63] = weight · 10,000.
 */
export function accumulateOverlap(
  f: OverlapFeature,
  i: number,
  weight: number,
  acc: Int32Array,
  lookup: Int32Array,
): void {
  const from = f.menteeStart[i];
  const to = Math.min(f.menteeStart[i + 1], from + 31);
  const { postingStart, postingMentor, postingLevel, menteeItem, menteeLevel } = f;
  const items = to - from;
  for (let c = 0; c <= 2 * items; c++) lookup[c] = weight * Math.floor((c * 10_000) / (2 * items));
  for (let k = from; k < to; k++) {
    const item = menteeItem[k];
    const level = menteeLevel[k];
    const end = postingStart[item + 1];
    for (let p = postingStart[item]; p < end; p++) acc[postingMentor[p]] += postingLevel[p] >= level ? 66 : 1;
  }
}
