import { describe, expect, it } from "vitest";
import { BENCH_CONFIG, generateProgramme } from "../testing/generate-programme.ts";
import type { Criterion, MatchConfig } from "./match-config.ts";
import { prepareProgramme } from "./prepare-programme.ts";
import type { PreparedProgramme } from "./prepared.ts";
import {
  addCriterionColumn,
  createRowScratch,
  FAILED,
  hasRowKernelInstance,
  scoreMenteeRow,
  setPendingInstance,
} from "./row-kernel.ts";

const week = { referenceWeek: "2026-03-30" };

/** The reference: every criterion's column added one by one (as explanations do), then exclusions. */
function referenceRow(prepared: PreparedProgramme, i: number): Int32Array {
  const out = new Int32Array(prepared.mentorIds.length);
  const scratch = createRowScratch(prepared);
  for (const c of prepared.criteria)
    addCriterionColumn(c.feature, i, c.weight, c.hard ? FAILED : 0, out, scratch);
  for (let k = prepared.exclusionStart[i]; k < prepared.exclusionStart[i + 1]; k++)
    out[prepared.exclusionMentor[k]] = 1 << 30;
  return out;
}

let loaded = 0;
async function loadInstance(prepared: PreparedProgramme): Promise<void> {
  setPendingInstance(prepared);
  const url = new URL("./row-kernel-instance.ts", import.meta.url);
  url.searchParams.set("programme", String(++loaded));
  await import(/* @vite-ignore */ url.href);
}

const configs: Record<string, MatchConfig> = {
  bench: BENCH_CONFIG,
  "hard goals and skills, a second overlap criterion, four coded groups": {
    criteria: [
      { kind: "goals", hard: true, weight: 4, minSimilarity: 0.05 },
      { kind: "skills", hard: true, weight: 3 },
      { kind: "topics", weight: 2 },
      { kind: "language", weight: 1 },
      { kind: "workingHours", weight: 2, minHours: 1 },
      { kind: "experienceGap", weight: 3 },
      { kind: "same", field: "department", weight: 1 },
      { kind: "availability", weight: 2, minHours: 1, targetHours: 3 },
    ] as Criterion[],
  },
  "no coded criterion, no text": {
    criteria: [
      { kind: "skills", weight: 5 },
      { kind: "preferences", weight: 2 },
    ] as Criterion[],
  },
};

describe("fused and specialised row kernels", () => {
  for (const [name, config] of Object.entries(configs)) {
    it(`give every pair the same raw sum as adding criterion columns one by one (${name})`, async () => {
      const programme = generateProgramme({ mentees: 400, mentors: 150, seed: 11 });
      const prepared = prepareProgramme(programme, config, week);
      const references = prepared.menteeIds.map((_, i) => referenceRow(prepared, i));
      const row = new Int32Array(prepared.mentorIds.length);
      const scratch = createRowScratch(prepared);
      const generic = references.map((_, i) => {
        scoreMenteeRow(prepared, i, row, scratch);
        return row.slice();
      });
      expect(generic).toEqual(references);
      if (name.includes("four coded groups")) expect(prepared.plan.codedGroups.length).toBeGreaterThan(3);
      await loadInstance(prepared);
      expect(hasRowKernelInstance(prepared)).toBe(true);
      const specialised = references.map((_, i) => {
        scoreMenteeRow(prepared, i, row, scratch);
        return row.slice();
      });
      expect(specialised).toEqual(references);
      // another programme keeps the generic kernel
      const other = prepareProgramme(generateProgramme({ mentees: 30, mentors: 20, seed: 3 }), config, week);
      const otherRow = new Int32Array(other.mentorIds.length);
      scoreMenteeRow(other, 5, otherRow, createRowScratch(other));
      expect(otherRow).toEqual(referenceRow(other, 5));
      expect(hasRowKernelInstance(other)).toBe(false);
    });
  }
});
