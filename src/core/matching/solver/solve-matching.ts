import type { CandidateGraph, DualPrices, MatchingResult, MatchObjective, WarmMatching } from "../problem.ts";
import { AugmentingSearch } from "./augmenting-search.ts";
import { ColumnSearch } from "./column-search.ts";
import { auctionStart } from "./auction-start.ts";
import { warmStart } from "./initial-prices.ts";
import { createMatchingState, type MatchingState } from "./matching-state.ts";
import { transposeGraph } from "./transpose-graph.ts";
import { participationBonus } from "./pair-weight.ts";
import { validateCandidateGraph } from "./validate-graph.ts";
import { warmRepair } from "./warm-repair.ts";

export interface SolveOptions {
  readonly objective: MatchObjective;
  /** Edges scoring below this are not allowed (locked pairs are kept regardless). */
  readonly minScore?: number;
  /** Prices of an earlier solve of the same mentees and mentors (edges may have been added). */
  readonly warmStart?: DualPrices;
  /**
   * With warmStart: the matching of that earlier solve (see matchingPairs). Its pairs are kept
   * wherever the repair allows (see warmRepair), so a re-solve after adding a few pairs costs the
   * searches from the rows the added pairs disturb, not a full solve.
   */
  readonly warmMatching?: WarmMatching;
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
/** A warm repair leaving more rows than this to the searches is replaced by a cold start. */
const WARM_LIMIT_ROWS = 256;
const WARM_LIMIT_SHARE = 0.02;

function hasColumnToRepair(s: MatchingState): boolean {
  for (let j = 0; j < s.mentorCount; j++)
    if (s.mentorDegree[j] < s.mentorRoom[j] && s.mentorPrice[j] > 0) return true;
  return false;
}

function deficientRows(s: MatchingState): number {
  let count = 0;
  for (let i = 0; i < s.menteeCount; i++)
    if (s.menteeDegree[i] < s.menteeRoom[i] && s.menteePrice[i] > 0) count++;
  return count;
}

/**
 * Exact maximum-weight b-matching (capacities on both sides) by the primal-dual Hungarian method:
 * a bounded auction start repaired into feasible prices (see auctionStart), then for each mentee below capacity in index
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
  // Searches from the side with less capacity mostly succeed; from the other side many fail
  // after exploring a large region (measured: 5 s against 34-80 s at 50k x 10k).
  const transposed = shouldSearchFromMentors(graph) ? transposeGraph(graph) : undefined;
  const rows = transposed?.graph ?? graph;
  let state = createMatchingState(rows, objective, options.minScore ?? 0, bonus);
  const warm = options.warmStart;
  if (warm && warm.objective === objective && warm.participationBonus === bonus) {
    if (warm.mentorPrice.length !== graph.mentorCount || warm.menteePrice.length !== graph.menteeCount) {
      throw new RangeError("warmStart prices do not match the graph's mentee and mentor counts");
    }
    const pairs = options.warmMatching;
    if (pairs) {
      if (transposed) warmRepair(state, warm.mentorPrice, warm.menteePrice, pairs.mentor, pairs.mentee);
      else warmRepair(state, warm.menteePrice, warm.mentorPrice, pairs.mentee, pairs.mentor);
      // When many new pairs beat the old prices the repair frees many rows, and searching from each
      // costs more than a cold start: start cold instead (a pricing round at 10k x 2k frees ~40).
      if (deficientRows(state) > Math.max(WARM_LIMIT_ROWS, WARM_LIMIT_SHARE * state.menteeCount)) {
        state = createMatchingState(rows, objective, options.minScore ?? 0, bonus);
        auctionStart(state);
      }
    } else warmStart(state, transposed ? warm.menteePrice : warm.mentorPrice);
  } else auctionStart(state);

  const search = new AugmentingSearch(state);
  const { menteeDegree, menteeRoom, menteePrice } = state;
  let stopped = false;
  let searches = 0;
  for (let i = 0; i < rows.menteeCount && !stopped; i++) {
    while (menteeDegree[i] < menteeRoom[i] && menteePrice[i] > 0) {
      if ((searches++ & (POLL_EVERY - 1)) === 0) {
        options.onProgress?.(i / rows.menteeCount);
        if (options.shouldStop?.()) {
          stopped = true;
          break;
        }
      }
      search.run(i);
    }
  }
  // Step 4 of warmRepair, after the row searches (which may already have refilled the mentors a
  // repair left with room at a positive price): column searches restore complementary slackness.
  // They give pairs only to rows with room and raise only full rows' prices, so no row search is
  // needed after them.
  if (!stopped && hasColumnToRepair(state)) new ColumnSearch(state).repairAll();
  if (!stopped) tightenChosenEdges(state);
  options.onProgress?.(1);
  return buildResult(graph, state, transposed?.originalEdge, objective, bonus, stopped);
}

/**
 * The chosen non-locked pairs of a result as (mentee, mentor) pairs, for SolveOptions.warmMatching
 * (locked pairs are fixed by the graph itself).
 *
 * Example: edges 0 (mentee 0 - mentor 2) and 3 (mentee 1 - mentor 0) chosen -> mentee [0, 1], mentor [2, 0].
 */
export function matchingPairs(graph: CandidateGraph, result: MatchingResult): WarmMatching {
  const mentee: number[] = [];
  const mentor: number[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
      if (result.edgeChosen[e] === 1 && !graph.locked?.[e]) {
        mentee.push(i);
        mentor.push(graph.mentor[e]);
      }
    }
  }
  return { mentee: Int32Array.from(mentee), mentor: Int32Array.from(mentor) };
}

function shouldSearchFromMentors(graph: CandidateGraph): boolean {
  let menteeRoom = 0;
  let mentorRoom = 0;
  for (let i = 0; i < graph.menteeCount; i++) menteeRoom += graph.menteeCapacity[i];
  for (let j = 0; j < graph.mentorCount; j++) mentorRoom += graph.mentorCapacity[j];
  for (let e = 0; e < graph.mentor.length; e++) {
    if (graph.locked?.[e]) {
      menteeRoom--;
      mentorRoom--;
    }
  }
  return mentorRoom < menteeRoom;
}

/**
 * Moves the slack z = w - u - v of each chosen edge into the price of an end with room 1 (that end
 * is full, so a positive price is allowed): chosen pairs are then tight wherever possible, and z
 * stays only on pairs whose ends both have room > 1.
 */
function tightenChosenEdges(s: MatchingState): void {
  const { chosen, weight, edgeMentee, edgeMentor, menteePrice: u, mentorPrice: v } = s;
  for (let e = 0; e < chosen.length; e++) {
    if (chosen[e] === 0) continue;
    const i = edgeMentee[e];
    const j = edgeMentor[e];
    const slack = weight[e] - u[i] - v[j];
    if (slack <= 0) continue;
    if (s.menteeRoom[i] === 1) u[i] += slack;
    else if (s.mentorRoom[j] === 1) v[j] += slack;
  }
}

function buildResult(
  graph: CandidateGraph,
  s: MatchingState,
  originalEdge: Int32Array | undefined,
  objective: MatchObjective,
  bonus: number,
  stopped: boolean,
): MatchingResult {
  const edgeCount = graph.mentor.length;
  const edgeChosen = new Uint8Array(edgeCount);
  let primal = 0;
  let slack = 0;
  const { menteePrice: u, mentorPrice: v } = s;
  for (let t = 0; t < edgeCount; t++) {
    if (s.chosen[t] === 0) continue;
    edgeChosen[originalEdge ? originalEdge[t] : t] = 1;
    primal += s.weight[t];
    slack += Math.max(0, s.weight[t] - u[s.edgeMentee[t]] - v[s.edgeMentor[t]]);
  }
  let matchedCount = 0;
  let totalScore = 0;
  for (let e = 0; e < edgeCount; e++) {
    if (graph.locked?.[e]) edgeChosen[e] = 1;
    if (edgeChosen[e]) {
      matchedCount++;
      totalScore += graph.score[e];
    }
  }
  const chosenEdges = new Int32Array(matchedCount);
  for (let e = 0, at = 0; e < edgeCount; e++) if (edgeChosen[e]) chosenEdges[at++] = e;
  const duals: DualPrices = {
    objective,
    participationBonus: bonus,
    menteePrice: originalEdge ? v : u,
    mentorPrice: originalEdge ? u : v,
  };
  if (!stopped) return { edgeChosen, chosenEdges, matchedCount, totalScore, duals, optimal: true };
  let dual = slack;
  for (let i = 0; i < s.menteeCount; i++) dual += s.menteeRoom[i] * u[i];
  for (let j = 0; j < s.mentorCount; j++) dual += s.mentorRoom[j] * v[j];
  return { edgeChosen, chosenEdges, matchedCount, totalScore, duals, optimal: false, gap: dual - primal };
}
