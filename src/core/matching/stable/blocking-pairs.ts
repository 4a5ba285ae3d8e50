import type { CandidateGraph } from "../problem.ts";
import { isPreferred, type StablePreferences } from "./preferences.ts";

/** A pair that would both rather be together than keep their current match. */
export interface BlockingPair {
  readonly mentee: number;
  readonly mentor: number;
  readonly edge: number;
}

/**
 * Lists the blocking pairs of a matching: an allowed, unchosen pair (i, j) where mentee i has room
 * or prefers j to its worst current mentor, and mentor j has room or prefers i to its worst current
 * mentee. Locked pairs use capacity but cannot be given up, so they are never "worst".
 *
 * Example: mentee 0 matched to mentor 1 but ranking mentor 0 first, and mentor 0 with room ->
 * [{ mentee: 0, mentor: 0, edge: 0 }].
 */
export function findBlockingPairs(
  graph: CandidateGraph,
  edgeChosen: Uint8Array,
  preferences: StablePreferences,
  minScore = 0,
): BlockingPair[] {
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const { menteeRank, mentorRank } = preferences;
  const edgeMentee = new Int32Array(mentor.length);
  const menteeUsed = new Int32Array(n);
  const mentorUsed = new Int32Array(m);
  const menteeWorst = new Int32Array(n).fill(-1);
  const mentorWorst = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      edgeMentee[e] = i;
      if (!edgeChosen[e]) continue;
      const j = mentor[e];
      menteeUsed[i]++;
      mentorUsed[j]++;
      if (locked?.[e]) continue;
      const w = menteeWorst[i];
      if (w < 0 || isPreferred(menteeRank[w], mentor[w], menteeRank[e], j)) menteeWorst[i] = e;
    }
  }
  for (let e = 0; e < mentor.length; e++) {
    if (!edgeChosen[e] || locked?.[e]) continue;
    const j = mentor[e];
    const w = mentorWorst[j];
    if (w < 0 || isPreferred(mentorRank[w], edgeMentee[w], mentorRank[e], edgeMentee[e])) mentorWorst[j] = e;
  }
  const out: BlockingPair[] = [];
  for (let e = 0; e < mentor.length; e++) {
    if (edgeChosen[e] || locked?.[e] || score[e] < minScore) continue;
    const i = edgeMentee[e];
    const j = mentor[e];
    const iw = menteeWorst[i];
    const menteeWants =
      menteeUsed[i] < graph.menteeCapacity[i] ||
      (iw >= 0 && isPreferred(menteeRank[e], j, menteeRank[iw], mentor[iw]));
    if (!menteeWants) continue;
    const jw = mentorWorst[j];
    const mentorWants =
      mentorUsed[j] < graph.mentorCapacity[j] ||
      (jw >= 0 && isPreferred(mentorRank[e], i, mentorRank[jw], edgeMentee[jw]));
    if (mentorWants) out.push({ mentee: i, mentor: j, edge: e });
  }
  return out;
}
