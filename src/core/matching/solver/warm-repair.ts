import { addEdge, type MatchingState, removeEdge } from "./matching-state.ts";

/**
 * Warm start that keeps the previous matching: loads earlier prices and pairs into an empty state
 * (rows/columns in the state's orientation), then restores the invariants of the primal-dual method
 * locally, so that the augmenting searches run only from the rows this repair leaves deficient.
 *
 * Invariants the searches need (and preserve, see AugmentingSearch), for the allowed edges:
 *   (I1) u, v >= 0;  (I2) u_i + v_j >= w_ij off the matching;  (I3) u_i + v_j <= w_ij on it;
 *   (I4) v_j > 0 only if column j is full;  (I5) degrees within capacities.
 * When no row has room with u_i > 0, (I1)-(I5) are exactly primal feasibility, dual feasibility
 * and complementary slackness of the b-matching LP, so the matching is optimal and (u, v) certify it.
 *
 * Repair (steps 1-3 here, step 4 in solveMatching), with proof that (I1)-(I5) hold at the end:
 *   1. u, v := max(0, given) (NaN -> 0): (I1).
 *   2. Each previous pair found in the graph, allowed, with room on both ends is added: (I5).
 *   3. Each row i: u_i := max(u_i, max over its off-matching edges of w_ij - v_j). Raising u_i only
 *      helps (I2); it makes (I2) hold for every edge of row i, in particular every newly added edge
 *      with w_ij > u_i + v_j (the only ones that can violate it when the input was an optimum of a
 *      subgraph). Then each matched edge of row i with u_i + v_j > w_ij leaves the matching: it is now
 *      off the matching with u_i + v_j > w_ij, so (I2) holds for it and (I3) for the rest. Row i may
 *      now have room with u_i > 0: it becomes a root for the searches (allowed mid-run).
 *   4. A column j that lost a pair may break (I4) with v_j > 0. The row searches come first: their
 *      proof uses (I1)-(I3) and (I5) only, they never raise the price of a column with room (such a
 *      column ends a search, it is never settled), and they often refill j (the freed row's old
 *      mentor is near it). Then solveMatching runs a ColumnSearch from each column still with room
 *      and v_j > 0 (the mirror of AugmentingSearch, a Dijkstra on the same reduced costs): it lowers
 *      the prices of the columns it settles, raises those of the full rows it settles, and either
 *      gives j a pair along a tight alternating path (ending at a row with room, which gains a
 *      pair) or brings v_j to 0; the one other column it may leave with new room ends at price 0.
 *      It keeps (I1)-(I3) and (I5) by the row searches' argument and creates no row with room and
 *      u_i > 0, so after one pass over the columns (I1)-(I5) hold with no search left to run.
 * Only rows whose prices had to rise lose pairs, and the column searches move pairs only along
 * shortest alternating paths; every other assignment is kept. Each later search
 * starts from a row with room and u_i > 0 and, by (I1)-(I5), is a valid primal-dual step, so the
 * result is optimal and its certificate valid, exactly as after a cold start.
 *
 * Example: previous optimum u = [9000, 0], v = [0], pair 0-0; a new edge 1-0 of weight 9500 has
 * 9500 > u_1 + v_0: u_1 rises to 9500, row 1 (no pairs) is a root, the search takes mentor 0 from
 * row 0 (whose u then falls to 0).
 */
export function warmRepair(
  s: MatchingState,
  rowPrice: Float64Array,
  columnPrice: Float64Array,
  pairRow: Int32Array,
  pairColumn: Int32Array,
): void {
  const { rowStart, edgeMentor, allowed, chosen, menteePrice: u, mentorPrice: v } = s;
  for (let i = 0; i < s.menteeCount; i++) u[i] = rowPrice[i] > 0 ? rowPrice[i] : 0;
  for (let j = 0; j < s.mentorCount; j++) v[j] = columnPrice[j] > 0 ? columnPrice[j] : 0;
  for (let p = 0; p < pairRow.length; p++) {
    const i = pairRow[p];
    const j = pairColumn[p];
    if (!(i >= 0 && i < s.menteeCount && j >= 0 && j < s.mentorCount)) continue;
    if (s.menteeDegree[i] >= s.menteeRoom[i] || s.mentorDegree[j] >= s.mentorRoom[j]) continue;
    for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
      if (edgeMentor[e] !== j) continue;
      if (allowed[e] === 1 && chosen[e] === 0) addEdge(s, e);
      break;
    }
  }
  restoreInvariants(s);
}

/**
 * Step 3 of warmRepair on a state holding any matching within capacities and prices >= 0:
 * afterwards (I1)-(I3) and (I5) hold, keeping every pair that does not have to go; solveMatching
 * restores (I4) after the row searches (step 4).
 */
export function restoreInvariants(s: MatchingState): void {
  const { rowStart, edgeMentor, weight, allowed, chosen, menteePrice: u, mentorPrice: v } = s;
  for (let i = 0; i < s.menteeCount; i++) {
    let need = u[i];
    for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
      if (allowed[e] === 1 && chosen[e] === 0) {
        const r = weight[e] - v[edgeMentor[e]];
        if (r > need) need = r;
      }
    }
    u[i] = need;
    const first = s.menteeSlotStart[i];
    for (let slot = first + s.menteeDegree[i] - 1; slot >= first; slot--) {
      const f = s.menteeSlots[slot];
      if (need + v[edgeMentor[f]] > weight[f]) removeEdge(s, f);
    }
  }
}
