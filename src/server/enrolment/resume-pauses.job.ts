import type { PeriodicJob } from "../jobs/periodic.ts";

/**
 * Ends holiday mode when its date comes: every paused enrolment whose "paused until" is today or
 * earlier becomes active again. One conditional UPDATE, so several instances may run it at once.
 * (To be listed in jobs/jobs.ts.)
 */
export const resumeEndedPausesJob: PeriodicJob = {
  name: "enrolment.resume-ended-pauses",
  cron: "*/15 * * * *",
  async run(deps) {
    await deps.repos.enrolments.resumeEndedPauses(deps.now().toISOString().slice(0, 10));
  },
};
