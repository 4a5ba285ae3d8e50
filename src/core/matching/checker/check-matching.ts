import type { CandidateGraph, DualPrices, MatchObjective } from "../problem.ts";
import { pairWeight } from "../solver/pair-weight.ts";

/** One named reason why a matching or its certificate is wrong. */
export interface MatchingViolation {
  readonly code:
    | "mentee_over_capacity"
    | "mentor_over_capacity"
    | "pair_not_allowed"
    | "duplicate_pair"
    | "locked_pair_missing"
    | "below_min_score"
    | "negative_price"
    | "dual_infeasible"
    | "mentee_price_not_at_capacity"
    | "mentor_price_not_full"
    | "objective_mismatch";
  readonly message: string;
}

/** Calls visit(mentee, mentor, score) once for every allowed pair of a (possibly much larger) problem. */
export type PairStream = (visit: (mentee: number, mentor: number, score: number) => void) => void;

export interface CheckOptions {
  readonly objective: MatchObjective;
  readonly minScore?: number;
  /** Prices to verify; without them only feasibility is checked. */
  readonly duals?: DualPrices;
  /** Every pair of the full problem; defaults to the pairs of the graph. */
  readonly forEachPair?: PairStream;
}

const MAX_LISTED = 50;

/**
 * Verifies a matching (edge flags over the graph's CSR edges) without trusting the solver:
 * feasibility (capacities, no mentor twice for a mentee, locked pairs present, minScore for pairs
 * that are not locked), and with duals: prices >= 0, w(s_ij) <= u_i + v_j for every allowed pair not
 * chosen (from forEachPair, else the graph; locked pairs are fixed and not priced), u_i > 0 only on
 * mentees at capacity and v_j > 0 only on full mentors, and primal weight = dual objective
 * sum(b'_i u_i) + sum(c'_j v_j) + sum over chosen of max(0, w - u - v), where b', c' are the
 * capacities left after locked pairs. Returns the violations (at most 50); empty means proven optimal.
 *
 * Example: one mentee, mentors scoring 9000 and 5000, mentor 1 chosen, duals u = [5000], v = [0, 0]
 *   -> [{ code: "dual_infeasible", message: "pair (0, 0) weight 9000 > u + v = 5000" }].
 */
export function checkMatching(
  graph: CandidateGraph,
  edgeChosen: Uint8Array,
  options: CheckOptions,
): MatchingViolation[] {
  const out: MatchingViolation[] = [];
  const add = (code: MatchingViolation["code"], message: string) => {
    if (out.length < MAX_LISTED) out.push({ code, message });
  };
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const minScore = options.minScore ?? 0;
  const menteeUsed = new Int32Array(n);
  const mentorUsed = new Int32Array(m);
  const menteeLocked = new Int32Array(n);
  const mentorLocked = new Int32Array(m);
  const seenBy = new Int32Array(m).fill(-1);
  const chosenPairs = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = mentor[e];
      if (locked?.[e]) {
        menteeLocked[i]++;
        mentorLocked[j]++;
        if (!edgeChosen[e]) add("locked_pair_missing", `locked pair (${i}, ${j}) is not in the matching`);
      }
      if (!edgeChosen[e]) continue;
      if (!(j >= 0 && j < m)) {
        add("pair_not_allowed", `edge ${e} names mentor ${j}`);
        continue;
      }
      if (seenBy[j] === i) add("duplicate_pair", `pair (${i}, ${j}) is chosen twice`);
      seenBy[j] = i;
      chosenPairs.set(i * m + j, e);
      menteeUsed[i]++;
      mentorUsed[j]++;
      if (!locked?.[e] && score[e] < minScore) {
        add("below_min_score", `pair (${i}, ${j}) scores ${score[e]} < minScore ${minScore}`);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (menteeUsed[i] > graph.menteeCapacity[i]) {
      add(
        "mentee_over_capacity",
        `mentee ${i} has ${menteeUsed[i]} mentors, capacity ${graph.menteeCapacity[i]}`,
      );
    }
  }
  for (let j = 0; j < m; j++) {
    if (mentorUsed[j] > graph.mentorCapacity[j]) {
      add(
        "mentor_over_capacity",
        `mentor ${j} has ${mentorUsed[j]} mentees, capacity ${graph.mentorCapacity[j]}`,
      );
    }
  }
  const duals = options.duals;
  if (!duals) return out;
  checkCertificate(
    graph,
    edgeChosen,
    options,
    duals,
    { menteeUsed, mentorUsed, menteeLocked, mentorLocked, chosenPairs },
    add,
  );
  return out;
}

interface Usage {
  readonly menteeUsed: Int32Array;
  readonly mentorUsed: Int32Array;
  readonly menteeLocked: Int32Array;
  readonly mentorLocked: Int32Array;
  readonly chosenPairs: Map<number, number>;
}

function checkCertificate(
  graph: CandidateGraph,
  edgeChosen: Uint8Array,
  options: CheckOptions,
  duals: DualPrices,
  usage: Usage,
  add: (code: MatchingViolation["code"], message: string) => void,
): void {
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const { menteePrice: u, mentorPrice: v, participationBonus: bonus } = duals;
  const objective = options.objective;
  if (duals.objective !== objective) add("objective_mismatch", `duals are for "${duals.objective}"`);
  if (u.length !== n || v.length !== m) {
    add("objective_mismatch", "price arrays do not match the mentee and mentor counts");
    return;
  }
  let dual = 0;
  let primal = 0;
  for (let i = 0; i < n; i++) {
    const room = graph.menteeCapacity[i] - usage.menteeLocked[i];
    if (!(u[i] >= 0)) add("negative_price", `mentee ${i} has price ${u[i]}`);
    if (u[i] > 0 && usage.menteeUsed[i] < graph.menteeCapacity[i]) {
      add("mentee_price_not_at_capacity", `mentee ${i} has price ${u[i]} but is below capacity`);
    }
    dual += room * u[i];
  }
  for (let j = 0; j < m; j++) {
    const room = graph.mentorCapacity[j] - usage.mentorLocked[j];
    if (!(v[j] >= 0)) add("negative_price", `mentor ${j} has price ${v[j]}`);
    if (v[j] > 0 && usage.mentorUsed[j] < graph.mentorCapacity[j]) {
      add("mentor_price_not_full", `mentor ${j} has price ${v[j]} but is not full`);
    }
    dual += room * v[j];
  }
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      if (!edgeChosen[e] || locked?.[e]) continue;
      const w = pairWeight(score[e], objective, bonus);
      primal += w;
      dual += Math.max(0, w - u[i] - v[mentor[e]]);
    }
  }
  if (primal !== dual)
    add("objective_mismatch", `primal weight ${primal} differs from dual objective ${dual}`);
  const minScore = options.minScore ?? 0;
  const visit = (i: number, j: number, s: number) => {
    if (s < minScore) return;
    const w = pairWeight(s, objective, bonus);
    if (w <= u[i] + v[j]) return;
    const e = usage.chosenPairs.get(i * m + j);
    if (e !== undefined) return;
    add("dual_infeasible", `pair (${i}, ${j}) weight ${w} > u + v = ${u[i] + v[j]}`);
  };
  if (options.forEachPair) options.forEachPair(visit);
  else {
    for (let i = 0; i < n; i++) {
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) if (!locked?.[e]) visit(i, mentor[e], score[e]);
    }
  }
}
