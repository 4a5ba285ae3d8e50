import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildServer, isServerBuildStale, projectRoot, serverBuildDir } from "./build-server.mjs";

describe("the server build (dist/server)", () => {
  it("compiles src/ to JavaScript at the same paths, with migrations beside db/, and is then fresh", async () => {
    const { modules } = await buildServer();
    expect(modules).toBeGreaterThan(100);
    expect(isServerBuildStale()).toBe(false);
    const main = readFileSync(join(serverBuildDir, "cli/main.js"), "utf8");
    expect(main).toContain('import("./serve.command.js")');
    expect(main).not.toMatch(/from "\.[^"]*\.ts"/);
    expect(existsSync(join(serverBuildDir, "db/migrations/meta/_journal.json"))).toBe(true);
    expect(existsSync(join(serverBuildDir, "server/matching/match-run.worker.js"))).toBe(true);
    expect(existsSync(join(serverBuildDir, "web"))).toBe(false);
  });

  it("bin/trellis.js runs the build without tsx: --help answers with the command list", () => {
    const run = spawnSync(process.execPath, ["bin/trellis.js", "--help"], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: trellis <command>");
    expect(run.stdout).toContain("serve");
  });

  it("the built matcher runs in its worker threads (no TypeScript loader in the workers)", () => {
    const script = `
      const { runMatching } = await import(${JSON.stringify(join(serverBuildDir, "server/matching/run-matching.js"))});
      const participants = Array.from({ length: 30 }, (_, k) => ({
        id: (k < 10 ? "m" : "e") + k, role: k < 10 ? "mentor" : "mentee", mentorCapacity: 2, languages: ["en"],
        timeZone: "Europe/London", department: "a", yearsExperience: k % 10,
        skillsOffered: [{ skill: "go", level: 4 }], skillsWanted: [{ skill: "go", level: 3 }], goals: "go", experience: "go",
      }));
      const { result } = await runMatching({ programme: { participants }, config: { criteria: [{ kind: "skills", weight: 5 }],
        candidatesPerMentee: 3 }, objective: "participation", referenceWeek: "2026-03-30" });
      console.log(JSON.stringify({ matches: result.matches.length, optimal: result.optimal }));`;
    const file = join(mkdtempSync(join(tmpdir(), "trellis-build-")), "match.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ matches: 20, optimal: true });
  });
});
