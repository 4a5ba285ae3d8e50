import { describe, expect, it } from "vitest";
import { type MatchConfig, matchProgramme, type Participant } from "../../core/matching/index.ts";
import { runMatching } from "./run-matching.ts";

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_103_515_245 + 12_345) >>> 0;
    return a / 4_294_967_296;
  };
}

function programme(mentees: number, mentors: number): Participant[] {
  const rand = seeded(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const zones = ["Europe/London", "Asia/Kolkata", "America/New_York", "America/St_Johns"];
  const skills = ["python", "sql", "sales", "design", "go", "kubernetes"];
  return Array.from({ length: mentees + mentors }, (_, k): Participant => {
    const isMentor = k < mentors;
    return {
      id: `${isMentor ? "m" : "e"}${k}`,
      role: isMentor ? (k % 10 === 0 ? "both" : "mentor") : "mentee",
      mentorCapacity: 1 + Math.floor(rand() * 4),
      languages: rand() < 0.9 ? ["en"] : ["fr"],
      timeZone: pick(zones),
      department: pick(["a", "b", "c"]),
      yearsExperience: isMentor ? 5 + Math.floor(rand() * 20) : Math.floor(rand() * 8),
      skillsOffered: [
        { skill: pick(skills), level: 4 },
        { skill: pick(skills), level: 3 },
      ],
      skillsWanted: [{ skill: pick(skills), level: 3 }],
      goals: `${pick(skills)} ${pick(["leadership", "career", "architecture"])}`,
      experience: `${pick(skills)} ${pick(skills)} ${pick(["leadership", "mentoring", "platform"])}`,
    };
  });
}

const config: MatchConfig = {
  criteria: [
    { kind: "language", hard: true },
    { kind: "workingHours", weight: 2, minHours: 2 },
    { kind: "skills", weight: 5 },
    { kind: "goals", weight: 3 },
    { kind: "experienceGap", weight: 3 },
    { kind: "different", field: "department", weight: 1 },
  ],
  candidatesPerMentee: 3,
};
const input = {
  programme: { participants: programme(600, 150) },
  config,
  objective: "participation" as const,
  referenceWeek: "2026-03-30",
};

describe("matching in worker threads", () => {
  it("gives the same result as matching in this thread, with progress by phase", async () => {
    const phases = new Set<string>();
    const { result } = await runMatching(input, { onProgress: ({ phase }) => phases.add(phase) });
    const local = await matchProgramme(input.programme, config, input);
    expect(result.matches).toEqual(local.matches);
    expect(result.certificate).toEqual(local.certificate);
    expect(result.optimal).toBe(true);
    expect([...phases]).toEqual(expect.arrayContaining(["preparing", "scoring", "solving"]));
  });

  it("keeps this thread's event loop free while it runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    await runMatching(input);
    clearInterval(timer);
    const elapsed = performance.now() - started;
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });

  it("cancels on abort: rejects with the signal's reason and stops its threads", async () => {
    const controller = new AbortController();
    const run = runMatching(
      { ...input, programme: { participants: programme(3000, 600) } },
      {
        signal: controller.signal,
        onProgress: ({ phase }) => {
          if (phase === "scoring") controller.abort(new Error("cancelled by the manager"));
        },
      },
    );
    await expect(run).rejects.toThrow("cancelled by the manager");
  });

  it("reports bad input as the same MatchInputError", async () => {
    const bad = {
      ...input,
      config: { criteria: [{ kind: "same" as const, field: "department" as const, weight: 1 }] },
      programme: { participants: [programme(1, 1)[0], programme(1, 1)[0]] },
    };
    await expect(runMatching(bad)).rejects.toThrow(/participants\[1\]\.id: duplicate id/);
  });
});
