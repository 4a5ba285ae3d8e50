/**
 * runLemon: solves a CandidateGraph with LEMON's network simplex (`dimacs-solver` from the Debian
 * package liblemon-utils) through the DIMACS export, and reports the optimum and LEMON's own
 * solve time (its "Run NetworkSimplex" line: excludes reading the file).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CandidateGraph, MatchObjective } from "../../../src/core/matching/problem.ts";
import { writeDimacsMinCostFlow } from "./dimacs.ts";

const run = promisify(execFile);

/** What a reference solver reports. */
export interface ReferenceResult {
  readonly totalScore: number;
  readonly matchedCount?: number;
  /** Solve time in seconds (wall clock of the solver itself, not of writing files). */
  readonly seconds: number;
  /** CPU (user + system) seconds of the solve when the solver reports it. */
  readonly cpuSeconds?: number;
  readonly note?: string;
}

/**
 * Example: const { totalScore, seconds } = await runLemon(graph, "score");
 * Under "participation" the matched count is recovered from the cost P * unmatched - score.
 */
export async function runLemon(
  graph: CandidateGraph,
  objective: MatchObjective,
  minScore = 0,
): Promise<ReferenceResult> {
  const dir = await mkdtemp(join(tmpdir(), "trellis-lemon-"));
  try {
    const file = join(dir, "problem.min");
    const summary = await writeDimacsMinCostFlow(graph, file, objective, minScore);
    const { stdout, stderr } = await run("dimacs-solver", ["-long", file, "/dev/null"], {
      maxBuffer: 1 << 24,
    });
    const text = stdout + stderr;
    const cost = Number(/Min flow cost:\s*(-?\d+)/.exec(text)?.[1]);
    const timing = /Run NetworkSimplex: u: ([\d.e-]+)s, s: ([\d.e-]+)s.*real: ([\d.e-]+)s/.exec(text);
    if (!Number.isFinite(cost) || !timing) throw new Error(`cannot parse dimacs-solver output:\n${text}`);
    const seconds = Number(timing[3]);
    const cpuSeconds = Number(timing[1]) + Number(timing[2]);
    if (objective === "score") {
      return {
        totalScore: summary.lockedScore - cost,
        seconds,
        cpuSeconds,
        note: "LEMON NetworkSimplex (-long)",
      };
    }
    // cost = P * unmatched - score with 0 <= score < P.
    const unmatched = Math.max(0, Math.ceil(cost / summary.bypassCost));
    const score = summary.bypassCost * unmatched - cost;
    return {
      totalScore: summary.lockedScore + score,
      matchedCount: summary.lockedCount + summary.flow - unmatched,
      seconds,
      cpuSeconds,
      note: "LEMON NetworkSimplex (-long), bypass arc priced at P",
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
