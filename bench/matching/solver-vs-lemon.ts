/**
 * Our exact solver against LEMON's network simplex and SciPy on structured random graphs
 * (latent skills, popular mentors, tight capacity; see generate-graph.ts). Asserts identical optimum
 * totals and prints the machine, inputs, times and ratios.
 * Run: npx tsx bench/matching/solver-vs-lemon.ts [--quick]
 */
import { cpus, freemem, totalmem } from "node:os";
import { checkMatching } from "../../src/core/matching/checker/check-matching.ts";
import type { MatchingResult, MatchObjective } from "../../src/core/matching/problem.ts";
import { solveMatching } from "../../src/core/matching/solver/solve-matching.ts";
import { type GraphSpec, generateGraph } from "./generate-graph.ts";
import { runLemon } from "./references/lemon.ts";
import { runScipy } from "./references/scipy.ts";

const quick = process.argv.includes("--quick");
const cases: { name: string; spec: GraphSpec; objectives: MatchObjective[]; scipy: boolean }[] = [
  {
    name: "1k x 200",
    spec: { mentees: 1000, mentors: 200, candidatesPerMentee: 30, seed: 1, slack: 1, doubleMentees: 0 },
    objectives: ["score", "participation"],
    scipy: true,
  },
  {
    name: "10k x 2k",
    spec: { mentees: 10_000, mentors: 2000, candidatesPerMentee: 30, seed: 2, slack: 1, doubleMentees: 0 },
    objectives: ["score", "participation"],
    scipy: true,
  },
  {
    name: "50k x 10k",
    spec: { mentees: 50_000, mentors: 10_000, candidatesPerMentee: 30, seed: 3, slack: 1, doubleMentees: 0 },
    objectives: ["score", "participation"],
    scipy: true,
  },
  {
    name: "50k x 10k, over-demand (slack 0.9)",
    spec: {
      mentees: 50_000,
      mentors: 10_000,
      candidatesPerMentee: 30,
      seed: 4,
      slack: 0.9,
      doubleMentees: 0,
    },
    objectives: ["score"],
    scipy: false,
  },
  {
    name: "50k x 10k, 5% want 2 mentors",
    spec: {
      mentees: 50_000,
      mentors: 10_000,
      candidatesPerMentee: 30,
      seed: 5,
      slack: 1.05,
      doubleMentees: 0.05,
    },
    objectives: ["score"],
    scipy: false,
  },
];

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? "?"} x ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), node ${process.version}, ${process.platform}`,
);
console.log(
  "times: wall seconds of the solve only (ours: in-process; LEMON: its 'Run NetworkSimplex' line; SciPy: the call), cpu = user+sys\n",
);
const mismatches: string[] = [];
for (const c of quick ? cases.slice(0, 2) : cases) {
  const graph = generateGraph(c.spec);
  let places = 0;
  for (const x of graph.mentorCapacity) places += x;
  let demand = 0;
  for (const x of graph.menteeCapacity) demand += x;
  console.log(
    `## ${c.name}: ${graph.menteeCount} mentees (demand ${demand}), ${graph.mentorCount} mentors (${places} places), ${graph.mentor.length} pairs`,
  );
  for (const objective of c.objectives) {
    // Two runs: the first includes JIT warm-up (what a one-shot CLI pays), the second is what a
    // long-running server pays; the ratios use the better of the two.
    let ours: MatchingResult | undefined;
    let seconds = Number.POSITIVE_INFINITY;
    let cpuSeconds = Number.POSITIVE_INFINITY;
    const runs: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      ours = solveMatching(graph, { objective });
      const wall = (performance.now() - start) / 1000;
      const cpuUsed = process.cpuUsage(cpuBefore);
      runs.push(wall.toFixed(3));
      seconds = Math.min(seconds, wall);
      cpuSeconds = Math.min(cpuSeconds, (cpuUsed.user + cpuUsed.system) / 1e6);
    }
    if (!ours) throw new Error("unreachable");
    const violations = checkMatching(graph, ours.edgeChosen, { objective, duals: ours.duals });
    if (violations.length > 0)
      mismatches.push(`${c.name} ${objective}: certificate fails: ${violations[0].message}`);
    const lemon = await runLemon(graph, objective);
    const line = (label: string, total: number, matched: number | undefined, s: number, cpuS?: number) =>
      `  ${objective.padEnd(13)} ${label.padEnd(34)} total ${String(total).padStart(11)}  matched ${String(matched ?? "-").padStart(6)}  ${s.toFixed(3)} s${cpuS === undefined ? "" : ` (cpu ${cpuS.toFixed(3)})`}`;
    console.log(
      `${line("ours (certified)", ours.totalScore, ours.matchedCount, seconds, cpuSeconds)}  runs ${runs.join(", ")} s`,
    );
    console.log(
      `${line("LEMON network simplex", lemon.totalScore, lemon.matchedCount, lemon.seconds, lemon.cpuSeconds)}  ours/LEMON wall ${(seconds / lemon.seconds).toFixed(2)}, cpu ${(cpuSeconds / (lemon.cpuSeconds ?? Number.NaN)).toFixed(2)}`,
    );
    if (lemon.totalScore !== ours.totalScore)
      mismatches.push(`${c.name} ${objective}: LEMON ${lemon.totalScore} vs ours ${ours.totalScore}`);
    if (lemon.matchedCount !== undefined && lemon.matchedCount !== ours.matchedCount) {
      mismatches.push(
        `${c.name} ${objective}: LEMON matched ${lemon.matchedCount} vs ours ${ours.matchedCount}`,
      );
    }
    if (!c.scipy) continue;
    for (const mode of ["sparse", "dense"] as const) {
      const ref = await runScipy(graph, objective, mode);
      if (Number.isNaN(ref.totalScore)) {
        console.log(`  ${objective.padEnd(13)} ${ref.note}`);
        continue;
      }
      console.log(
        `${line(mode === "sparse" ? "scipy min_weight_full_bipartite" : "scipy linear_sum_assignment", ref.totalScore, ref.matchedCount, ref.seconds)}  ours/scipy ${(seconds / ref.seconds).toFixed(2)}`,
      );
      if (
        ref.totalScore !== ours.totalScore ||
        (ref.matchedCount !== ours.matchedCount && objective === "participation")
      ) {
        mismatches.push(
          `${c.name} ${objective}: scipy ${mode} ${ref.totalScore}/${ref.matchedCount} vs ours ${ours.totalScore}/${ours.matchedCount}`,
        );
      }
    }
  }
}
if (mismatches.length > 0) {
  console.error(`\nMISMATCH:\n${mismatches.join("\n")}`);
  process.exit(1);
}
console.log("\nall totals identical");
