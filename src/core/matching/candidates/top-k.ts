/**
 * The streamed candidate kernel: scores a block of mentees against every mentor, one row at a
 * time, keeping only the best K per mentee (selectRowTopK: a histogram cut-off, then a counting
 * sort of the few above it) and the best score left out (the (K+1)-th), which later bounds every
 * pair not kept. Memory is O(block · K), never mentees × mentors.
 */
import type { PreparedProgramme } from "../scoring/prepared.ts";
import { createRowScratch, EXCLUDED, minRawFor, rawToScore, scoreMenteeRow } from "../scoring/row-kernel.ts";

/** Top-K candidates of mentees from..to-1: row r holds count[r] entries at r*k, best first. */
export interface TopKBlock {
  readonly from: number;
  readonly to: number;
  readonly k: number;
  readonly count: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  /** Best score among allowed pairs left out of the top K (-1: none left out). */
  readonly nextBest: Int32Array;
  /** Allowed pairs seen (at or above the minimum score), for statistics. */
  readonly allowedPairs: number;
}

/** Max-heap order "better first": higher raw, then lower mentor index. */
function isBetter(rawA: number, mentorA: number, rawB: number, mentorB: number): boolean {
  return rawA > rawB || (rawA === rawB && mentorA < mentorB);
}

/**
 * The k best allowed entries of one raw row, best first (higher raw, then lower mentor index),
 * with the best raw left out (the (k+1)-th, -1: none) and the number of allowed entries.
 */
export interface RowSelection {
  readonly k: number;
  readonly mentor: Int32Array;
  readonly raw: Int32Array;
  count: number;
  bestLeftOut: number;
  allowed: number;
  /** Scratch: the entries at or above the cut-off, the fallback's heap. */
  readonly candidateRaw: Int32Array;
  readonly candidateMentor: Int32Array;
  /** Entries at or above the sampled threshold (grown to the row length when needed). */
  poolRaw: Int32Array;
  poolMentor: Int32Array;
  readonly heapRaw: Int32Array;
  readonly heapMentor: Int32Array;
}

const BUCKETS = 8192;
/** Slots past the buckets counting entries not allowed (spread over 8: no long chain of increments on one slot). */
const SPILL = 8;

/**
 * The histogram of raw >> shift (all zero between calls), in a module-level constant object that
 * selectRowTopK copies into a local: V8 then treats the array as a constant in the loops (a typed
 * array read from a parameter's field is reloaded on every iteration).
 */
const SHARED = { histogram: new Int32Array(BUCKETS + SPILL) };

/** Scratch for selectRowTopK with this k. */
export function createRowSelection(k: number): RowSelection {
  const capacity = Math.max(1024, 8 * (k + 1));
  return {
    k,
    mentor: new Int32Array(k),
    raw: new Int32Array(k),
    count: 0,
    bestLeftOut: -1,
    allowed: 0,
    candidateRaw: new Int32Array(capacity),
    candidateMentor: new Int32Array(capacity),
    poolRaw: new Int32Array(0),
    poolMentor: new Int32Array(0),
    heapRaw: new Int32Array(k),
    heapMentor: new Int32Array(k),
  };
}

/**
 * Selects the k best allowed entries of `row` (minRaw <= raw < EXCLUDED; raws are never negative)
 * into `out`, best first, ties by lower mentor index. `rawBound` is about the largest allowed raw
 * (any value is correct; a close one is faster). Rows of 1024 entries or more first try
 * selectFromSample (one pass, most rows); otherwise a branch-free pass builds a histogram of
 * raw >> shift (half the entries of a real row are excluded, in no pattern a branch predictor
 * learns); from the top it finds the bucket holding the (k+1)-th best; a second pass places the
 * few entries at or above it by bucket (a counting sort, mentor order kept within a bucket), and an
 * insertion sort finishes each bucket by raw. Rows whose cut-off bucket holds too many entries
 * (long ties) go through a min-heap instead. Both give the same result.
 *
 * Example: selectRowTopK(row, 0, 48, 190_000, out) // out.mentor[0..out.count) best first
 */
export function selectRowTopK(
  row: Int32Array,
  minRaw: number,
  k: number,
  rawBound: number,
  out: RowSelection,
): void {
  const m = row.length;
  if (k <= 0 || minRaw < 0 || minRaw >= EXCLUDED) {
    selectByHeap(row, minRaw, k, out);
    return;
  }
  const { histogram } = SHARED;
  const excluded = EXCLUDED;
  const lo = minRaw;
  let shift = 0;
  while (rawBound >> shift >= BUCKETS) shift++;
  const top = BUCKETS - 1;
  if (m >= 64 * SAMPLE_STEP && selectFromSample(row, lo, k, shift, out)) return;
  let allowed = 0;
  for (let j = 0; j < m; j++) {
    const raw = row[j];
    // -1 when lo <= raw < EXCLUDED, else 0 (raws are non-negative, so no overflow)
    const mask = ((raw - excluded) & ~(raw - lo)) >> 31;
    const over = (raw >> shift) - top;
    const bucket = top + (over & (over >> 31)); // min(raw >> shift, top)
    histogram[(bucket & mask) | ((BUCKETS + (j & (SPILL - 1))) & ~mask)]++;
    allowed -= mask;
  }
  out.allowed = allowed;
  const wanted = k + 1;
  // the bucket holding the wanted-th best entry (the bucket of lo when fewer are allowed)
  const floor = lo >> shift < top ? lo >> shift : top;
  let above = 0;
  let cut = top;
  while (cut > floor && above + histogram[cut] < wanted) above += histogram[cut--];
  const n = above + histogram[cut];
  const candidateRaw = out.candidateRaw;
  const candidateMentor = out.candidateMentor;
  if (n > candidateRaw.length) {
    histogram.fill(0);
    selectByHeap(row, minRaw, k, out);
    return;
  }
  // each bucket's first position among the candidates, best bucket first
  let position = 0;
  for (let b = top; b >= cut; b--) {
    const c = histogram[b];
    histogram[b] = position;
    position += c;
  }
  // smallest raw in bucket `cut` (the clamped top bucket starts at top << shift too)
  const cutRaw = cut === floor ? lo : cut << shift;
  const span = excluded - cutRaw;
  for (let j = 0; j < m; j++) {
    const raw = row[j];
    if ((raw - cutRaw) >>> 0 < span) {
      const b = raw >> shift;
      const p = histogram[b < top ? b : top]++;
      candidateRaw[p] = raw;
      candidateMentor[p] = j;
    }
  }
  histogram.fill(0);
  finishCandidates(n, k, out);
}

const SAMPLE_STEP = 16;

/**
 * The fast path: a histogram of every SAMPLE_STEP-th entry sets a threshold that about 2(k+1)
 * entries of the row should reach; one pass counts the allowed entries (branch-free) and keeps those
 * at or above it (rare, so the branch is predicted). When at least k+1 are kept (or every allowed
 * entry), the k+1 best are among them and they are ordered as in selectRowTopK; otherwise returns
 * false and the full histogram is used.
 */
function selectFromSample(row: Int32Array, lo: number, k: number, shift: number, out: RowSelection): boolean {
  const { histogram } = SHARED;
  const excluded = EXCLUDED;
  const m = row.length;
  const top = BUCKETS - 1;
  for (let j = 0; j < m; j += SAMPLE_STEP) {
    const raw = row[j];
    if ((raw - lo) >>> 0 < excluded - lo) {
      const b = raw >> shift;
      histogram[b < top ? b : top]++;
    }
  }
  const wanted = Math.ceil((2 * (k + 1)) / SAMPLE_STEP) + 2;
  const floor = lo >> shift < top ? lo >> shift : top;
  let seen = 0;
  let cut = top;
  while (cut > floor && seen + histogram[cut] < wanted) seen += histogram[cut--];
  histogram.fill(0);
  const threshold = cut === floor ? lo : cut << shift;
  if (out.poolRaw.length < m) {
    out.poolRaw = new Int32Array(m);
    out.poolMentor = new Int32Array(m);
  }
  const poolRaw = out.poolRaw;
  const poolMentor = out.poolMentor;
  const span = excluded - threshold;
  let allowed = 0;
  let n = 0;
  for (let j = 0; j < m; j++) {
    const raw = row[j];
    allowed -= ((raw - excluded) & ~(raw - lo)) >> 31;
    if ((raw - threshold) >>> 0 < span) {
      poolRaw[n] = raw;
      poolMentor[n] = j;
      n++;
    }
  }
  if (n <= k && n < allowed) return false;
  out.allowed = allowed;
  // the bucket of the (k+1)-th best among the pool, then a counting sort of those at or above it
  for (let p = 0; p < n; p++) {
    const b = poolRaw[p] >> shift;
    histogram[b < top ? b : top]++;
  }
  const pivot = threshold >> shift < top ? threshold >> shift : top;
  let above = 0;
  cut = top;
  while (cut > pivot && above + histogram[cut] < k + 1) above += histogram[cut--];
  const count = above + histogram[cut];
  if (count > out.candidateRaw.length) {
    histogram.fill(0);
    return false;
  }
  let position = 0;
  for (let b = top; b >= cut; b--) {
    const c = histogram[b];
    histogram[b] = position;
    position += c;
  }
  const candidateRaw = out.candidateRaw;
  const candidateMentor = out.candidateMentor;
  for (let p = 0; p < n; p++) {
    const raw = poolRaw[p];
    const b0 = raw >> shift;
    const b = b0 < top ? b0 : top;
    if (b >= cut) {
      const at = histogram[b]++;
      candidateRaw[at] = raw;
      candidateMentor[at] = poolMentor[p];
    }
  }
  histogram.fill(0);
  finishCandidates(count, k, out);
  return true;
}

/** Sorts the first n candidates (in bucket order, mentors ascending within one) by raw, stably, into out. */
function finishCandidates(n: number, k: number, out: RowSelection): void {
  const candidateRaw = out.candidateRaw;
  const candidateMentor = out.candidateMentor;
  for (let i = 1; i < n; i++) {
    const raw = candidateRaw[i];
    const mentor = candidateMentor[i];
    let at = i;
    while (at > 0 && candidateRaw[at - 1] < raw) {
      candidateRaw[at] = candidateRaw[at - 1];
      candidateMentor[at] = candidateMentor[at - 1];
      at--;
    }
    candidateRaw[at] = raw;
    candidateMentor[at] = mentor;
  }
  const size = n < k ? n : k;
  out.mentor.set(candidateMentor.subarray(0, size));
  out.raw.set(candidateRaw.subarray(0, size));
  out.count = size;
  out.bestLeftOut = n > k ? candidateRaw[k] : -1;
}

/**
 * The same selection with a min-heap of the k best: for long ties at the cut-off, k <= 0 (no
 * entry kept, and as before no best left out reported) and a negative minRaw.
 */
function selectByHeap(row: Int32Array, minRaw: number, k: number, out: RowSelection): void {
  const heapRaw = out.heapRaw;
  const heapMentor = out.heapMentor;
  const m = row.length;
  let size = 0;
  let bestLeftOut = -1;
  let allowed = 0;
  // pairs at or below `threshold` cannot enter the heap; it is -1 until the heap is full
  let threshold = -1;
  for (let j = 0; j < m; j++) {
    const raw = row[j];
    if (raw <= threshold) {
      if (raw >= minRaw) {
        allowed++;
        if (raw > bestLeftOut) bestLeftOut = raw;
      }
      continue;
    }
    if (raw >= EXCLUDED || raw < minRaw) continue;
    allowed++;
    if (size < k) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!isBetter(heapRaw[parent], heapMentor[parent], raw, j)) break;
        heapRaw[at] = heapRaw[parent];
        heapMentor[at] = heapMentor[parent];
        at = parent;
      }
      heapRaw[at] = raw;
      heapMentor[at] = j;
      if (size === k) threshold = heapRaw[0];
      continue;
    }
    if (heapRaw[0] > bestLeftOut) bestLeftOut = heapRaw[0];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= k) break;
      if (
        child + 1 < k &&
        isBetter(heapRaw[child], heapMentor[child], heapRaw[child + 1], heapMentor[child + 1])
      )
        child++;
      if (!isBetter(raw, j, heapRaw[child], heapMentor[child])) break;
      heapRaw[at] = heapRaw[child];
      heapMentor[at] = heapMentor[child];
      at = child;
    }
    heapRaw[at] = raw;
    heapMentor[at] = j;
    threshold = heapRaw[0];
  }
  // pop the min-heap (worst first) into the output from its end: best first, ties by mentor index
  for (let last = size - 1; last >= 0; last--) {
    out.mentor[last] = heapMentor[0];
    out.raw[last] = heapRaw[0];
    const raw = heapRaw[last];
    const mentor = heapMentor[last];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (
        child + 1 < last &&
        isBetter(heapRaw[child], heapMentor[child], heapRaw[child + 1], heapMentor[child + 1])
      )
        child++;
      if (!isBetter(raw, mentor, heapRaw[child], heapMentor[child])) break;
      heapRaw[at] = heapRaw[child];
      heapMentor[at] = heapMentor[child];
      at = child;
    }
    heapRaw[at] = raw;
    heapMentor[at] = mentor;
  }
  out.count = size;
  out.bestLeftOut = bestLeftOut;
  out.allowed = allowed;
}

/**
 * Scores mentees from..to-1 against all mentors and keeps the K best allowed pairs of each, with
 * ties broken by lower mentor index, dropping pairs below `minScore`. `onRow` is called every 256
 * mentees with the number done (for progress and cancellation).
 *
 * Example: topKForMentees(prepared, 0, 100, 24, 0)
 *   // .mentor[r * 24 .. r * 24 + count[r]) are mentee r's 24 best mentors, .nextBest[r] the 25th score
 */
export function topKForMentees(
  prepared: PreparedProgramme,
  from: number,
  to: number,
  k: number,
  minScore: number,
  onRow?: (done: number) => void,
): TopKBlock {
  const rows = to - from;
  const m = prepared.mentorIds.length;
  const count = new Int32Array(rows);
  const mentorOut = new Int32Array(rows * k);
  const scoreOut = new Int32Array(rows * k);
  const nextBest = new Int32Array(rows).fill(-1);
  const row = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  const minRaw = minRawFor(minScore, prepared.weightSum);
  const rawBound = prepared.weightSum * 10_000;
  const selection = createRowSelection(k);
  let allowedPairs = 0;
  for (let i = from; i < to; i++) {
    scoreMenteeRow(prepared, i, row, scratch);
    selectRowTopK(row, minRaw, k, rawBound, selection);
    allowedPairs += selection.allowed;
    const r = i - from;
    const size = selection.count;
    for (let c = 0; c < size; c++) {
      mentorOut[r * k + c] = selection.mentor[c];
      scoreOut[r * k + c] = rawToScore(selection.raw[c], prepared.weightSum);
    }
    count[r] = size;
    const bestLeftOut = selection.bestLeftOut;
    nextBest[r] = bestLeftOut < 0 ? -1 : rawToScore(bestLeftOut, prepared.weightSum);
    if (onRow && (r + 1) % 256 === 0) onRow(r + 1);
  }
  onRow?.(rows);
  return { from, to, k, count, mentor: mentorOut, score: scoreOut, nextBest, allowedPairs };
}
