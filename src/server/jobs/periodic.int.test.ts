import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { allJobs } from "./job-list.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { STALE_RUN_ERROR } from "../bulk-matching/start-match-run.ts";
import { createProgramme } from "../testing/programme-fixtures.ts";
import { setUpOwner } from "../testing/test-app.ts";
import { failInterruptedMatchRuns, periodicJobs } from "./jobs.ts";

describe("periodic jobs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lists the request sweep, the end of pauses, the fit-check reminders, the session sweep and the cadence nudge, each with a distinct name and a cron line", () => {
    const names = periodicJobs.map((job) => job.name);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
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

  it("fails a matching run whose runner stopped beating (its instance died), and leaves a live one running", async () => {
    const owner = await setUpOwner(t.app);
    const orgId = owner.me.currentOrgId as OrgId;
    const programme = await createProgramme(t, orgId);
    const now = t.deps.now();
    const run = (heartbeatAt: Date) =>
      t.deps.repos.matchRuns.insert({
        orgId,
        programmeId: programme.id,
        config: {} as never,
        progress: { phase: "scoring", percent: 40, heartbeatAt: heartbeatAt.toISOString() } as never,
        startedBy: owner.me.user.id as UserId,
      });
    const dead = await run(new Date(now.getTime() - 5 * 60_000));
    const live = await run(now);
    expect(await failInterruptedMatchRuns(t.deps)).toBe(1);
    const after = await t.deps.repos.matchRuns.find(orgId, programme.id, dead.id);
    expect(after).toMatchObject({ status: "failed", error: STALE_RUN_ERROR });
    expect((await t.deps.repos.matchRuns.find(orgId, programme.id, live.id))?.status).toBe("running");
    // At start-up on PGlite every run still running is the previous process's.
    expect(await failInterruptedMatchRuns(t.deps, new Date(now.getTime() + 1_000))).toBe(1);
    expect((await t.deps.repos.matchRuns.find(orgId, programme.id, live.id))?.status).toBe("failed");
  });
});
