import type { CandidateGraph } from "../problem.ts";
import { isPreferred, type StablePreferences } from "./preferences.ts";

/**
 * Mentee-proposing deferred acceptance (Gale-Shapley) with capacities on both sides: each mentee
 * with room proposes to its next preferred mentor; a mentor keeps its best proposals up to its
 * capacity and rejects the rest. The result is stable and mentee-optimal among stable matchings.
 * Locked pairs are fixed first and use capacity; pairs scoring below minScore are not allowed.
 * Returns edge flags over the graph's CSR edges.
 *
 * Example: mentees 0 and 1 both prefer mentor 0 (capacity 1), who prefers mentee 1 -> mentee 1 gets
 * mentor 0 and mentee 0 moves to its second choice.
 */
export function deferredAcceptance(
  graph: CandidateGraph,
  preferences: StablePreferences,
  minScore = 0,
): Uint8Array {
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const { menteeRank, mentorRank } = preferences;
  const chosen = new Uint8Array(mentor.length);
  const menteeRoom = Int32Array.from(graph.menteeCapacity);
  const mentorRoom = Int32Array.from(graph.mentorCapacity);
  const proposals: number[][] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      if (locked?.[e]) {
        chosen[e] = 1;
        menteeRoom[i]--;
        mentorRoom[mentor[e]]--;
      } else if (score[e] >= minScore) list.push(e);
    }
    list.sort((a, b) => (isPreferred(menteeRank[a], mentor[a], menteeRank[b], mentor[b]) ? -1 : 1));
    proposals.push(list);
  }
  const held: number[][] = Array.from({ length: m }, () => []);
  const next = new Int32Array(n);
  const queue: number[] = [];
  for (let i = n - 1; i >= 0; i--) queue.push(i);
  const mentorPrefers = (a: number, b: number) =>
    isPreferred(mentorRank[a], edgeMentee(graph, a), mentorRank[b], edgeMentee(graph, b));
  while (queue.length > 0) {
    const i = queue.pop()!;
    while (menteeRoom[i] > 0 && next[i] < proposals[i].length) {
      const e = proposals[i][next[i]++];
      const j = mentor[e];
      if (mentorRoom[j] <= 0) continue;
      const list = held[j];
      if (list.length < mentorRoom[j]) {
        list.push(e);
        menteeRoom[i]--;
        continue;
      }
      let worst = 0;
      for (let at = 1; at < list.length; at++) if (mentorPrefers(list[worst], list[at])) worst = at;
      if (!mentorPrefers(e, list[worst])) continue;
      const rejected = list[worst];
      list[worst] = e;
      menteeRoom[i]--;
      const loser = edgeMentee(graph, rejected);
      menteeRoom[loser]++;
      queue.push(loser);
    }
  }
  for (const list of held) for (const e of list) chosen[e] = 1;
  return chosen;
}

function edgeMentee(graph: CandidateGraph, e: number): number {
  // Binary search in rowStart: the mentee whose row holds edge e.
  let low = 0;
  let high = graph.menteeCount - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (graph.rowStart[mid] <= e) low = mid;
    else high = mid - 1;
  }
  return low;
}

export { edgeMentee as menteeOfEdge };
