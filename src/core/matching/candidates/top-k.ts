/**
 * The streamed candidate kernel: scores a block of mentees against every mentor, one row at a
 * time, keeping only the best K per mentee (a min-heap) and the best score left out (the
 * (K+1)-th), which later bounds every pair not kept. Memory is O(block · K), never mentees × mentors.
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
 * Keeps the k best allowed entries of one raw row in the heap arrays (sorted later) and returns
 * [size, best raw left out (-1: none), allowed pairs] in `state`. Kept small so V8 optimises it whole.
 */
function selectTopK(
  row: Int32Array,
  minRaw: number,
  k: number,
  heapRaw: Int32Array,
  heapMentor: Int32Array,
  state: Int32Array,
): void {
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
  state[0] = size;
  state[1] = bestLeftOut;
  state[2] = allowed;
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
  const heapRaw = new Int32Array(k);
  const heapMentor = new Int32Array(k);
  const row = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  const minRaw = minRawFor(minScore, prepared.weightSum);
  const state = new Int32Array(3);
  let allowedPairs = 0;
  for (let i = from; i < to; i++) {
    scoreMenteeRow(prepared, i, row, scratch);
    selectTopK(row, minRaw, k, heapRaw, heapMentor, state);
    const size = state[0];
    const bestLeftOut = state[1];
    allowedPairs += state[2];
    const r = i - from;
    // pop the min-heap (worst first) into the row from its end: best first, ties by mentor index
    for (let last = size - 1; last >= 0; last--) {
      mentorOut[r * k + last] = heapMentor[0];
      scoreOut[r * k + last] = rawToScore(heapRaw[0], prepared.weightSum);
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
    count[r] = size;
    nextBest[r] = bestLeftOut < 0 ? -1 : rawToScore(bestLeftOut, prepared.weightSum);
    if (onRow && (r + 1) % 256 === 0) onRow(r + 1);
  }
  onRow?.(rows);
  return { from, to, k, count, mentor: mentorOut, score: scoreOut, nextBest, allowedPairs };
}
