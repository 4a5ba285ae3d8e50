import type { CandidateGraph, MatchObjective } from "../problem.ts";
import { pairWeight } from "./pair-weight.ts";

/**
 * The solver's working state, all in typed arrays: the graph's edges with their weights, which
 * edges may be optimised (allowed: score >= minScore and not locked), the current matching as
 * per-node slot lists (a mentee has room for its capacity left after locked pairs, a mentor too),
 * and the dual prices u (mentees) and v (mentors).
 */
export interface MatchingState {
  readonly menteeCount: number;
  readonly mentorCount: number;
  readonly rowStart: Int32Array;
  readonly edgeMentor: Int32Array;
  readonly edgeMentee: Int32Array;
  readonly weight: Float64Array;
  readonly allowed: Uint8Array;
  /** 1 where a non-locked edge is in the current matching. */
  readonly chosen: Uint8Array;
  readonly menteeRoom: Int32Array;
  readonly menteeDegree: Int32Array;
  readonly menteeSlotStart: Int32Array;
  readonly menteeSlots: Int32Array;
  readonly mentorRoom: Int32Array;
  readonly mentorDegree: Int32Array;
  readonly mentorSlotStart: Int32Array;
  readonly mentorSlots: Int32Array;
  readonly menteePrice: Float64Array;
  readonly mentorPrice: Float64Array;
}

function prefixSum(values: Int32Array): Int32Array {
  const start = new Int32Array(values.length + 1);
  for (let k = 0; k < values.length; k++) start[k + 1] = start[k] + values[k];
  return start;
}

/**
 * Builds the state with an empty (non-locked) matching and zero prices; locked edges consume
 * capacity on both sides. Assumes a validated graph.
 *
 * Example: one mentee (capacity 1), one mentor (capacity 2), one locked edge -> menteeRoom [0],
 * mentorRoom [1], allowed [0].
 */
export function createMatchingState(
  graph: CandidateGraph,
  objective: MatchObjective,
  minScore: number,
  bonus: number,
): MatchingState {
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const edgeCount = mentor.length;
  const edgeMentee = new Int32Array(edgeCount);
  const weight = new Float64Array(edgeCount);
  const allowed = new Uint8Array(edgeCount);
  const menteeRoom = Int32Array.from(graph.menteeCapacity);
  const mentorRoom = Int32Array.from(graph.mentorCapacity);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      edgeMentee[e] = i;
      weight[e] = pairWeight(score[e], objective, bonus);
      if (locked?.[e]) {
        menteeRoom[i]--;
        mentorRoom[mentor[e]]--;
      } else if (score[e] >= minScore) {
        allowed[e] = 1;
      }
    }
  }
  const menteeSlotStart = prefixSum(menteeRoom);
  const mentorSlotStart = prefixSum(mentorRoom);
  return {
    menteeCount: n,
    mentorCount: m,
    rowStart,
    edgeMentor: mentor,
    edgeMentee,
    weight,
    allowed,
    chosen: new Uint8Array(edgeCount),
    menteeRoom,
    menteeDegree: new Int32Array(n),
    menteeSlotStart,
    menteeSlots: new Int32Array(menteeSlotStart[n]),
    mentorRoom,
    mentorDegree: new Int32Array(m),
    mentorSlotStart,
    mentorSlots: new Int32Array(mentorSlotStart[m]),
    menteePrice: new Float64Array(n),
    mentorPrice: new Float64Array(m),
  };
}

/** Puts edge e into the matching (both ends must have room). */
export function addEdge(state: MatchingState, e: number): void {
  const i = state.edgeMentee[e];
  const j = state.edgeMentor[e];
  state.chosen[e] = 1;
  state.menteeSlots[state.menteeSlotStart[i] + state.menteeDegree[i]++] = e;
  state.mentorSlots[state.mentorSlotStart[j] + state.mentorDegree[j]++] = e;
}

function removeFromSlots(
  slots: Int32Array,
  start: number,
  degree: Int32Array,
  node: number,
  e: number,
): void {
  const last = start + --degree[node];
  for (let at = start; at <= last; at++) {
    if (slots[at] === e) {
      slots[at] = slots[last];
      return;
    }
  }
}

/** Takes edge e out of the matching. */
export function removeEdge(state: MatchingState, e: number): void {
  const i = state.edgeMentee[e];
  const j = state.edgeMentor[e];
  state.chosen[e] = 0;
  removeFromSlots(state.menteeSlots, state.menteeSlotStart[i], state.menteeDegree, i, e);
  removeFromSlots(state.mentorSlots, state.mentorSlotStart[j], state.mentorDegree, j, e);
}
