import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { periodicJobs } from "./jobs.ts";
import { startPeriodicJobs } from "./periodic.ts";

describe("periodic jobs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lists the request sweep, the end of pauses and the fit-check reminders, each with a distinct name", () => {
    const names = periodicJobs.map((job) => job.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    for (const job of periodicJobs) expect(job.everyMs).toBeGreaterThan(0);
  });

  it("each job runs on an empty database without failing", async () => {
    for (const job of periodicJobs) await expect(job.run(t.deps)).resolves.toBeUndefined();
  });

  it("runs jobs on their timer, never two runs of one job at once, reports failures, and stops", async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const failures: string[] = [];
    const stop = startPeriodicJobs(
      t.deps,
      [
        {
          name: "slow",
          everyMs: 5,
          async run() {
            running++;
            if (running > 1) overlapped = true;
            runs++;
            await new Promise((resolve) => setTimeout(resolve, 30));
            running--;
          },
        },
        {
          name: "broken",
          everyMs: 5,
          async run() {
            throw new Error("boom");
          },
        },
      ],
      (job) => failures.push(job),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(overlapped).toBe(false);
    expect(runs).toBe(after);
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(["broken"]));
  });
});
