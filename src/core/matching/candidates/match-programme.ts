import type { MatchObjective } from "../problem.ts";
import { explainMenteeRow } from "../scoring/explain-pair.ts";
import type { MatchConfig } from "../scoring/match-config.ts";
import type { Programme } from "../scoring/participant.ts";
import type { PreparedProgramme } from "../scoring/prepared.ts";
import { prepareProgramme } from "../scoring/prepare-programme.ts";
import { certifiedSolve, inProcessKernel, type KernelPort, type MatchPhase } from "./certify.ts";
import { unmatchedReason } from "./diagnose.ts";
import { greedyMatching } from "./greedy.ts";
import { type MatchResult, toMatchResult } from "./match-result.ts";

export interface MatchProgrammeOptions {
  readonly objective: MatchObjective;
  readonly minScore?: number;
  /** Monday (YYYY-MM-DD) of the reference week for time zones; defaults to config.referenceWeek. */
  readonly referenceWeek?: string;
  /** Attach each match's per-criterion explanation. */
  readonly explain?: boolean;
  /** Where scoring runs (default: this thread). The server passes a two-worker kernel. */
  readonly kernel?: (prepared: PreparedProgramme) => KernelPort;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (phase: MatchPhase, fraction: number) => void;
}

/**
 * The whole matcher on a prepared programme: certified exact solve over all pairs, greedy
 * baseline, unmatched reasons and (optionally) explanations.
 *
 * Example: await matchPrepared(prepareProgramme(programme, config, { referenceWeek: "2026-03-30" }), { objective: "participation" })
 */
export async function matchPrepared(
  prepared: PreparedProgramme,
  options: MatchProgrammeOptions,
): Promise<MatchResult> {
  const minScore = options.minScore ?? 0;
  const port = (options.kernel ?? inProcessKernel)(prepared);
  const solved = await certifiedSolve(prepared, port, {
    objective: options.objective,
    minScore,
    candidatesPerMentee: prepared.candidatesPerMentee,
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
  });
  const greedy = greedyMatching(solved.graph, minScore);
  const result = toMatchResult(
    solved.graph,
    solved.result,
    prepared.menteeIds,
    prepared.mentorIds,
    greedy,
    (i, load) => unmatchedReason(prepared, load, i, minScore),
    {
      optimal: solved.optimal,
      gap: solved.gap,
      stats: {
        mentees: prepared.menteeIds.length,
        mentors: prepared.mentorIds.length,
        allowedPairs: solved.allowedPairs,
        pricingRounds: solved.rounds,
        certifiedAtOnce: solved.certifiedAtOnce,
        rescoredMentees: solved.rescored,
      },
    },
  );
  if (!options.explain) return result;
  const mentorIndex = new Map(prepared.mentorIds.map((id, j) => [id, j]));
  const menteeIndex = new Map(prepared.menteeIds.map((id, i) => [id, i]));
  const byMentee = new Map<number, number[]>();
  result.matches.forEach((match, k) => {
    const i = menteeIndex.get(match.mentee)!;
    byMentee.set(i, [...(byMentee.get(i) ?? []), k]);
  });
  const matches = [...result.matches];
  let done = 0;
  for (const [i, ks] of byMentee) {
    const explanations = explainMenteeRow(
      prepared,
      i,
      ks.map((k) => mentorIndex.get(matches[k].mentor)!),
    );
    ks.forEach((k, x) => {
      matches[k] = { ...matches[k], explanation: explanations[x] };
    });
    if (++done % 256 === 0) options.onProgress?.("explaining", done / byMentee.size);
  }
  return { ...result, matches };
}

/**
 * Scores a programme with a config, generates candidates, certifies and solves: the optimum over
 * ALL allowed pairs, with prices that prove it. Pure apart from the optional kernel port.
 *
 * Example:
 *   const result = await matchProgramme(
 *     { participants: [{ id: "e1", role: "mentee", languages: ["en"] }, { id: "m1", role: "mentor", languages: ["en"] }] },
 *     { criteria: [{ kind: "language", weight: 5 }] },
 *     { objective: "participation", referenceWeek: "2026-03-30" },
 *   );
 *   result.matches  // [{ mentee: "e1", mentor: "m1", score: 10000 }]; result.optimal === true
 */
export async function matchProgramme(
  programme: Programme,
  config: MatchConfig,
  options: MatchProgrammeOptions,
): Promise<MatchResult> {
  const referenceWeek = options.referenceWeek ?? config.referenceWeek;
  if (!referenceWeek)
    throw new Error("a reference week is required (options.referenceWeek or config.referenceWeek)");
  return matchPrepared(prepareProgramme(programme, config, { referenceWeek }), options);
}
