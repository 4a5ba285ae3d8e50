/** Scores of one mentee against every mentor of a prepared programme, for the mentor picker. */
import type { PreparedProgramme } from "../matching/index.ts";
import { createRowScratch, EXCLUDED, rawToScore, scoreMenteeRow } from "../matching/scoring/row-kernel.ts";

/**
 * The 0..10,000 score of the mentee with each mentor (by mentor index of `prepared`), or -1 where
 * a hard rule or an exclusion (reporting line, earlier pair, block) forbids the pair. One pass of
 * the matcher's own row kernel, so the picker shows exactly the scores a run would use.
 *
 * Example: mentorScoresFor(prepared, "e1") → Int32Array [8400, -1, 6100] for mentors m1, m2, m3
 */
export function mentorScoresFor(prepared: PreparedProgramme, menteeId: string): Int32Array | null {
  const i = prepared.menteeIds.indexOf(menteeId);
  if (i < 0) return null;
  const row = new Int32Array(prepared.mentorIds.length);
  scoreMenteeRow(prepared, i, row, createRowScratch(prepared));
  return row.map((raw) => (raw >= EXCLUDED ? -1 : rawToScore(raw, prepared.weightSum)));
}
