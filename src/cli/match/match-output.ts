/** What `trellis match` writes: the result as JSON or CSV, and a one-screen summary. */
import { formatExplanation, type MatchResult } from "../../core/matching/index.ts";

/** The JSON document of issue 3 (explanations included when computed; run statistics under "stats"). */
export function resultToJson(result: MatchResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per pair: mentee, mentor, score, explanation. */
export function resultToCsv(result: MatchResult): string {
  const lines = ["mentee,mentor,score,explanation"];
  for (const m of result.matches) {
    const explanation = m.explanation ? formatExplanation(m.explanation) : "score given in the pairs file";
    lines.push([m.mentee, m.mentor, m.score, explanation].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

const number = (n: number) => n.toLocaleString("en-GB");

/** A summary that fits one screen: matched, total, mean and minimum score, unmatched by reason, greedy's shortfall. */
export function summarise(result: MatchResult, seconds: number): string {
  const { matchedCount, totalScore, stats } = result;
  const scores = result.matches.map((m) => m.score);
  const mean = scores.length ? totalScore / scores.length : 0;
  const min = scores.length ? Math.min(...scores.slice(0, 1_000_000)) : 0;
  const lines = [
    `Matched ${number(matchedCount)} pairs for ${number(stats.mentees)} mentees and ${number(stats.mentors)} mentors in ${seconds.toFixed(2)} s`,
    `  total score ${number(totalScore)}, mean ${number(Math.round(mean))}, minimum ${number(min)} (of 10,000)`,
    result.optimal
      ? `  optimal over all ${number(stats.allowedPairs)} allowed pairs: certified by prices (${stats.pricingRounds} pricing rounds, ${number(stats.candidatePairs)} candidate pairs)`
      : `  NOT proven optimal: stopped early, at most ${number(result.gap)} (weight units) below the optimum`,
  ];
  const greedy = stats.greedy;
  const fewer = matchedCount - greedy.matchedCount;
  const less = totalScore - greedy.totalScore;
  lines.push(
    `  greedy (best score first) would match ${number(greedy.matchedCount)} (${fewer >= 0 ? `${fewer} fewer` : `${-fewer} more`}) with total ${number(greedy.totalScore)} (${less >= 0 ? `${number(less)} less` : `${number(-less)} more`})`,
  );
  const byReason = new Map<string, string[]>();
  for (const u of result.unmatched) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.mentee]);
  if (byReason.size === 0) lines.push("  every mentee is matched");
  else lines.push(`  unmatched: ${number(result.unmatched.length)}`);
  for (const [reason, ids] of [...byReason].sort((a, b) => b[1].length - a[1].length).slice(0, 8)) {
    const shown = ids.slice(0, 5).join(", ") + (ids.length > 5 ? `, ... (${ids.length})` : "");
    lines.push(`    ${shown}: ${reason}`);
  }
  return `${lines.join("\n")}\n`;
}
