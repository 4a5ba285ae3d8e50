import { IndexedHeap } from "./indexed-heap.ts";
import { addEdge, type MatchingState, removeEdge } from "./matching-state.ts";

/**
 * One primal-dual step of the Hungarian method with capacities, as a Dijkstra on reduced costs.
 *
 * Nodes: mentors are 0..m-1, mentees m..m+n-1. From the root mentee (below capacity, u > 0) the
 * search follows unmatched allowed edges i -> j at reduced cost u_i + v_j - w_ij >= 0 and matched
 * edges j -> k at w_kj - u_k - v_j >= 0. It stops at the smallest of two events:
 *   (a) a mentor j with room is reached at distance d_j: augment the alternating path to j;
 *   (b) a mentee k would see its price fall to 0 at d_k + u_k: augment the path to k, which drops
 *       one of k's pairs (k = root: nothing to augment, the root's price is now 0 and it is done).
 * Then the prices of the nodes settled before the event move by (event - d): u -= , v += . This
 * keeps every invariant: prices >= 0, u_i + v_j >= w_ij off the matching, <= on it, v_j > 0 only on
 * full mentors; the root gains a pair or reaches price 0. Only settled nodes are touched, so a search
 * costs what it explores, not the graph size.
 */
export class AugmentingSearch {
  private readonly distance: Float64Array;
  private readonly predecessorEdge: Int32Array;
  private readonly settled: Uint8Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap: IndexedHeap;
  /** Nodes settled by the last search (a measure of work). */
  settledTotal = 0;
  touchedTotal = 0;

  constructor(private readonly state: MatchingState) {
    const nodeCount = state.menteeCount + state.mentorCount;
    this.distance = new Float64Array(nodeCount).fill(Number.POSITIVE_INFINITY);
    this.predecessorEdge = new Int32Array(nodeCount);
    this.settled = new Uint8Array(nodeCount);
    this.touched = new Int32Array(nodeCount);
    this.heap = new IndexedHeap(nodeCount, this.distance);
  }

  /**
   * Runs one search from mentee `root` and applies it (price update, then augmentation).
   * Example: root 0 alone with a free mentor at reduced cost 0 -> the pair is added, prices unchanged.
   */
  run(root: number): void {
    const s = this.state;
    const m = s.mentorCount;
    const { distance, predecessorEdge, settled, touched, heap } = this;
    const { rowStart, edgeMentor, edgeMentee, weight, allowed, chosen, menteePrice: u, mentorPrice: v } = s;
    const { mentorDegree, mentorRoom, mentorSlotStart, mentorSlots } = s;
    let count = 0;
    const rootNode = m + root;
    distance[rootNode] = 0;
    touched[count++] = rootNode;
    heap.push(rootNode);
    let best = u[root];
    let bestNode = rootNode;
    while (heap.length > 0) {
      const node = heap.peek();
      const d = distance[node];
      if (d >= best) break;
      heap.pop();
      settled[node] = 1;
      if (node < m) {
        const vj = v[node];
        const end = mentorSlotStart[node] + mentorDegree[node];
        for (let at = mentorSlotStart[node]; at < end; at++) {
          const e = mentorSlots[at];
          const k = edgeMentee[e];
          const next = m + k;
          if (settled[next]) continue;
          const nd = d + (weight[e] - u[k] - vj);
          const old = distance[next];
          // Nodes at or beyond the best event found so far can never be settled: skip them.
          if (nd < old && nd < best) {
            distance[next] = nd;
            predecessorEdge[next] = e;
            if (old === Number.POSITIVE_INFINITY) {
              touched[count++] = next;
              heap.push(next);
            } else heap.decrease(next);
          }
        }
      } else {
        const i = node - m;
        const ui = u[i];
        if (d + ui < best) {
          best = d + ui;
          bestNode = node;
        }
        const base = d + ui;
        for (let e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
          if (allowed[e] === 0 || chosen[e] === 1) continue;
          const j = edgeMentor[e];
          if (settled[j]) continue;
          const nd = base + v[j] - weight[e];
          const old = distance[j];
          if (nd < old && nd < best) {
            distance[j] = nd;
            predecessorEdge[j] = e;
            if (mentorDegree[j] < mentorRoom[j]) {
              // A mentor with room ends the search; it need not be expanded.
              if (old === Number.POSITIVE_INFINITY) touched[count++] = j;
              if (nd < best) {
                best = nd;
                bestNode = j;
              }
            } else if (old === Number.POSITIVE_INFINITY) {
              touched[count++] = j;
              heap.push(j);
            } else heap.decrease(j);
          }
        }
      }
    }
    heap.clear();
    let settledCount = 0;
    for (let t = 0; t < count; t++) {
      const node = touched[t];
      if (settled[node]) {
        settledCount++;
        const shift = best - distance[node];
        if (node < m) v[node] += shift;
        else u[node - m] -= shift;
        settled[node] = 0;
      }
    }
    this.settledTotal += settledCount;
    if (bestNode !== rootNode) this.augment(bestNode, rootNode);
    for (let t = 0; t < count; t++) distance[touched[t]] = Number.POSITIVE_INFINITY;
    this.touchedCount = count;
    this.touchedTotal += count;
  }

  /** Flips the alternating path ending at `end` (a mentor with room, or a mentee giving up a pair). */
  private augment(end: number, rootNode: number): void {
    const s = this.state;
    const m = s.mentorCount;
    const pred = this.predecessorEdge;
    let mentorNode: number;
    if (end >= m) {
      const dropped = pred[end];
      mentorNode = s.edgeMentor[dropped];
      removeEdge(s, dropped);
    } else mentorNode = end;
    for (;;) {
      const e = pred[mentorNode];
      const menteeNode = m + s.edgeMentee[e];
      if (menteeNode === rootNode) {
        addEdge(s, e);
        return;
      }
      const dropped = pred[menteeNode];
      removeEdge(s, dropped);
      addEdge(s, e);
      mentorNode = s.edgeMentor[dropped];
    }
  }

  /** Size of the last search's touched set. */
  get lastTouched(): number {
    return this.touchedCount;
  }
}
