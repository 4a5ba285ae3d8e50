import { coldStart, greedyTopEdges } from "./initial-prices.ts";
import { addEdge, type MatchingState, removeEdge } from "./matching-state.ts";
import { restoreInvariants } from "./warm-repair.ts";

/**
 * Cold start by a bounded auction (Bertsekas, with epsilon = 0 and capacities as priced copies),
 * then the invariant repair of warmRepair, so the Dijkstra searches only finish what is left.
 *
 * Rows of room 1 bid in FIFO order (index order first). A row's reduced value for column j is
 * w_ij - entry_j, where entry_j is 0 while j has room and otherwise the lowest price among the
 * copies (slots) j holds. With best r1 at j1 and second best r2 (at least 0), the row takes a copy
 * of j1 at price entry + (r1 - r2) = w_ij1 - r2, evicting the holder of the lowest-priced copy when
 * j1 is full (the evicted row bids again later), and its price is u_i = r2. Entry prices never fall,
 * so each row's u_i >= w_il - v_l stays true for its other edges; its pair is tight at its copy's
 * price and has slack at the column price v_j = the lowest copy price; v_j = 0 while j has room.
 * So (I1)-(I5) of warmRepair already hold; restoreInvariants re-checks (I1)-(I3) anyway (the start is a
 * heuristic, the repair makes it safe). Bids stop after BID_ROUNDS x rows (epsilon = 0 may trade
 * ties for ever), or earlier when a window of n/4 bids frees under 2% of the free rows; rows still free get u_i = max(0, max_j w_ij - v_j) and are left to the searches.
 *
 * Rows of room > 1 then take their best edges greedily at these column prices (greedyTopEdges).
 * When fewer than half the rows have room 1 (searching from the mentors' side), the auction would
 * do little: the greedy coldStart is used instead.
 *
 * Example: two rows whose only edges go to column 0 (capacity 1), weights 9000 and 8000 -> row 0
 * takes it at copy price 9000 - 0 (u_0 = 0, v_0 = 9000); row 1's reduced value 8000 - 9000 is
 * negative: it takes nothing, u_1 = 0.
 */
export function auctionStart(s: MatchingState): void {
  const { rowStart, edgeMentor, weight, allowed, menteePrice: u, mentorPrice: v } = s;
  const n = s.menteeCount;
  const copyPrice = new Float64Array(weight.length);
  const queue = new Int32Array(n);
  let head = 0;
  let size = 0;
  let rowsWithRoom = 0;
  for (let i = 0; i < n; i++) {
    if (s.menteeRoom[i] === 1) queue[(head + size++) % n] = i;
    if (s.menteeRoom[i] > 0) rowsWithRoom++;
  }
  if (2 * size < rowsWithRoom) {
    coldStart(s);
    return;
  }
  let bids = BID_ROUNDS * n;
  // entry price of each column: 0 while it has room, else its lowest copy price
  const entry = new Float64Array(s.mentorCount);
  const lowestCopy = (j: number): number => {
    let low = Number.POSITIVE_INFINITY;
    const start = s.mentorSlotStart[j];
    for (let at = start, end = start + s.mentorDegree[j]; at < end; at++) {
      const p = copyPrice[s.mentorSlots[at]];
      if (p < low) low = p;
    }
    return low;
  };
  const window = Math.max(1024, n >> 2);
  let sinceCheck = 0;
  let freeAtCheck = size;
  while (size > 0 && bids-- > 0) {
    // stop when a window of bids freed less than 2% of the free rows (ties traded back and forth)
    if (++sinceCheck === window) {
      if (size > 0.98 * freeAtCheck) break;
      sinceCheck = 0;
      freeAtCheck = size;
    }
    const i = queue[head];
    head = (head + 1) % n;
    size--;
    let r1 = 0;
    let r2 = 0;
    let bestEdge = -1;
    for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
      const j = edgeMentor[e];
      if (allowed[e] === 0 || s.mentorRoom[j] <= 0) continue;
      const r = weight[e] - entry[j];
      if (r > r1) {
        r2 = r1;
        r1 = r;
        bestEdge = e;
      } else if (r > r2) r2 = r;
    }
    if (bestEdge < 0) continue;
    const j = edgeMentor[bestEdge];
    if (s.mentorDegree[j] >= s.mentorRoom[j]) {
      const start = s.mentorSlotStart[j];
      let lowest = s.mentorSlots[start];
      for (let at = start + 1, end = start + s.mentorDegree[j]; at < end; at++) {
        const f = s.mentorSlots[at];
        if (copyPrice[f] < copyPrice[lowest]) lowest = f;
      }
      removeEdge(s, lowest);
      queue[(head + size++) % n] = s.edgeMentee[lowest];
    }
    addEdge(s, bestEdge);
    copyPrice[bestEdge] = weight[bestEdge] - r2;
    if (s.mentorDegree[j] >= s.mentorRoom[j]) entry[j] = lowestCopy(j);
  }
  v.set(entry);
  for (let i = 0; i < n; i++) {
    if (s.menteeDegree[i] === 1 && s.menteeRoom[i] === 1) {
      const e = s.menteeSlots[s.menteeSlotStart[i]];
      u[i] = weight[e] - copyPrice[e];
    } else u[i] = 0;
  }
  for (let i = 0; i < n; i++) if (s.menteeRoom[i] > 1) greedyTopEdges(s, i);
  restoreInvariants(s);
}

/** Bids allowed per row before the auction hands over to the exact searches. */
const BID_ROUNDS = 32;
