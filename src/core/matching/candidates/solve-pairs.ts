/** Exact matching over explicitly given pairs (`trellis match --pairs`), with input checks that name the place. */
import type { CandidateGraph, MatchObjective } from "../problem.ts";
import { MAX_PAIR_SCORE } from "../problem.ts";
import { MatchInputError } from "../scoring/validate-config.ts";
import { solveMatching } from "../solver/solve-matching.ts";
import { unmatchedReasonInGraph } from "./diagnose.ts";
import { greedyMatching } from "./greedy.ts";
import { type MatchResult, toMatchResult } from "./match-result.ts";

export interface PairsInput {
  readonly mentees: readonly { readonly id: string; readonly capacity?: number }[];
  readonly mentors: readonly { readonly id: string; readonly capacity?: number }[];
  readonly pairs: readonly (readonly [string, string, number])[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sideOf(raw: unknown, name: "mentees" | "mentors"): { ids: string[]; capacity: Int32Array } {
  if (!Array.isArray(raw)) throw new MatchInputError(name, "must be a list");
  const ids: string[] = [];
  const seen = new Set<string>();
  const capacity = new Int32Array(raw.length);
  raw.forEach((entry, k) => {
    const path = `${name}[${k}]`;
    if (!isRecord(entry))
      throw new MatchInputError(path, 'must be an object like {"id": "e1", "capacity": 1}');
    if (typeof entry.id !== "string" || entry.id === "")
      throw new MatchInputError(`${path}.id`, "must be a non-empty string");
    if (seen.has(entry.id))
      throw new MatchInputError(`${path}.id`, `duplicate id ${JSON.stringify(entry.id)}`);
    const c = entry.capacity ?? 1;
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
      throw new MatchInputError(
        `${path}.capacity`,
        `must be a whole number >= 0, got ${JSON.stringify(entry.capacity)}`,
      );
    }
    seen.add(entry.id);
    ids.push(entry.id);
    capacity[k] = c;
  });
  return { ids, capacity };
}

/**
 * Checks a `--pairs` document and builds its CandidateGraph: unknown ids, duplicate ids or pairs,
 * negative or fractional capacities, scores that are not integers in 0..10,000 are all errors
 * naming the place ("pairs[3][2]: score must be an integer from 0 to 10000, got 84.5").
 *
 * Example: parsePairsInput({ mentees: [{ id: "e1" }], mentors: [{ id: "m1", capacity: 3 }], pairs: [["e1", "m1", 8400]] })
 *   // { graph: 1 mentee, 1 mentor of capacity 3, one edge of score 8400, menteeIds: ["e1"], mentorIds: ["m1"] }
 */
export function parsePairsInput(raw: unknown): {
  graph: CandidateGraph;
  menteeIds: string[];
  mentorIds: string[];
} {
  if (!isRecord(raw))
    throw new MatchInputError("input", 'must be an object with "mentees", "mentors" and "pairs"');
  const mentees = sideOf(raw.mentees, "mentees");
  const mentors = sideOf(raw.mentors, "mentors");
  const menteeIndex = new Map(mentees.ids.map((id, i) => [id, i]));
  const mentorIndex = new Map(mentors.ids.map((id, j) => [id, j]));
  if (!Array.isArray(raw.pairs))
    throw new MatchInputError("pairs", "must be a list of [menteeId, mentorId, score]");
  const rows = mentees.ids.map(() => new Map<number, number>());
  raw.pairs.forEach((pair, k) => {
    const path = `pairs[${k}]`;
    if (!Array.isArray(pair) || pair.length !== 3)
      throw new MatchInputError(path, "must be [menteeId, mentorId, score]");
    const i = menteeIndex.get(pair[0]);
    const j = mentorIndex.get(pair[1]);
    if (i === undefined) throw new MatchInputError(`${path}[0]`, `unknown mentee ${JSON.stringify(pair[0])}`);
    if (j === undefined) throw new MatchInputError(`${path}[1]`, `unknown mentor ${JSON.stringify(pair[1])}`);
    const score = pair[2];
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > MAX_PAIR_SCORE) {
      throw new MatchInputError(
        `${path}[2]`,
        `score must be an integer from 0 to ${MAX_PAIR_SCORE}, got ${JSON.stringify(score)}`,
      );
    }
    if (rows[i].has(j)) throw new MatchInputError(path, `duplicate pair ${pair[0]} - ${pair[1]}`);
    rows[i].set(j, score);
  });
  const rowStart = new Int32Array(rows.length + 1);
  const mentor: number[] = [];
  const score: number[] = [];
  rows.forEach((row, i) => {
    for (const [j, s] of [...row.entries()].sort((a, b) => a[0] - b[0])) {
      mentor.push(j);
      score.push(s);
    }
    rowStart[i + 1] = mentor.length;
  });
  const graph: CandidateGraph = {
    menteeCount: mentees.ids.length,
    mentorCount: mentors.ids.length,
    menteeCapacity: mentees.capacity,
    mentorCapacity: mentors.capacity,
    rowStart,
    mentor: Int32Array.from(mentor),
    score: Int32Array.from(score),
  };
  return { graph, menteeIds: mentees.ids, mentorIds: mentors.ids };
}

/**
 * Solves exactly over the given pairs only; the certificate covers those pairs.
 *
 * Example: solvePairs({ mentees: [{ id: "e1" }], mentors: [{ id: "m1" }], pairs: [["e1", "m1", 8400]] }, { objective: "score" })
 *   // { matches: [{ mentee: "e1", mentor: "m1", score: 8400 }], totalScore: 8400, optimal: true, ... }
 */
export function solvePairs(
  raw: unknown,
  options: { objective: MatchObjective; minScore?: number },
): MatchResult {
  const { graph, menteeIds, mentorIds } = parsePairsInput(raw);
  const minScore = options.minScore ?? 0;
  const solved = solveMatching(graph, { objective: options.objective, minScore });
  const greedy = greedyMatching(graph, minScore);
  let allowedPairs = 0;
  for (const s of graph.score) if (s >= minScore) allowedPairs++;
  return toMatchResult(
    graph,
    solved,
    menteeIds,
    mentorIds,
    greedy,
    (i, load) => unmatchedReasonInGraph(graph, load, i, minScore),
    {
      optimal: solved.optimal,
      gap: solved.gap ?? 0,
      stats: {
        mentees: graph.menteeCount,
        mentors: graph.mentorCount,
        allowedPairs,
        pricingRounds: 0,
        certifiedAtOnce: graph.menteeCount,
        rescoredMentees: 0,
      },
    },
  );
}
