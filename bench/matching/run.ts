/**
 * The matching benchmark: `npx tsx bench/matching/run.ts [--sizes 1k,10k,50k] [--objective participation|score] [--k K]`.
 * For each size: a seeded realistic programme (generate-programme.ts), our certified end-to-end run
 * (features, streamed scoring in two worker threads, exact solve, pricing rounds until the prices
 * cover ALL pairs), then on the final candidate graph our solve vs LEMON vs SciPy (asserting equal
 * optima) and greedy. References that are missing or too large are skipped with the reason.
 */
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import {
  certifiedSolve,
  greedyMatching,
  type MatchObjective,
  prepareProgramme,
} from "../../src/core/matching/index.ts";
import { solveMatching } from "../../src/core/matching/solver/solve-matching.ts";
import { startWorkerKernel } from "../../src/server/matching/worker-kernel.ts";
import { BENCH_CONFIG, generateProgramme } from "../../src/core/matching/testing/generate-programme.ts";
import { type ReferenceResult, runLemon } from "./references/lemon.ts";
import { runScipy } from "./references/scipy.ts";

const SIZES: Record<string, [number, number]> = {
  "1k": [1000, 200],
  "10k": [10_000, 2000],
  "50k": [50_000, 10_000],
};

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1k,10k,50k" },
    objective: { type: "string", default: "participation" },
    k: { type: "string" },
  },
});
const objective = values.objective as MatchObjective;
const config = values.k ? { ...BENCH_CONFIG, candidatesPerMentee: Number(values.k) } : BENCH_CONFIG;
const sizes = values.sizes.split(",").map((s) => {
  if (!SIZES[s]) throw new Error(`unknown size ${s} (known: ${Object.keys(SIZES).join(", ")})`);
  return s;
});

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const s = (seconds: number) => (Number.isFinite(seconds) ? `${seconds.toFixed(2)} s` : "-");
console.log(
  `Machine: ${cpus()[0]?.model} x ${cpus().length} cores, ${mb(totalmem())} RAM, node ${process.version}`,
);
console.log(
  `Config: ${BENCH_CONFIG.criteria.map((c) => `${c.kind}${c.hard ? "(hard)" : ""}${c.weight ? ` w${c.weight}` : ""}`).join(", ")}`,
);
console.log(`Objective: ${objective}; K = ${config.candidatesPerMentee} candidates per mentee; seed 7\n`);

async function reference(
  name: string,
  run: () => Promise<ReferenceResult>,
): Promise<ReferenceResult & { name: string }> {
  try {
    return { name, ...(await run()) };
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "not installed (see README.md)"
        : (error as Error).message.split("\n")[0];
    return { name, totalScore: Number.NaN, seconds: Number.NaN, note: `skipped: ${message}` };
  }
}

const rows: string[][] = [];
for (const size of sizes) {
  const [mentees, mentors] = SIZES[size];
  const programme = generateProgramme({ mentees, mentors, seed: 7 });
  const capacity = programme.participants.reduce(
    (sum, p) => sum + (p.role !== "mentee" ? (p.mentorCapacity ?? 1) : 0),
    0,
  );
  console.log(
    `== ${size}: ${mentees} mentees x ${mentors} mentors (${((mentees * mentors) / 1e6).toLocaleString("en-GB")}M pairs), mentor capacity ${capacity}`,
  );
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const prepared = prepareProgramme(programme, config, { referenceWeek: "2026-03-30" });
  const prepareSeconds = (performance.now() - started) / 1000;
  const kernel = startWorkerKernel(prepared, 2);
  const phases: Record<string, number> = {};
  let phase = "scoring";
  let mark = performance.now();
  const solved = await certifiedSolve(prepared, kernel, {
    objective,
    candidatesPerMentee: prepared.candidatesPerMentee,
    onProgress: (next) => {
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + (now - mark) / 1000;
      phase = next;
      mark = now;
    },
  });
  phases[phase] = (phases[phase] ?? 0) + (performance.now() - mark) / 1000;
  const total = (performance.now() - started) / 1000;
  await kernel.close();
  const peak = process.resourceUsage().maxRSS * 1024;
  const { graph, result } = solved;
  console.log(
    `  end to end ${s(total)} (features ${s(prepareSeconds)}, scoring ${s(phases.scoring ?? 0)}, solving ${s(phases.solving ?? 0)}, pricing ${s(phases.pricing ?? 0)}), peak RSS ${mb(peak)}${peak <= rssBefore ? " (held over from an earlier size)" : ""}`,
  );
  console.log(
    `  ${solved.optimal ? "certified optimal over all" : "NOT certified;"} ${solved.allowedPairs.toLocaleString("en-GB")} allowed pairs; ${solved.rounds} pricing rounds, ${solved.certifiedAtOnce} mentees certified at once, ${solved.rescored} rescored; ${graph.mentor.length.toLocaleString("en-GB")} candidate pairs`,
  );
  const ours = performance.now();
  const again = solveMatching(graph, { objective });
  const oursSeconds = (performance.now() - ours) / 1000;
  if (again.totalScore !== result.totalScore || again.matchedCount !== result.matchedCount) {
    throw new Error(
      `cold solve ${again.totalScore}/${again.matchedCount} differs from warm ${result.totalScore}/${result.matchedCount}`,
    );
  }
  const lemon = await reference("LEMON", () => runLemon(graph, objective));
  const scipy = await reference("SciPy sparse", () => runScipy(graph, objective, "sparse"));
  const dense = await reference("SciPy dense", () => runScipy(graph, objective, "dense"));
  for (const ref of [lemon, scipy, dense]) {
    if (Number.isNaN(ref.totalScore)) {
      console.log(`  ${ref.name}: ${ref.note}`);
      continue;
    }
    const same =
      ref.totalScore === result.totalScore &&
      (ref.matchedCount === undefined || ref.matchedCount === result.matchedCount);
    console.log(
      `  ${ref.name}: total ${ref.totalScore} matched ${ref.matchedCount ?? "?"} in ${s(ref.seconds)} ${same ? "(same optimum)" : "MISMATCH"}`,
    );
    if (!same)
      throw new Error(
        `${ref.name} found ${ref.totalScore}/${ref.matchedCount}, we found ${result.totalScore}/${result.matchedCount}`,
      );
  }
  const greedy = greedyMatching(graph);
  rows.push([
    size,
    s(total),
    mb(peak),
    String(solved.rounds),
    graph.mentor.length.toLocaleString("en-GB"),
    `${result.matchedCount} / ${result.totalScore}`,
    s(oursSeconds),
    s(lemon.seconds),
    s(scipy.seconds),
    s(dense.seconds),
    `${greedy.matchedCount} / ${greedy.totalScore}`,
  ]);
}

const header = [
  "size",
  "end to end",
  "peak RSS",
  "rounds",
  "candidates",
  "ours: matched / total",
  "our solve",
  "LEMON",
  "SciPy sparse",
  "SciPy dense",
  "greedy: matched / total",
];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
for (const row of rows) console.log(line(row));
console.log(
  "\nSolve times are on the final candidate graph (cold for ours); LEMON and SciPy times exclude file I/O.",
);
