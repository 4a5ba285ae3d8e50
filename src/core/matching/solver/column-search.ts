import { IndexedHeap } from "./indexed-heap.ts";
import { addEdge, type MatchingState, removeEdge } from "./matching-state.ts";

/**
 * The mirror of AugmentingSearch, rooted at a column (mentor side of the state) that has room but a
 * positive price v_r, which complementary slackness forbids. A Dijkstra on reduced costs from r:
 * column c -> row l over an unmatched allowed edge at u_l + v_c - w_lc >= 0, full row l -> column k
 * over its matched edge at w_lk - u_l - v_k >= 0. It stops at the smallest of two events:
 *   (a) a row with room is reached at distance d: augment the alternating path, r gains a pair;
 *   (b) a column c would see its price fall to 0 at d_c + v_c: augment the path to c, which gives
 *       up the matched edge it was reached by (c = r: nothing to augment, v_r is now 0).
 * Then settled columns' prices fall by (event - d) and settled rows' prices rise by (event - d).
 * For an edge with both ends settled the reduced cost changes by the difference of the distances,
 * which the Dijkstra order keeps >= 0; with one end settled the change has the helpful sign or is
 * bounded by the unsettled end's distance >= event; prices stay >= 0 because event <= d_c + v_c;
 * the augmented path is tight. So (I1)-(I5) of warmRepair hold after each search, v only falls,
 * and the only column that loses a pair is the event (b) one, whose price is then 0: no column
 * with room keeps a positive price it did not have before, and r gains a pair or reaches v_r = 0.
 * Rows reached with room gain a pair and keep their price (their room is the searches' business).
 */
export class ColumnSearch {
  private readonly distance: Float64Array;
  private readonly predecessorEdge: Int32Array;
  private readonly settled: Uint8Array;
  private readonly touched: Int32Array;
  private readonly heap: IndexedHeap;
  private readonly columnStart: Int32Array;
  private readonly columnEdges: Int32Array;

  constructor(private readonly state: MatchingState) {
    const m = state.mentorCount;
    const nodeCount = state.menteeCount + m;
    this.distance = new Float64Array(nodeCount).fill(Number.POSITIVE_INFINITY);
    this.predecessorEdge = new Int32Array(nodeCount);
    this.settled = new Uint8Array(nodeCount);
    this.touched = new Int32Array(nodeCount);
    this.heap = new IndexedHeap(nodeCount, this.distance);
    const edgeCount = state.edgeMentor.length;
    const start = new Int32Array(m + 1);
    for (let e = 0; e < edgeCount; e++) start[state.edgeMentor[e] + 1]++;
    for (let j = 0; j < m; j++) start[j + 1] += start[j];
    const fill = start.slice(0, m);
    const edges = new Int32Array(edgeCount);
    for (let e = 0; e < edgeCount; e++) edges[fill[state.edgeMentor[e]]++] = e;
    this.columnStart = start;
    this.columnEdges = edges;
  }

  /** Repairs every column with room and a positive price (see the class comment). */
  repairAll(): void {
    const s = this.state;
    for (let j = 0; j < s.mentorCount; j++) {
      while (s.mentorDegree[j] < s.mentorRoom[j] && s.mentorPrice[j] > 0) this.run(j);
    }
  }

  /** One search from column `root` (room, v > 0), applied. */
  run(root: number): void {
    const s = this.state;
    const m = s.mentorCount;
    const { distance, predecessorEdge, settled, touched, heap, columnStart, columnEdges } = this;
    const { edgeMentor, edgeMentee, weight, allowed, chosen, menteePrice: u, mentorPrice: v } = s;
    const { menteeDegree, menteeRoom, menteeSlotStart, menteeSlots } = s;
    let count = 0;
    distance[root] = 0;
    touched[count++] = root;
    heap.push(root);
    let best = v[root];
    let bestNode = root;
    while (heap.length > 0) {
      const node = heap.peek();
      const d = distance[node];
      if (d >= best) break;
      heap.pop();
      settled[node] = 1;
      if (node < m) {
        const vc = v[node];
        if (d + vc < best) {
          best = d + vc;
          bestNode = node;
        }
        for (let at = columnStart[node], end = columnStart[node + 1]; at < end; at++) {
          const e = columnEdges[at];
          if (allowed[e] === 0 || chosen[e] === 1) continue;
          const l = edgeMentee[e];
          const next = m + l;
          if (settled[next]) continue;
          const nd = d + u[l] + vc - weight[e];
          const old = distance[next];
          if (nd < old && nd < best) {
            distance[next] = nd;
            predecessorEdge[next] = e;
            if (menteeDegree[l] < menteeRoom[l]) {
              if (old === Number.POSITIVE_INFINITY) touched[count++] = next;
              best = nd;
              bestNode = next;
            } else if (old === Number.POSITIVE_INFINITY) {
              touched[count++] = next;
              heap.push(next);
            } else heap.decrease(next);
          }
        }
      } else {
        const l = node - m;
        const ul = u[l];
        const first = menteeSlotStart[l];
        for (let slot = first, end = first + menteeDegree[l]; slot < end; slot++) {
          const f = menteeSlots[slot];
          const k = edgeMentor[f];
          if (settled[k]) continue;
          const nd = d + weight[f] - ul - v[k];
          const old = distance[k];
          if (nd < old && nd < best) {
            distance[k] = nd;
            predecessorEdge[k] = f;
            if (old === Number.POSITIVE_INFINITY) {
              touched[count++] = k;
              heap.push(k);
            } else heap.decrease(k);
          }
        }
      }
    }
    heap.clear();
    for (let t = 0; t < count; t++) {
      const node = touched[t];
      if (settled[node] === 0) continue;
      const shift = best - distance[node];
      if (node < m) v[node] -= shift;
      else u[node - m] += shift;
      settled[node] = 0;
    }
    if (bestNode !== root) this.augment(bestNode, root);
    for (let t = 0; t < count; t++) distance[touched[t]] = Number.POSITIVE_INFINITY;
  }

  /** Flips the path ending at `end` (a row with room, or a column giving up its predecessor edge). */
  private augment(end: number, root: number): void {
    const s = this.state;
    const m = s.mentorCount;
    const pred = this.predecessorEdge;
    let rowNode: number;
    if (end < m) {
      const dropped = pred[end];
      removeEdge(s, dropped);
      rowNode = m + s.edgeMentee[dropped];
    } else rowNode = end;
    for (;;) {
      const e = pred[rowNode];
      const column = s.edgeMentor[e];
      if (column === root) {
        addEdge(s, e);
        return;
      }
      const dropped = pred[column];
      removeEdge(s, dropped);
      addEdge(s, e);
      rowNode = m + s.edgeMentee[dropped];
    }
  }
}
