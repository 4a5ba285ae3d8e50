/**
 * DIMACS min-cost-flow export of a CandidateGraph, for reference solvers (LEMON).
 *
 * Network: source s (supply F), sink t (demand F), F = min(sum b'_i, sum c'_j) where b', c' are the
 * capacities left after locked pairs. Arcs s -> mentee i (capacity b'_i, cost 0), mentee i ->
 * mentor j for each allowed, non-locked pair (capacity 1, cost -score), mentor j -> t (capacity c'_j,
 * cost 0), and a bypass s -> t (capacity F) carrying the units left unmatched. Under "score" the
 * bypass costs 0, so min cost = -(best total score). Under "participation" it costs P (the bonus of
 * pairWeight), so every unmatched unit is penalised by more than any score can repay: min cost =
 * P * (F - matched) - score, lexicographic like our weights. Locked pairs are added back by the caller.
 * Costs need 64-bit integers (run dimacs-solver with -long).
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { CandidateGraph, MatchObjective } from "../../../src/core/matching/problem.ts";
import { participationBonus } from "../../../src/core/matching/solver/pair-weight.ts";

export interface DimacsSummary {
  /** Units of flow F pushed from s to t. */
  readonly flow: number;
  /** Cost per unmatched unit (0 under "score"). */
  readonly bypassCost: number;
  /** Total score and count of locked pairs, to add to the solver's answer. */
  readonly lockedScore: number;
  readonly lockedCount: number;
}

/** Writes the DIMACS file; returns what is needed to turn the min cost back into a total score. */
export async function writeDimacsMinCostFlow(
  graph: CandidateGraph,
  path: string,
  objective: MatchObjective = "score",
  minScore = 0,
): Promise<DimacsSummary> {
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const menteeRoom = Int32Array.from(graph.menteeCapacity);
  const mentorRoom = Int32Array.from(graph.mentorCapacity);
  let lockedScore = 0;
  let lockedCount = 0;
  let pairArcs = 0;
  for (let i = 0; i < n; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (graph.locked?.[e]) {
        menteeRoom[i]--;
        mentorRoom[graph.mentor[e]]--;
        lockedScore += graph.score[e];
        lockedCount++;
      } else if (graph.score[e] >= minScore) pairArcs++;
    }
  }
  let menteeTotal = 0;
  let mentorTotal = 0;
  for (const b of menteeRoom) menteeTotal += b;
  for (const c of mentorRoom) mentorTotal += c;
  const flow = Math.min(menteeTotal, mentorTotal);
  const bypassCost = objective === "participation" ? participationBonus(graph) : 0;
  const source = 1;
  const sink = n + m + 2;
  const out = createWriteStream(path);
  const lines: string[] = [];
  const flush = async (force: boolean) => {
    if (lines.length < 8192 && !force) return;
    if (!out.write(lines.join(""))) await once(out, "drain");
    lines.length = 0;
  };
  lines.push(`p min ${n + m + 2} ${n + m + 1 + pairArcs}\n`, `n ${source} ${flow}\n`, `n ${sink} ${-flow}\n`);
  lines.push(`a ${source} ${sink} 0 ${flow} ${bypassCost}\n`);
  for (let i = 0; i < n; i++) lines.push(`a ${source} ${i + 2} 0 ${menteeRoom[i]} 0\n`);
  for (let j = 0; j < m; j++) lines.push(`a ${n + 2 + j} ${sink} 0 ${mentorRoom[j]} 0\n`);
  await flush(true);
  for (let i = 0; i < n; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (graph.locked?.[e] || graph.score[e] < minScore) continue;
      lines.push(`a ${i + 2} ${n + 2 + graph.mentor[e]} 0 1 ${-graph.score[e]}\n`);
      await flush(false);
    }
  }
  await flush(true);
  out.end();
  await once(out, "finish");
  return { flow, bypassCost, lockedScore, lockedCount };
}
