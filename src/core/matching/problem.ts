/**
 * The shared shape of a matching problem, as the exact solver sees it.
 *
 * Mentees and mentors are dense indices (0..menteeCount-1, 0..mentorCount-1); the caller keeps
 * the mapping to real ids. Allowed pairs form a sparse bipartite graph in CSR layout grouped by
 * mentee, so a 50,000 x 10,000 programme with 100 candidates per mentee is 5,000,000 edges in
 * three typed arrays rather than 500,000,000 cells of a matrix. Capacities are native (a mentor
 * of capacity 10 is one node, never ten copies).
 *
 * Example: two mentees, one mentor of capacity 2, both pairs allowed.
 *   menteeCapacity = [1, 1], mentorCapacity = [2]
 *   rowStart = [0, 1, 2], mentor = [0, 0], score = [8400, 7000]
 */
export interface CandidateGraph {
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** b_i: how many mentors mentee i may take (normally 1). */
  readonly menteeCapacity: Int32Array;
  /** c_j: how many mentees mentor j may still take (existing matches already subtracted). */
  readonly mentorCapacity: Int32Array;
  /** Length menteeCount + 1; the edges of mentee i are rowStart[i] .. rowStart[i+1]-1. */
  readonly rowStart: Int32Array;
  /** Mentor index of each edge. Within one mentee, each mentor appears at most once. */
  readonly mentor: Int32Array;
  /** Integer score 0..10,000 of each edge. */
  readonly score: Int32Array;
  /** Optional: 1 where the edge is a locked pair that must be part of the result. */
  readonly locked?: Uint8Array;
}

/**
 * participation: most people matched first, then the best total score (lexicographic).
 * score: the best total score, even if fewer people are matched.
 */
export type MatchObjective = "participation" | "score";

/** The largest score a pair can have. */
export const MAX_PAIR_SCORE = 10_000;

/**
 * The certificate of optimality returned by the solver (LP duals of the b-matching).
 *
 * For every allowed pair (i, j) that is not chosen: pairWeight(s_ij) <= menteePrice[i] + mentorPrice[j].
 * For every chosen pair the edge slack z_ij = w_ij - u_i - v_j is >= 0 (it is needed only when both
 * b_i > 1 and c_j > 1, since a pair can be chosen at most once; otherwise it is 0: the pair is tight).
 * Complementary slackness: u_i > 0 only if mentee i is at capacity, v_j > 0 only if mentor j is full.
 * Then sum(b_i u_i) + sum(c_j v_j) + sum(z_ij) equals the total weight of the chosen pairs, which proves
 * no allowed matching does better. Locked pairs are fixed beforehand: capacities in these sums are the
 * capacities left after the locked pairs, and locked pairs are neither priced nor summed.
 *
 * Example (score objective): mentee 0 scores mentor 0 at 8400 and mentor 1 at 7000, both mentors of
 * capacity 1, one mentee: u = [8400], v = [0, 0]; the chosen pair (0, 0) is tight.
 */
export interface DualPrices {
  readonly objective: MatchObjective;
  /** P added to every score under "participation" (0 under "score"); see pairWeight. */
  readonly participationBonus: number;
  /** u_i >= 0, in weight units (score, or P + score). */
  readonly menteePrice: Float64Array;
  /** v_j >= 0, in weight units. */
  readonly mentorPrice: Float64Array;
}

/** What solveMatching returns. Edge indices refer to the CandidateGraph's CSR edge order. */
export interface MatchingResult {
  /** 1 where the edge is part of the matching (locked pairs included). */
  readonly edgeChosen: Uint8Array;
  /** The chosen edge indices, ascending. */
  readonly chosenEdges: Int32Array;
  /** Number of chosen pairs, locked pairs included. */
  readonly matchedCount: number;
  /** Sum of the scores (not weights) of the chosen pairs, locked pairs included. */
  readonly totalScore: number;
  readonly duals: DualPrices;
  /** True when the certificate proves optimality (the solver ran to completion). */
  readonly optimal: boolean;
  /** When stopped early: dual bound minus primal weight (weight units), an upper bound on what is lost. */
  readonly gap?: number;
}

/**
 * The matching of an earlier solve, as (mentee, mentor) pairs (edge indices shift when pairs are
 * added to a graph, pairs do not). Passed with that solve's prices, it lets a re-solve keep every
 * assignment that stays optimal-compatible and search only from the nodes a repair freed.
 *
 * Example: pairs 0-3 and 1-0 -> { mentee: Int32Array.of(0, 1), mentor: Int32Array.of(3, 0) }.
 */
export interface WarmMatching {
  readonly mentee: Int32Array;
  readonly mentor: Int32Array;
}
