import { resumeEndedPausesJob } from "../enrolment/resume-pauses.job.ts";
import { fitCheckReminderJob } from "../relationships/fit-check-reminders.job.ts";
import { requestSweepJob } from "../self-match/sweep-requests.ts";
import type { PeriodicJob } from "./periodic.ts";

/** Every periodic job of the server (see periodic.ts). */
export const periodicJobs: PeriodicJob[] = [requestSweepJob, resumeEndedPausesJob, fitCheckReminderJob];
