import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { allJobs } from "./job-list.ts";
import { periodicJobs } from "./jobs.ts";

describe("periodic jobs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lists the request sweep, the end of pauses and the fit-check reminders, each with a distinct name and a cron line", () => {
    const names = periodicJobs.map((job) => job.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    for (const job of periodicJobs) expect(job.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  });

  it("each job runs on an empty database without failing", async () => {
    for (const job of periodicJobs) await expect(job.run(t.deps)).resolves.toBeUndefined();
  });

  it("registers every periodic job with the queue under the singleton policy (one run at a time)", () => {
    const cronJobs = allJobs.filter((job) => job.cron);
    expect(cronJobs.length).toBeGreaterThanOrEqual(periodicJobs.length + 1);
    for (const job of cronJobs) expect(job.policy).toBe("singleton");
    expect(new Set(allJobs.map((job) => job.name)).size).toBe(allJobs.length);
  });
});
