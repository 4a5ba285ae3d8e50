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
