import { z } from "zod";
import { STALE_AFTER_MS, STALE_RUN_ERROR } from "../bulk-matching/start-match-run.ts";
import type { ServerDeps } from "../deps.ts";
import { resumeEndedPausesJob } from "../enrolment/resume-pauses.job.ts";
import { fitCheckReminderJob } from "../relationships/fit-check-reminders.job.ts";
import { requestSweepJob } from "../requests/sweep-requests.ts";
import { cadenceNudgeJob, sessionSweepJob } from "../sessions/session-jobs.ts";
import { defineJob, type JobDefinition } from "./define-job.ts";
import type { PeriodicJob } from "./periodic.ts";

/** Every periodic job of the server (see periodic.ts). */
export const periodicJobs: PeriodicJob[] = [
  requestSweepJob,
  resumeEndedPausesJob,
  fitCheckReminderJob,
  sessionSweepJob,
  cadenceNudgeJob,
];

/** Fails matching runs whose runner stopped beating: its instance died (crash, kill, restart). */
export async function failInterruptedMatchRuns(deps: ServerDeps, heartbeatBefore?: Date): Promise<number> {
  const now = deps.now();
  return deps.repos.matchRuns.failStaleRunning(
    heartbeatBefore ?? new Date(now.getTime() - STALE_AFTER_MS),
    STALE_RUN_ERROR,
    now,
  );
}

const noData = z.object({}).loose();

/**
 * A periodic job as a pg-boss cron job under the `singleton` policy: one run at a time across
 * every instance, no retries (the next tick is the retry).
 */
function cronJob(job: PeriodicJob): JobDefinition<typeof noData> {
  return defineJob({
    name: job.name.replace(/[^a-z0-9.-]+/g, "-"),
    schema: noData,
    cron: job.cron,
    policy: "singleton",
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    expireInSeconds: 30 * 60,
    async handler(deps) {
      await job.run(deps);
      return "done";
    },
  });
}

export const failInterruptedMatchRunsJob = cronJob({
  name: "match-runs.fail-interrupted",
  cron: "* * * * *",
  async run(deps) {
    await failInterruptedMatchRuns(deps);
  },
});

/** Every job the queue runs; extra ones (event dispatch, email delivery) are added in job-list.ts. */
export const coreJobs: JobDefinition[] = [...periodicJobs.map(cronJob), failInterruptedMatchRunsJob];
