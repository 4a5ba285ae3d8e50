import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "trellis-match-"));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function trellis(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "match", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const pairs = file(
  "pairs.json",
  JSON.stringify({
    mentees: [{ id: "e1", capacity: 1 }, { id: "e2" }, { id: "e3" }],
    mentors: [{ id: "m1", capacity: 1 }, { id: "m2" }],
    pairs: [
      ["e1", "m1", 9000],
      ["e1", "m2", 8000],
      ["e2", "m1", 8500],
      ["e3", "m1", 100],
    ],
  }),
);
const people = file(
  "people.csv",
  [
    "id,role,mentorCapacity,skillsOffered,skillsWanted,languages,timeZone,department,managerId,yearsExperience,goals,experience",
    "e1,mentee,,,python:3,en,Asia/Kolkata,Eng,m1,2,grow into platform engineering,",
    "e2,mentee,,,sales:2,en; fr,Europe/London,Sales,,1,negotiation,",
    "both,both,1,python:4,leadership:3,en,America/St_Johns,Eng,,9,lead a team,python services",
    "m1,mentor,2,python:5; leadership:4,,en,Europe/London,Eng,,20,,platform engineering leadership",
    "m2,mentor,1,sales:5,,fr,Europe/Paris,Sales,,15,,sales negotiation",
  ].join("\n"),
);
const config = file(
  "config.json",
  JSON.stringify({
    criteria: [
      { kind: "language", hard: true },
      { kind: "skills", weight: 5 },
      { kind: "workingHours", weight: 2, minHours: 2 },
      { kind: "experienceGap", weight: 3 },
      { kind: "goals", weight: 3 },
    ],
    referenceWeek: "2026-03-30",
  }),
);

describe("trellis match (child process)", () => {
  it("--pairs prints the JSON result on stdout and a summary on stderr", () => {
    const { code, stdout, stderr } = trellis("--pairs", pairs);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.matches).toEqual([
      { mentee: "e1", mentor: "m2", score: 8000 },
      { mentee: "e2", mentor: "m1", score: 8500 },
    ]);
    expect(result).toMatchObject({ matchedCount: 2, totalScore: 16_500, optimal: true, gap: 0 });
    expect(result.unmatched).toEqual([{ mentee: "e3", reason: "all allowed mentors are full" }]);
    expect(Object.keys(result.certificate.mentors)).toEqual(["m1", "m2"]);
    expect(stderr).toContain("greedy (best score first) would match 1 (1 fewer)");
  });

  it("--objective score --min-score drops low pairs", () => {
    const { code, stdout } = trellis("--pairs", pairs, "--objective", "score", "--min-score", "8600");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).matches).toEqual([{ mentee: "e1", mentor: "m1", score: 9000 }]);
  });

  it("--participants CSV with --config and --out .csv writes pairs with explanations", () => {
    const out = join(dir, "out.csv");
    const { code, stdout } = trellis("--participants", people, "--config", config, "--out", out);
    expect(code).toBe(0);
    expect(stdout).toContain("optimal over all");
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv[0]).toBe("mentee,mentor,score,explanation");
    expect(csv.some((line) => line.startsWith("e1,m1,"))).toBe(false); // m1 is e1's manager
    expect(csv.some((line) => line.startsWith("both,both,"))).toBe(false);
    expect(csv.slice(1).every((line) => /shared language \(hard, met\)/.test(line))).toBe(true);
  });

  it("--participants --explain --out .json includes each criterion's contribution", () => {
    const out = join(dir, "out.json");
    expect(trellis("--participants", people, "--config", config, "--explain", "--out", out).code).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(result.optimal).toBe(true);
    expect(
      result.matches[0].explanation.contributions.map((c: { criterion: string }) => c.criterion),
    ).toContain("skills wanted offered");
  });

  it.each([
    [
      "unknown id in a pair",
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "x", 1]] },
      'pairs[0][1]: unknown mentor "x"',
    ],
    [
      "duplicate id",
      { mentees: [{ id: "e" }, { id: "e" }], mentors: [], pairs: [] },
      'mentees[1].id: duplicate id "e"',
    ],
    [
      "negative capacity",
      { mentees: [{ id: "e" }], mentors: [{ id: "m", capacity: -2 }], pairs: [] },
      "mentors[0].capacity",
    ],
    [
      "non-integer score",
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "m", 1.5]] },
      "pairs[0][2]: score must be an integer",
    ],
    [
      "NaN score",
      { mentees: [{ id: "e" }], mentors: [{ id: "m" }], pairs: [["e", "m", "NaN"]] },
      "pairs[0][2]: score must be an integer",
    ],
  ])("bad pairs input (%s) exits 2 naming the place, writing nothing", (_, input, message) => {
    const out = join(dir, `never-${Math.random()}.json`);
    const { code, stderr } = trellis("--pairs", file("bad.json", JSON.stringify(input)), "--out", out);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it("malformed CSV names its line; unknown criterion names the field; both exit 2", () => {
    const csv = file("bad.csv", 'id,role\ne1,mentee\ne2,"mentor\n');
    const bad = trellis("--participants", csv, "--config", config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv line 3: malformed CSV/);
    const cfg = file("bad-config.json", JSON.stringify({ criteria: [{ kind: "vibes", weight: 2 }] }));
    const unknown = trellis("--participants", people, "--config", cfg);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('criteria[0].kind: unknown criterion "vibes"');
    expect(unknown.stdout).toBe("");
  });

  it("missing arguments exit 2 with usage", () => {
    const { code, stderr } = trellis("--objective", "best");
    expect(code).toBe(2);
    expect(stderr).toContain("--objective must be participation or score");
  });
});

describe("trellis match on the documented example (docs/examples)", () => {
  it("matches all four mentees optimally and keeps Eve away from her manager Chidi", () => {
    const run = trellis(
      "--participants",
      "docs/examples/participants.csv",
      "--config",
      "docs/examples/match-config.json",
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      matches: { mentee: string; mentor: string }[];
      matchedCount: number;
      optimal: boolean;
    };
    expect(result.matchedCount).toBe(4);
    expect(result.optimal).toBe(true);
    expect(result.matches).toContainEqual(expect.objectContaining({ mentee: "eve" }));
    expect(result.matches.find((match) => match.mentee === "eve")?.mentor).not.toBe("chidi");
  });
});
