import type { CandidateGraph, DualPrices, MatchingResult, MatchObjective } from "../problem.ts";
import { AugmentingSearch } from "./augmenting-search.ts";
import { coldStart, warmStart } from "./initial-prices.ts";
import { createMatchingState, type MatchingState } from "./matching-state.ts";
import { participationBonus } from "./pair-weight.ts";
import { validateCandidateGraph } from "./validate-graph.ts";

export interface SolveOptions {
  readonly objective: MatchObjective;
  /** Edges scoring below this are not allowed (locked pairs are kept regardless). */
  readonly minScore?: number;
  /** Prices of an earlier solve of the same mentees and mentors (edges may have been added). */
  readonly warmStart?: DualPrices;
  /** Polled every few hundred searches; true stops with the best matching so far and a gap. */
  readonly shouldStop?: () => boolean;
  /** Called every few hundred searches with the fraction of mentees processed. */
  readonly onProgress?: (fraction: number) => void;
}

/** Thrown when the graph is malformed; `problems` names each issue (see validateCandidateGraph). */
export class InvalidCandidateGraphError extends Error {
  constructor(readonly problems: ReturnType<typeof validateCandidateGraph>) {
    super(`invalid candidate graph: ${problems.map((p) => p.message).join("; ")}`);
  }
}

const POLL_EVERY = 256;

/**
 * Exact maximum-weight b-matching (capacities on both sides) by the primal-dual Hungarian method:
 * a greedy start on tight edges with feasible prices, then for each mentee below capacity in index
 * order, Dijkstra searches on reduced costs (see AugmentingSearch) until it is full or its price is 0.
 * Locked pairs are pre-assigned; the optimum is over the remaining pairs and capacities. Returns the
 * matching and the prices that certify it (checkMatching verifies them). Deterministic.
 *
 * Example: mentees 0 and 1, one mentor of capacity 1, scores 9000 and 8000:
 *   solveMatching(graph, { objective: "score" }) -> mentee 0 matched, totalScore 9000,
 *   duals: u = [1000, 0], v = [8000], optimal: true.
 */
export function solveMatching(graph: CandidateGraph, options: SolveOptions): MatchingResult {
  const problems = validateCandidateGraph(graph);
  if (problems.length > 0) throw new InvalidCandidateGraphError(problems);
  const { objective } = options;
  const bonus = objective === "participation" ? participationBonus(graph) : 0;
  const state = createMatchingState(graph, objective, options.minScore ?? 0, bonus);
  const warm = options.warmStart;
  if (warm && warm.objective === objective && warm.participationBonus === bonus) {
    if (warm.mentorPrice.length !== graph.mentorCount)
      throw new RangeError("warmStart has the wrong mentor count");
    warmStart(state, warm);
  } else coldStart(state);

  const search = new AugmentingSearch(state);
  const { menteeDegree, menteeRoom, menteePrice } = state;
  let stopped = false;
  let searches = 0;
  for (let i = 0; i < graph.menteeCount && !stopped; i++) {
    while (menteeDegree[i] < menteeRoom[i] && menteePrice[i] > 0) {
      search.run(i);
      if (++searches % POLL_EVERY === 0) {
        options.onProgress?.(i / graph.menteeCount);
        if (options.shouldStop?.()) {
          stopped = true;
          break;
        }
      }
    }
  }
  options.onProgress?.(1);
  return buildResult(graph, state, objective, bonus, stopped);
}

function buildResult(
  graph: CandidateGraph,
  s: MatchingState,
  objective: MatchObjective,
  bonus: number,
  stopped: boolean,
): MatchingResult {
  const edgeCount = graph.mentor.length;
  const edgeChosen = new Uint8Array(edgeCount);
  let matchedCount = 0;
  let totalScore = 0;
  let primal = 0;
  let slack = 0;
  const { menteePrice: u, mentorPrice: v } = s;
  for (let e = 0; e < edgeCount; e++) {
    if (graph.locked?.[e] || s.chosen[e]) {
      edgeChosen[e] = 1;
      matchedCount++;
      totalScore += graph.score[e];
    }
    if (s.chosen[e]) {
      primal += s.weight[e];
      slack += Math.max(0, s.weight[e] - u[s.edgeMentee[e]] - v[s.edgeMentor[e]]);
    }
  }
  const chosenEdges = new Int32Array(matchedCount);
  for (let e = 0, at = 0; e < edgeCount; e++) if (edgeChosen[e]) chosenEdges[at++] = e;
  const duals: DualPrices = { objective, participationBonus: bonus, menteePrice: u, mentorPrice: v };
  if (!stopped) return { edgeChosen, chosenEdges, matchedCount, totalScore, duals, optimal: true };
  let dual = slack;
  for (let i = 0; i < s.menteeCount; i++) dual += s.menteeRoom[i] * u[i];
  for (let j = 0; j < s.mentorCount; j++) dual += s.mentorRoom[j] * v[j];
  return { edgeChosen, chosenEdges, matchedCount, totalScore, duals, optimal: false, gap: dual - primal };
}
