import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMatching } from "../checker/check-matching.ts";
import type { CandidateGraph, MatchObjective } from "../problem.ts";
import type { MatchConfig } from "../scoring/match-config.ts";
import type { Participant } from "../scoring/participant.ts";
import type { PreparedProgramme } from "../scoring/prepared.ts";
import { prepareProgramme } from "../scoring/prepare-programme.ts";
import { createRowScratch, EXCLUDED, minRawFor, rawToScore, scoreMenteeRow } from "../scoring/row-kernel.ts";
import { solveMatching } from "../solver/solve-matching.ts";
import { certifiedSolve, inProcessKernel } from "./certify.ts";
import { greedyMatching } from "./greedy.ts";
import { matchProgramme } from "./match-programme.ts";

/** Every allowed pair of the programme, by brute force over the kernel rows. */
function allPairsGraph(prepared: PreparedProgramme, minScore: number): CandidateGraph {
  const m = prepared.mentorIds.length;
  const row = new Int32Array(m);
  const scratch = createRowScratch(prepared);
  const rowStart = [0];
  const mentor: number[] = [];
  const score: number[] = [];
  const minRaw = minRawFor(minScore, prepared.weightSum);
  prepared.menteeIds.forEach((_, i) => {
    scoreMenteeRow(prepared, i, row, scratch);
    for (let j = 0; j < m; j++) {
      if (row[j] < EXCLUDED && row[j] >= minRaw) {
        mentor.push(j);
        score.push(rawToScore(row[j], prepared.weightSum));
      }
    }
    rowStart.push(mentor.length);
  });
  return {
    menteeCount: prepared.menteeIds.length,
    mentorCount: m,
    menteeCapacity: prepared.menteeCapacity,
    mentorCapacity: prepared.mentorCapacity,
    rowStart: Int32Array.from(rowStart),
    mentor: Int32Array.from(mentor),
    score: Int32Array.from(score),
  };
}

const ZONES = ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Auckland", "Europe/London"];
const SKILLS = ["python", "sql", "sales", "design"];

const participantArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    role: fc.constantFrom("mentee", "mentor", "both", "mentee", "mentor") as fc.Arbitrary<
      Participant["role"]
    >,
    mentorCapacity: fc.integer({ min: 0, max: 3 }),
    menteeCapacity: fc.constantFrom(1, 1, 1, 2, 0),
    languages: fc.subarray(["en", "fr"], { minLength: 1 }),
    department: fc.constantFrom("a", "b", "c"),
    yearsExperience: fc.integer({ min: 0, max: 20 }),
    timeZone: fc.constantFrom(...ZONES),
    skillsOffered: fc.array(
      fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.integer({ min: 1, max: 5 }) }),
      { maxLength: 3 },
    ),
    skillsWanted: fc.array(
      fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.integer({ min: 1, max: 5 }) }),
      { maxLength: 2 },
    ),
    goals: fc.constantFrom("grow python skills", "sales leadership", "design systems", ""),
    experience: fc.constantFrom("python data engineering", "sales and leadership", "design", ""),
  });

const programmeArb = fc
  .integer({ min: 2, max: 16 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, (_, k) => participantArb(`p${k}`))))
  .chain((people) =>
    fc.tuple(
      fc.constant(people),
      fc.array(fc.integer({ min: 0, max: people.length - 1 }), {
        minLength: people.length,
        maxLength: people.length,
      }),
    ),
  )
  .map(([people, managers]) =>
    people.map((p, k) => (managers[k] < k ? { ...p, managerId: people[managers[k]].id } : p)),
  );

const configArb = fc
  .record({
    languageHard: fc.boolean(),
    hoursHard: fc.boolean(),
    skills: fc.integer({ min: 0, max: 10 }),
    gap: fc.integer({ min: 1, max: 10 }),
    dept: fc.integer({ min: 0, max: 10 }),
    goals: fc.integer({ min: 0, max: 10 }),
  })
  .map(
    (w): MatchConfig => ({
      criteria: [
        { kind: "language", weight: w.languageHard ? 0 : 3, hard: w.languageHard },
        { kind: "workingHours", weight: 2, hard: w.hoursHard, minHours: 1 },
        { kind: "skills", weight: w.skills, hard: w.skills === 0 ? true : undefined },
        { kind: "experienceGap", weight: w.gap },
        { kind: "different", field: "department", weight: w.dept, hard: w.dept === 0 ? true : undefined },
        { kind: "goals", weight: w.goals, hard: w.goals === 0 ? true : undefined },
      ],
    }),
  );

describe("certified matching over all pairs", () => {
  it("equals the optimum of solving over ALL pairs, and its certificate verifies over all pairs (checker)", async () => {
    await fc.assert(
      fc.asyncProperty(
        programmeArb,
        configArb,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<MatchObjective>("participation", "score"),
        fc.constantFrom(0, 0, 4000),
        async (participants, config, k, objective, minScore) => {
          const prepared = prepareProgramme({ participants }, config, { referenceWeek: "2026-03-30" });
          const all = allPairsGraph(prepared, minScore);
          const optimum = solveMatching(all, { objective, minScore });
          const solved = await certifiedSolve(prepared, inProcessKernel(prepared), {
            objective,
            minScore,
            candidatesPerMentee: k,
          });
          expect(solved.optimal).toBe(true);
          expect(solved.result.totalScore).toBe(optimum.totalScore);
          // Under "score" optima may match different numbers of people (a pair scoring 0 adds
          // nothing; two pairs of 5,000 tie one of 10,000): only "participation" ranks by count.
          if (objective === "participation") {
            expect(solved.result.matchedCount).toBe(optimum.matchedCount);
          }
          const violations = checkMatching(solved.graph, solved.result.edgeChosen, {
            objective,
            minScore,
            duals: solved.result.duals,
            forEachPair: (visit) => {
              for (let i = 0; i < all.menteeCount; i++) {
                for (let e = all.rowStart[i]; e < all.rowStart[i + 1]; e++)
                  visit(i, all.mentor[e], all.score[e]);
              }
            },
          });
          expect(violations).toEqual([]);
          const greedy = greedyMatching(solved.graph, minScore);
          if (objective === "score") expect(greedy.totalScore).toBeLessThanOrEqual(optimum.totalScore);
          else expect(greedy.matchedCount).toBeLessThanOrEqual(optimum.matchedCount);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("prices out: with K = 1 a mentor wanted by everyone forces pricing rounds, still optimal", async () => {
    const participants: Participant[] = [
      { id: "star", role: "mentor", mentorCapacity: 1, languages: ["en"], yearsExperience: 12 },
      ...Array.from(
        { length: 5 },
        (_, k): Participant => ({ id: `m${k}`, role: "mentor", languages: ["en"], yearsExperience: 5 + k }),
      ),
      ...Array.from(
        { length: 5 },
        (_, k): Participant => ({ id: `e${k}`, role: "mentee", languages: ["en"], yearsExperience: k }),
      ),
    ];
    const config: MatchConfig = {
      criteria: [{ kind: "experienceGap", weight: 5, minGap: 8, maxGap: 12, tolerance: 10 }],
      candidatesPerMentee: 1,
    };
    const result = await matchProgramme({ participants }, config, {
      objective: "participation",
      referenceWeek: "2026-03-30",
    });
    expect(result.optimal).toBe(true);
    expect(result.matchedCount).toBe(5);
    expect(result.stats.pricingRounds).toBeGreaterThan(0);
  });

  it("a time budget stops pricing early: optimal false with a gap that bounds the loss", async () => {
    const participants: Participant[] = [
      ...Array.from(
        { length: 6 },
        (_, k): Participant => ({ id: `m${k}`, role: "mentor", yearsExperience: 4 + 3 * k }),
      ),
      ...Array.from(
        { length: 6 },
        (_, k): Participant => ({ id: `e${k}`, role: "mentee", yearsExperience: k }),
      ),
    ];
    const config: MatchConfig = {
      criteria: [{ kind: "experienceGap", weight: 5, minGap: 9, maxGap: 9, tolerance: 20 }],
    };
    const prepared = prepareProgramme({ participants }, config, { referenceWeek: "2026-03-30" });
    const exact = await certifiedSolve(prepared, inProcessKernel(prepared), {
      objective: "score",
      candidatesPerMentee: 1,
    });
    let solves = 0;
    const stopped = await certifiedSolve(prepared, inProcessKernel(prepared), {
      objective: "score",
      candidatesPerMentee: 1,
      shouldStop: () => solves++ > 0,
    });
    expect(exact.optimal).toBe(true);
    expect(stopped.optimal).toBe(false);
    expect(stopped.result.totalScore).toBeLessThan(exact.result.totalScore);
    expect(stopped.gap).toBeGreaterThanOrEqual(exact.result.totalScore - stopped.result.totalScore);
  });

  it("no feasible mentor, capacity 0 and all-full are told apart in the unmatched reasons", async () => {
    const participants: Participant[] = [
      { id: "m", role: "mentor", mentorCapacity: 1, languages: ["en"] },
      { id: "z", role: "mentor", mentorCapacity: 0, languages: ["en"] },
      { id: "e-fr", role: "mentee", languages: ["fr"] },
      { id: "e-off", role: "mentee", menteeCapacity: 0, languages: ["en"] },
      { id: "e1", role: "mentee", languages: ["en"] },
      { id: "e2", role: "mentee", languages: ["en"] },
    ];
    const result = await matchProgramme(
      { participants },
      { criteria: [{ kind: "language", hard: true }] },
      {
        objective: "participation",
        referenceWeek: "2026-03-30",
      },
    );
    expect(result.matchedCount).toBe(1);
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.mentee, u.reason]));
    expect(reasons["e-fr"]).toBe(
      "no allowed mentor: every mentor excluded by hard rule: shared language (2)",
    );
    expect(reasons["e-off"]).toBe("capacity 0: takes no mentor");
    expect(reasons[result.matches[0].mentee === "e1" ? "e2" : "e1"]).toBe("all allowed mentors are full");
  });

  it("all ties: the same input gives the same output", async () => {
    const participants: Participant[] = [
      ...Array.from(
        { length: 4 },
        (_, k): Participant => ({ id: `m${k}`, role: "mentor", languages: ["en"] }),
      ),
      ...Array.from(
        { length: 6 },
        (_, k): Participant => ({ id: `e${k}`, role: "mentee", languages: ["en"] }),
      ),
    ];
    const run = () =>
      matchProgramme(
        { participants },
        { criteria: [{ kind: "language", weight: 1 }], candidatesPerMentee: 2 },
        {
          objective: "score",
          referenceWeek: "2026-03-30",
        },
      );
    const [a, b] = [await run(), await run()];
    expect(a.matches).toEqual(b.matches);
    expect(a.totalScore).toBe(40_000);
  });

  it("minimum score: pairs below it are never matched", async () => {
    const participants: Participant[] = [
      { id: "m", role: "mentor", yearsExperience: 30 },
      { id: "e", role: "mentee", yearsExperience: 0 },
    ];
    const result = await matchProgramme(
      { participants },
      { criteria: [{ kind: "experienceGap", weight: 1 }] },
      {
        objective: "participation",
        minScore: 5000,
        referenceWeek: "2026-03-30",
      },
    );
    expect(result.matchedCount).toBe(0);
    expect(result.unmatched[0].reason).toMatch(
      /^below minimum score: the best allowed mentor scores 0 < 5000/,
    );
  });
});
