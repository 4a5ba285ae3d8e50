/** Why a mentee is left unmatched, in words a programme manager can act on. */
import type { CandidateGraph } from "../problem.ts";
import { EXCLUSION_REASONS, type PreparedProgramme } from "../scoring/prepared.ts";
import {
  addCriterionColumn,
  createRowScratch,
  EXCLUDED,
  minRawFor,
  rawToScore,
  scoreMenteeRow,
} from "../scoring/row-kernel.ts";

/**
 * Counts, for mentee i, how many mentors each rule excludes (a mentor may be excluded by several).
 *
 * Example: exclusionCounts(prepared, 0) → Map { "hard rule: shared language" => 812, "reporting line" => 1 }
 */
export function exclusionCounts(prepared: PreparedProgramme, i: number): Map<string, number> {
  const m = prepared.mentorIds.length;
  const column = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  const counts = new Map<string, number>();
  const add = (label: string, n: number) => {
    if (n > 0) counts.set(label, (counts.get(label) ?? 0) + n);
  };
  for (const criterion of prepared.criteria) {
    if (!criterion.hard) continue;
    column.fill(0);
    addCriterionColumn(criterion.feature, i, 0, 1, column, scratch);
    let failed = 0;
    for (let j = 0; j < m; j++) failed += column[j];
    add(`hard rule: ${criterion.label}`, failed);
  }
  for (let e = prepared.exclusionStart[i]; e < prepared.exclusionStart[i + 1]; e++) {
    add(EXCLUSION_REASONS[prepared.exclusionReason[e]], 1);
  }
  return counts;
}

/**
 * The reason an unmatched mentee of a scored programme is unmatched: no allowed mentor (naming
 * the rules), every allowed mentor below the minimum score, or every allowed mentor full.
 *
 * Example: unmatchedReason(prepared, graph, mentorLoad, 3, 0)
 *   // "no allowed mentor: every mentor excluded by hard rule: shared language (40), reporting line (1)"
 */
export function unmatchedReason(
  prepared: PreparedProgramme,
  mentorLoad: Int32Array,
  i: number,
  minScore: number,
): string {
  if (prepared.menteeCapacity[i] === 0) return "capacity 0: takes no mentor";
  const m = prepared.mentorIds.length;
  if (m === 0) return "no allowed mentor: the programme has no mentors";
  const row = new Int32Array(m);
  scoreMenteeRow(prepared, i, row, createRowScratch(prepared));
  const minRaw = minRawFor(minScore, prepared.weightSum);
  let best = -1;
  let freeAllowed = 0;
  let allowed = 0;
  for (let j = 0; j < m; j++) {
    if (row[j] >= EXCLUDED) continue;
    allowed++;
    best = Math.max(best, row[j]);
    if (row[j] >= minRaw && mentorLoad[j] < prepared.mentorCapacity[j]) freeAllowed++;
  }
  if (allowed === 0) {
    const counts = [...exclusionCounts(prepared, i).entries()].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    return `no allowed mentor: every mentor excluded by ${counts.map(([rule, n]) => `${rule} (${n})`).join(", ")}`;
  }
  if (best < minRaw) {
    return `below minimum score: the best allowed mentor scores ${rawToScore(best, prepared.weightSum)} < ${minScore}`;
  }
  if (freeAllowed === 0) return "all allowed mentors are full";
  return "not matched: the free allowed mentors would lower the total score";
}

/**
 * The same for a problem given as pairs (no rules to name).
 *
 * Example: unmatchedReasonInGraph(graph, load, 0, 0) === "no allowed mentor: no pair lists this mentee"
 */
export function unmatchedReasonInGraph(
  graph: CandidateGraph,
  mentorLoad: Int32Array,
  i: number,
  minScore: number,
): string {
  if (graph.menteeCapacity[i] === 0) return "capacity 0: takes no mentor";
  const from = graph.rowStart[i];
  const to = graph.rowStart[i + 1];
  if (from === to) return "no allowed mentor: no pair lists this mentee";
  let best = -1;
  let free = 0;
  for (let e = from; e < to; e++) {
    best = Math.max(best, graph.score[e]);
    if (graph.score[e] >= minScore && mentorLoad[graph.mentor[e]] < graph.mentorCapacity[graph.mentor[e]])
      free++;
  }
  if (best < minScore) return `below minimum score: the best pair scores ${best} < ${minScore}`;
  if (free === 0) return "all allowed mentors are full";
  return "not matched: the free allowed mentors would lower the total score";
}
