/**
 * Pricing out: rescoring mentees whose certificate is not yet proven against every mentor, and
 * collecting each pair that the current prices do not cover (weight(s_ij) > u_i + v_j): exactly
 * the pairs that could improve the matching, as in column generation.
 */
import type { PreparedProgramme } from "../scoring/prepared.ts";
import { createRowScratch, EXCLUDED, minRawFor, rawToScore, scoreMenteeRow } from "../scoring/row-kernel.ts";

export interface PriceOutRequest {
  /** Mentee indices to rescore. */
  readonly mentees: Int32Array;
  /** u_i of each listed mentee (same order). */
  readonly menteePrice: Float64Array;
  /** v_j of every mentor. */
  readonly mentorPrice: Float64Array;
  /** weightOfScore[s] = pairWeight(s): the solver's weight of a pair scoring s (0..10,000). */
  readonly weightOfScore: Float64Array;
  readonly minScore: number;
  /** At most this many pairs added per mentee per round: those that violate the prices most (partial pricing). */
  readonly maxPairsPerMentee: number;
  /** Mentors already in the graph for each listed mentee: CSR over the listed order. */
  readonly graphStart: Int32Array;
  readonly graphMentor: Int32Array;
}

export interface PriceOutResult {
  /** Pairs to add (position in the request's mentee list, mentor, score). */
  readonly pairPosition: Int32Array;
  readonly pairMentor: Int32Array;
  readonly pairScore: Int32Array;
  /** Per listed mentee: best score among allowed pairs still outside the graph (-1: none). */
  readonly nextBest: Int32Array;
}

/** Numerical slack for comparing float prices (prices of integer weights are integers). */
const EPSILON = 1e-7;

/**
 * Rescores the listed mentees against all mentors and returns the allowed pairs not in the graph
 * with weightOfScore[s] > u_i + v_j (at most maxPairsPerMentee per mentee, the most violating),
 * plus the new next-best score of each listed mentee among the pairs left out.
 *
 * Example: a mentee with u = 8000 whose third-best mentor (v = 0, not in the graph) scores 8200
 *   under the "score" objective: the pair is returned, since 8200 > 8000 + 0.
 */
export function priceOutMentees(prepared: PreparedProgramme, request: PriceOutRequest): PriceOutResult {
  const m = prepared.mentorIds.length;
  const row = new Int32Array(m);
  const inGraph = new Uint8Array(m);
  const scratch = createRowScratch(prepared);
  const minRaw = minRawFor(request.minScore, prepared.weightSum);
  const positions: number[] = [];
  const mentors: number[] = [];
  const scores: number[] = [];
  const nextBest = new Int32Array(request.mentees.length).fill(-1);
  const { mentorPrice, weightOfScore, graphStart, graphMentor } = request;
  const limit = Math.max(1, request.maxPairsPerMentee);
  const keptViolation = new Float64Array(limit);
  const keptMentor = new Int32Array(limit);
  const keptScore = new Int32Array(limit);
  request.mentees.forEach((i, position) => {
    scoreMenteeRow(prepared, i, row, scratch);
    for (let e = graphStart[position]; e < graphStart[position + 1]; e++) inGraph[graphMentor[e]] = 1;
    const u = request.menteePrice[position];
    let best = -1;
    // candidates: violating pairs, kept as a bounded list ordered by violation (most first)
    let kept = 0;
    for (let j = 0; j < m; j++) {
      const raw = row[j];
      if (raw >= EXCLUDED || raw < minRaw || inGraph[j]) continue;
      const score = rawToScore(raw, prepared.weightSum);
      const violation = weightOfScore[score] - u - mentorPrice[j];
      if (violation <= EPSILON) {
        if (score > best) best = score;
        continue;
      }
      // insertion into the top list; whatever falls off still bounds the next best
      let at = kept < limit ? kept++ : limit;
      if (at === limit) {
        if (violation <= keptViolation[limit - 1]) {
          if (score > best) best = score;
          continue;
        }
        if (keptScore[limit - 1] > best) best = keptScore[limit - 1];
        at = limit - 1;
      }
      while (at > 0 && keptViolation[at - 1] < violation) {
        keptViolation[at] = keptViolation[at - 1];
        keptMentor[at] = keptMentor[at - 1];
        keptScore[at] = keptScore[at - 1];
        at--;
      }
      keptViolation[at] = violation;
      keptMentor[at] = j;
      keptScore[at] = score;
    }
    for (let x = 0; x < kept; x++) {
      positions.push(position);
      mentors.push(keptMentor[x]);
      scores.push(keptScore[x]);
    }
    nextBest[position] = best;
    for (let e = graphStart[position]; e < graphStart[position + 1]; e++) inGraph[graphMentor[e]] = 0;
  });
  return {
    pairPosition: Int32Array.from(positions),
    pairMentor: Int32Array.from(mentors),
    pairScore: Int32Array.from(scores),
    nextBest,
  };
}
