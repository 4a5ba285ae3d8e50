/**
 * `trellis match`: exact matching from a pairs file, or scoring + certified matching from
 * participants and a config. Bad input prints the place and exits 2 without writing anything.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import {
  type MatchObjective,
  MatchInputError,
  type MatchResult,
  parseParticipantsCsv,
  parseParticipantsJson,
  solvePairs,
  validateMatchConfig,
} from "../../core/matching/index.ts";
import { runMatching } from "../../server/matching/run-matching.ts";
import { resultToCsv, resultToJson, summarise } from "./match-output.ts";
import { progressBar } from "./progress-bar.ts";

const USAGE = `Usage:
  trellis match --pairs FILE.json [options]
  trellis match --participants FILE.csv|FILE.json --config FILE.json [options]

Options:
  --objective participation|score   most people matched, then best total (default), or best total
  --min-score N                     pairs scoring below N (0-10000) are not allowed
  --out FILE.json|FILE.csv          write the result there (default: JSON on stdout)
  --explain                         attach each pair's per-criterion explanation
  --week YYYY-MM-DD                 reference week for time zones (default: config, else this week)
  --time-budget SECONDS             stop early with a stated optimality gap
`;

/** Thrown for bad input: the CLI prints it and exits 2. */
class UsageError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}

/** Monday of the current week, YYYY-MM-DD (the CLI may read the clock; the core may not). */
function thisMonday(now = new Date()): string {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: "string" },
      participants: { type: "string" },
      config: { type: "string" },
      objective: { type: "string", default: "participation" },
      "min-score": { type: "string" },
      out: { type: "string" },
      explain: { type: "boolean", default: false },
      week: { type: "string" },
      "time-budget": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const objective = values.objective as MatchObjective;
  if (objective !== "participation" && objective !== "score")
    throw new UsageError("--objective must be participation or score");
  const minScore = values["min-score"] === undefined ? 0 : Number(values["min-score"]);
  if (!Number.isInteger(minScore) || minScore < 0 || minScore > 10_000)
    throw new UsageError("--min-score must be an integer from 0 to 10000");
  const out = values.out;
  if (out && ![".json", ".csv"].includes(extname(out).toLowerCase()))
    throw new UsageError("--out must end in .json or .csv");
  const asCsv = out?.toLowerCase().endsWith(".csv") ?? false;
  const started = performance.now();
  let result: MatchResult;
  if (values.pairs) {
    if (values.participants) throw new UsageError("give either --pairs or --participants, not both");
    result = solvePairs(parseJson(readText(values.pairs, "pairs file"), values.pairs), {
      objective,
      minScore,
    });
  } else if (values.participants) {
    if (!values.config) throw new UsageError("--participants needs --config FILE.json");
    const config = validateMatchConfig(parseJson(readText(values.config, "config"), values.config));
    const text = readText(values.participants, "participants file");
    const programme = values.participants.toLowerCase().endsWith(".csv")
      ? parseParticipantsCsv(text, values.participants)
      : parseParticipantsJson(text, values.participants);
    const budget = values["time-budget"] === undefined ? undefined : Number(values["time-budget"]);
    if (budget !== undefined && !(budget > 0))
      throw new UsageError("--time-budget must be a positive number of seconds");
    const bar = progressBar();
    try {
      ({ result } = await runMatching(
        {
          programme,
          config,
          objective,
          minScore,
          referenceWeek: values.week ?? config.referenceWeek ?? thisMonday(),
          explain: values.explain || asCsv,
          timeBudgetMs: budget === undefined ? undefined : budget * 1000,
        },
        { onProgress: ({ phase, percent }) => bar.update(phase, percent) },
      ));
    } finally {
      bar.done();
    }
  } else {
    throw new UsageError("give --pairs FILE or --participants FILE --config FILE");
  }
  const seconds = (performance.now() - started) / 1000;
  const document = asCsv ? resultToCsv(result) : resultToJson(result);
  if (out) {
    writeFileSync(out, document);
    process.stdout.write(summarise(result, seconds));
    process.stdout.write(`Wrote ${out}\n`);
  } else {
    process.stdout.write(document);
    process.stderr.write(summarise(result, seconds));
  }
  return 0;
}

/**
 * Runs `trellis match` with its arguments; resolves to the exit code (2 on bad input).
 *
 * Example: await matchCommand(["--pairs", "pairs.json", "--objective", "score"])  // 0
 */
export async function matchCommand(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof MatchInputError) {
      process.stderr.write(`trellis match: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`trellis match: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
