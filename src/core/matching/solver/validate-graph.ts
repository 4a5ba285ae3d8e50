import type { CandidateGraph } from "../problem.ts";
import { MAX_PAIR_SCORE } from "../problem.ts";

/** One thing wrong with a CandidateGraph, with a stable code and a human message. */
export interface GraphProblem {
  readonly code:
    | "bad_counts"
    | "bad_row_start"
    | "mentor_out_of_range"
    | "duplicate_pair"
    | "score_out_of_range"
    | "negative_capacity"
    | "locked_exceeds_capacity";
  readonly message: string;
}

const MAX_LISTED = 20;

/**
 * Lists what is wrong with a graph (empty list = valid): array lengths, CSR row offsets, mentor
 * indices, a mentor listed twice for one mentee, scores outside 0..10,000 or not integers, negative
 * capacities, and more locked pairs on one side than its capacity. Stops after 20 problems.
 *
 * Example: rowStart [0, 2], mentor [0, 0] -> [{ code: "duplicate_pair", message: "mentee 0 lists
 * mentor 0 twice (edges 0 and 1)" }].
 */
export function validateCandidateGraph(graph: CandidateGraph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (code: GraphProblem["code"], message: string) => {
    if (problems.length < MAX_LISTED) problems.push({ code, message });
  };
  const { menteeCount: n, mentorCount: m, rowStart, mentor, score, locked } = graph;
  const edgeCount = mentor.length;
  if (
    graph.menteeCapacity.length !== n ||
    graph.mentorCapacity.length !== m ||
    rowStart.length !== n + 1 ||
    score.length !== edgeCount ||
    (locked !== undefined && locked.length !== edgeCount)
  ) {
    add("bad_counts", "array lengths do not match menteeCount, mentorCount and the edge count");
    return problems;
  }
  if (rowStart[0] !== 0 || rowStart[n] !== edgeCount) {
    add("bad_row_start", `rowStart must run from 0 to ${edgeCount}`);
    return problems;
  }
  for (let i = 0; i < n; i++) {
    if (rowStart[i + 1] < rowStart[i]) add("bad_row_start", `rowStart decreases at mentee ${i}`);
  }
  if (problems.length > 0) return problems;
  for (let i = 0; i < n; i++) {
    if (graph.menteeCapacity[i] < 0) add("negative_capacity", `mentee ${i} has capacity < 0`);
  }
  for (let j = 0; j < m; j++) {
    if (graph.mentorCapacity[j] < 0) add("negative_capacity", `mentor ${j} has capacity < 0`);
  }
  const lastEdgeOf = new Int32Array(m).fill(-1);
  const lockedOfMentor = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    let lockedOfMentee = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = mentor[e];
      const s = score[e];
      if (!(j >= 0 && j < m)) {
        add("mentor_out_of_range", `edge ${e} of mentee ${i} names mentor ${j}`);
        continue;
      }
      if (lastEdgeOf[j] >= rowStart[i]) {
        add("duplicate_pair", `mentee ${i} lists mentor ${j} twice (edges ${lastEdgeOf[j]} and ${e})`);
      }
      lastEdgeOf[j] = e;
      if (!(Number.isInteger(s) && s >= 0 && s <= MAX_PAIR_SCORE)) {
        add("score_out_of_range", `edge ${e} (mentee ${i}, mentor ${j}) has score ${s}`);
      }
      if (locked?.[e]) {
        lockedOfMentee++;
        lockedOfMentor[j]++;
      }
    }
    if (lockedOfMentee > graph.menteeCapacity[i]) {
      add(
        "locked_exceeds_capacity",
        `mentee ${i} has ${lockedOfMentee} locked pairs, capacity ${graph.menteeCapacity[i]}`,
      );
    }
  }
  for (let j = 0; j < m; j++) {
    if (lockedOfMentor[j] > graph.mentorCapacity[j]) {
      add(
        "locked_exceeds_capacity",
        `mentor ${j} has ${lockedOfMentor[j]} locked pairs, capacity ${graph.mentorCapacity[j]}`,
      );
    }
  }
  return problems;
}
