/**
 * runScipy: reference optima from SciPy (Debian's python3-scipy, so /usr/bin/python3 explicitly:
 * the python3 on PATH may be a pyenv one without SciPy). Two methods: "sparse" runs
 * scipy.sparse.csgraph.min_weight_full_bipartite_matching, "dense" runs
 * scipy.optimize.linear_sum_assignment on the dense matrix (only when it has at most
 * `maxDenseCells` cells). Mentors are replicated c_j times and each mentee gets a dummy column for
 * "unmatched" (see scipy_reference.py). Only exact when every mentee has capacity <= 1, and locked
 * pairs and minScore are not supported: otherwise it returns NaN with a note.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CandidateGraph, MatchObjective } from "../../../src/core/matching/problem.ts";
import { participationBonus } from "../../../src/core/matching/solver/pair-weight.ts";
import type { ReferenceResult } from "./lemon.ts";

const run = promisify(execFile);
const script = join(import.meta.dirname, "scipy_reference.py");

/** Example: const sparse = await runScipy(graph, "score"); const dense = await runScipy(graph, "score", "dense"). */
export async function runScipy(
  graph: CandidateGraph,
  objective: MatchObjective,
  mode: "sparse" | "dense" = "sparse",
  maxDenseCells = 60_000_000,
): Promise<ReferenceResult> {
  const note = `scipy ${mode === "dense" ? "linear_sum_assignment (dense)" : "min_weight_full_bipartite_matching"}`;
  if (graph.menteeCapacity.some((b) => b > 1) || graph.locked?.some((x) => x === 1)) {
    return {
      totalScore: Number.NaN,
      seconds: Number.NaN,
      note: `${note}: skipped (mentee capacity > 1 or locked pairs)`,
    };
  }
  let places = 0;
  for (const c of graph.mentorCapacity) places += c;
  if (mode === "dense" && graph.menteeCount * (places + graph.menteeCount) > maxDenseCells) {
    return { totalScore: Number.NaN, seconds: Number.NaN, note: `${note}: skipped (dense matrix too large)` };
  }
  const dir = await mkdtemp(join(tmpdir(), "trellis-scipy-"));
  try {
    const file = join(dir, "graph.bin");
    const header = Int32Array.from([graph.menteeCount, graph.mentorCount, graph.mentor.length]);
    const parts = [
      header,
      graph.menteeCapacity,
      graph.mentorCapacity,
      graph.rowStart,
      graph.mentor,
      graph.score,
    ];
    await writeFile(file, Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
    const bonus = objective === "participation" ? participationBonus(graph) : 0;
    const { stdout } = await run("/usr/bin/python3", [script, file, objective, String(bonus), mode], {
      maxBuffer: 1 << 24,
    });
    const parsed = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
    if (parsed.error)
      return { totalScore: Number.NaN, seconds: Number.NaN, note: `${note}: ${parsed.error}` };
    return {
      totalScore: parsed.totalScore,
      matchedCount: parsed.matchedCount,
      seconds: parsed.seconds,
      note,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
