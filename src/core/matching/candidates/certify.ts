/**
 * Certified matching over ALL pairs while solving only a sparse candidate graph: top-K candidates,
 * exact solve, then pricing out (column generation) until the solver's prices cover every pair.
 */
import type { CandidateGraph, MatchingResult, MatchObjective } from "../problem.ts";
import type { PreparedProgramme } from "../scoring/prepared.ts";
import { pairWeight } from "../solver/pair-weight.ts";
import { matchingPairs, solveMatching } from "../solver/solve-matching.ts";
import { addPairs, graphFromTopK } from "./candidate-graph.ts";
import { boundOutside, gapOf, reserveOf } from "./certificate-bounds.ts";
import { type PriceOutRequest, type PriceOutResult, priceOutMentees } from "./price-out.ts";
import { type TopKBlock, topKForMentees } from "./top-k.ts";

export type MatchPhase = "scoring" | "solving" | "pricing" | "explaining";

/** Where the kernel runs: in this thread (inProcessKernel) or in worker threads (server runner). */
export interface KernelPort {
  topK(k: number, minScore: number, onProgress: (fraction: number) => void): Promise<TopKBlock[]>;
  priceOut(request: PriceOutRequest): Promise<PriceOutResult>;
}

/**
 * A KernelPort that scores in the calling thread.
 *
 * Example: await certifiedSolve(prepared, inProcessKernel(prepared), { objective: "score" })
 */
export function inProcessKernel(prepared: PreparedProgramme): KernelPort {
  return {
    topK: async (k, minScore, onProgress) => {
      const n = prepared.menteeIds.length;
      return [topKForMentees(prepared, 0, n, k, minScore, (done) => onProgress(done / Math.max(1, n)))];
    },
    priceOut: async (request) => priceOutMentees(prepared, request),
  };
}

export interface CertifyOptions {
  readonly objective: MatchObjective;
  readonly minScore?: number;
  /** K (default 48). */
  readonly candidatesPerMentee?: number;
  /** Polled between steps and inside the solver; true stops with a stated gap. */
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (phase: MatchPhase, fraction: number) => void;
}

export interface CertifiedSolution {
  readonly graph: CandidateGraph;
  readonly result: MatchingResult;
  /** True when the prices cover every allowed pair of the programme, not only the graph's. */
  readonly optimal: boolean;
  /** Upper bound on the weight lost against the optimum over all pairs (0 when optimal). */
  readonly gap: number;
  readonly rounds: number;
  readonly certifiedAtOnce: number;
  readonly rescored: number;
  readonly allowedPairs: number;
}

const EPSILON = 1e-7;

/**
 * Scores every pair in a streamed kernel keeping the top K per mentee, solves exactly, then
 * prices out: mentee i is certified at once when weight(next-best score) <= u_i (as v_j >= 0);
 * the others are rescored against all mentors and every pair with weight > u_i + v_j is added;
 * re-solve warm; repeat until no pair is added. The final prices then satisfy
 * weight(s_ij) <= u_i + v_j for EVERY allowed pair of the programme: the optimum over all pairs.
 *
 * Example: const solved = await certifiedSolve(prepared, inProcessKernel(prepared), { objective: "participation" });
 *   solved.optimal  // true; solved.result.duals certify it over all pairs
 */
export async function certifiedSolve(
  prepared: PreparedProgramme,
  port: KernelPort,
  options: CertifyOptions,
): Promise<CertifiedSolution> {
  const { objective } = options;
  const minScore = options.minScore ?? 0;
  const k = Math.max(1, Math.min(options.candidatesPerMentee ?? 48, prepared.mentorIds.length || 1));
  const report = options.onProgress ?? (() => {});
  // keep K candidates in the graph and 2K more in reserve: checked exactly against the prices
  // without rescoring; only the (3K+1)-th score bounds the rest
  const reserveSize = Math.min(2 * k, Math.max(0, prepared.mentorIds.length - k));
  const blocks = await port.topK(k + reserveSize, minScore, (f) => report("scoring", f));
  const n = prepared.menteeIds.length;
  const nextBest = new Int32Array(n).fill(-1);
  let allowedPairs = 0;
  for (const block of blocks) {
    nextBest.set(block.nextBest, block.from);
    allowedPairs += block.allowedPairs;
  }
  const reserve = reserveOf(blocks, n, k, reserveSize);
  let graph = graphFromTopK(prepared, blocks, k);
  // warm re-solves keep the previous matching by pair (edge indices shift as pairs are added)
  const solve = (warm?: { graph: CandidateGraph; result: MatchingResult }) =>
    solveMatching(graph, {
      objective,
      minScore,
      warmStart: warm?.result.duals,
      warmMatching: warm && matchingPairs(warm.graph, warm.result),
      shouldStop: options.shouldStop,
      onProgress: (f) => report("solving", f),
    });
  let result = solve();
  const weights = new Float64Array(10_001);
  for (let s = 0; s <= 10_000; s++) weights[s] = pairWeight(s, objective, result.duals.participationBonus);
  let rounds = 0;
  let certifiedAtOnce = -1;
  let rescored = 0;
  for (;;) {
    if (!result.optimal) break;
    const u = result.duals.menteePrice;
    const v = result.duals.mentorPrice;
    const adds: { mentee: number[]; mentor: number[]; score: number[] } = {
      mentee: [],
      mentor: [],
      score: [],
    };
    const pending: number[] = [];
    let needsWork = 0;
    for (let i = 0; i < n; i++) {
      const before = adds.mentee.length;
      for (
        let r = i * reserveSize;
        r < i * reserveSize + reserve.count[i] && adds.mentee.length - before < k;
        r++
      ) {
        const j = reserve.mentor[r];
        if (j < 0 || weights[reserve.score[r]] <= u[i] + v[j] + EPSILON) continue;
        adds.mentee.push(i);
        adds.mentor.push(j);
        adds.score.push(reserve.score[r]);
        reserve.mentor[r] = -1;
      }
      const pend = nextBest[i] >= 0 && weights[nextBest[i]] > u[i] + EPSILON;
      if (pend) pending.push(i);
      if (pend || adds.mentee.length > before) needsWork++;
    }
    if (certifiedAtOnce < 0) certifiedAtOnce = n - needsWork;
    if (needsWork === 0) return done(true);
    if (options.shouldStop?.()) break;
    rounds++;
    const previous = { graph, result };
    if (adds.mentee.length > 0) {
      graph = addPairs(
        graph,
        Int32Array.from(adds.mentee),
        Int32Array.from(adds.mentor),
        Int32Array.from(adds.score),
      );
    }
    let added = adds.mentee.length;
    if (pending.length > 0) {
      report("pricing", 0);
      const mentees = Int32Array.from(pending);
      const graphStart = new Int32Array(mentees.length + 1);
      mentees.forEach((i, p) => {
        graphStart[p + 1] = graphStart[p] + graph.rowStart[i + 1] - graph.rowStart[i];
      });
      const graphMentor = new Int32Array(graphStart[mentees.length]);
      mentees.forEach((i, p) => {
        graphMentor.set(graph.mentor.subarray(graph.rowStart[i], graph.rowStart[i + 1]), graphStart[p]);
      });
      const priced = await port.priceOut({
        mentees,
        menteePrice: Float64Array.from(mentees, (i) => u[i]),
        mentorPrice: v,
        weightOfScore: weights,
        minScore,
        maxPairsPerMentee: k,
        graphStart,
        graphMentor,
      });
      rescored += mentees.length;
      priced.nextBest.forEach((best, p) => {
        nextBest[mentees[p]] = best;
        reserve.count[mentees[p]] = 0; // the rescore covered every pair outside the graph
      });
      report("pricing", 1);
      added += priced.pairMentor.length;
      if (priced.pairMentor.length > 0) {
        const pairMentee = Int32Array.from(priced.pairPosition, (p) => mentees[p]);
        graph = addPairs(graph, pairMentee, priced.pairMentor, priced.pairScore);
      }
    }
    if (added === 0) return done(true);
    result = solve(previous);
  }
  return done(false);

  function done(optimal: boolean): CertifiedSolution {
    return {
      graph,
      result,
      optimal,
      gap: optimal ? 0 : gapOf(graph, result, weights, boundOutside(nextBest, reserve, reserveSize)),
      rounds,
      certifiedAtOnce: Math.max(0, certifiedAtOnce),
      rescored,
      allowedPairs,
    };
  }
}
