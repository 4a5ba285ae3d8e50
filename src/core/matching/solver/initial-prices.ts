import { addEdge, type MatchingState, removeEdge } from "./matching-state.ts";

function greedyOnTightEdges(s: MatchingState): void {
  const { rowStart, edgeMentor, weight, allowed, menteePrice: u, mentorPrice: v } = s;
  for (let i = 0; i < s.menteeCount; i++) {
    if (s.menteeRoom[i] > 1) {
      greedyTopEdges(s, i);
      continue;
    }
    for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
      if (s.menteeDegree[i] >= s.menteeRoom[i]) break;
      const j = edgeMentor[e];
      if (allowed[e] === 1 && u[i] + v[j] === weight[e] && s.mentorDegree[j] < s.mentorRoom[j]) addEdge(s, e);
    }
  }
}

/**
 * For a row with room > 1: take its edges in descending reduced weight w - v while the other end has
 * room; stop at the first edge whose other end is full (price u_i = its reduced weight, still taking
 * ties) or when the row is full (u_i = the next reduced weight, or 0). Taken edges then satisfy
 * u_i + v_j <= w_ij and the others u_i + v_j >= w_ij.
 */
export function greedyTopEdges(s: MatchingState, i: number): void {
  const { rowStart, edgeMentor, weight, allowed, menteePrice: u, mentorPrice: v } = s;
  const order: number[] = [];
  for (let e = rowStart[i]; e < rowStart[i + 1]; e++) if (allowed[e] === 1) order.push(e);
  const gain = (e: number) => weight[e] - v[edgeMentor[e]];
  order.sort((a, b) => gain(b) - gain(a) || a - b);
  let blocked = false;
  let blockedAt = 0;
  let price = 0;
  for (const e of order) {
    const g = gain(e);
    if (g <= 0) break;
    if (s.menteeDegree[i] >= s.menteeRoom[i]) {
      price = blocked ? blockedAt : g;
      break;
    }
    if (blocked && g < blockedAt) break;
    const j = edgeMentor[e];
    if (s.mentorDegree[j] < s.mentorRoom[j]) addEdge(s, e);
    else if (!blocked) {
      blocked = true;
      blockedAt = g;
      price = g;
    }
  }
  u[i] = price;
}

function setMenteePricesFromMentorPrices(s: MatchingState): void {
  const { rowStart, edgeMentor, weight, allowed, menteePrice: u, mentorPrice: v } = s;
  for (let i = 0; i < s.menteeCount; i++) {
    let best = 0;
    for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
      if (allowed[e] === 1 && weight[e] - v[edgeMentor[e]] > best) best = weight[e] - v[edgeMentor[e]];
    }
    u[i] = best;
  }
}

/**
 * Greedy cold start (auctionStart uses it when most rows have room > 1): v = 0, u_i = the best
 * weight of mentee i, then each mentee (in index order) takes
 * its tight edges while the mentor has room. Feasible duals, and most mentees start matched.
 *
 * Example: mentees 0 and 1 both score mentor 0 highest (capacity 1) -> mentee 0 takes it, mentee 1
 * stays below capacity with u_1 > 0 and is left to the augmenting searches.
 */
export function coldStart(s: MatchingState): void {
  s.mentorPrice.fill(0);
  setMenteePricesFromMentorPrices(s);
  greedyOnTightEdges(s);
}

/**
 * Warm start from the mentor prices of an earlier solve (for example before pairs were added to the
 * graph): u_i = max(0, max_j w_ij - v_j), greedy on tight edges, then every mentor left with room but
 * a positive price is repaired: its price falls to the least value that keeps its edges feasible, and
 * if that is still positive it falls to 0, raising the prices of the mentees that then violate an
 * edge and unmatching their pairs that stop being feasible (which may cascade to other mentors, each
 * repaired at most once per cascade step). All invariants then hold and the searches finish the job.
 *
 * Example: previous v = [300, 0]; if mentor 0 ends the greedy pass full, nothing needs repair.
 */
export function warmStart(s: MatchingState, columnPrices: Float64Array): void {
  s.mentorPrice.set(columnPrices);
  for (let j = 0; j < s.mentorCount; j++) if (!(s.mentorPrice[j] > 0)) s.mentorPrice[j] = 0;
  setMenteePricesFromMentorPrices(s);
  greedyOnTightEdges(s);
  repairMentorsWithRoom(s);
}

function mentorEdges(s: MatchingState): { start: Int32Array; edges: Int32Array } {
  const m = s.mentorCount;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < s.edgeMentor.length; e++) start[s.edgeMentor[e] + 1]++;
  for (let j = 0; j < m; j++) start[j + 1] += start[j];
  const fill = start.slice(0, m);
  const edges = new Int32Array(s.edgeMentor.length);
  for (let e = 0; e < s.edgeMentor.length; e++) edges[fill[s.edgeMentor[e]]++] = e;
  return { start, edges };
}

/** Restores (I4) (see warmRepair): every column with room and a positive price is repaired, cascading. */
export function repairMentorsWithRoom(s: MatchingState): void {
  const { weight, allowed, chosen, edgeMentee, edgeMentor, menteePrice: u, mentorPrice: v } = s;
  const queue: number[] = [];
  for (let j = 0; j < s.mentorCount; j++) if (v[j] > 0 && s.mentorDegree[j] < s.mentorRoom[j]) queue.push(j);
  if (queue.length === 0) return;
  const { start, edges } = mentorEdges(s);
  while (queue.length > 0) {
    const j = queue.pop()!;
    if (!(v[j] > 0) || s.mentorDegree[j] >= s.mentorRoom[j]) continue;
    let needed = 0;
    for (let at = start[j]; at < start[j + 1]; at++) {
      const e = edges[at];
      if (allowed[e] === 1 && chosen[e] === 0) needed = Math.max(needed, weight[e] - u[edgeMentee[e]]);
    }
    v[j] = Math.min(v[j], needed);
    if (v[j] === 0) continue;
    v[j] = 0;
    for (let at = start[j]; at < start[j + 1]; at++) {
      const e = edges[at];
      const i = edgeMentee[e];
      if (allowed[e] === 0 || chosen[e] === 1 || u[i] >= weight[e]) continue;
      u[i] = weight[e];
      for (let slot = s.menteeSlotStart[i] + s.menteeDegree[i] - 1; slot >= s.menteeSlotStart[i]; slot--) {
        const f = s.menteeSlots[slot];
        const k = edgeMentor[f];
        if (u[i] + v[k] > weight[f]) {
          removeEdge(s, f);
          if (v[k] > 0) queue.push(k);
        }
      }
    }
  }
}
