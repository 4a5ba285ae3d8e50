import { deliverEmailsJob } from "../email/deliver-emails.job.ts";
import type { JobDefinition } from "./define-job.ts";
import { coreJobs } from "./jobs.ts";

/** Every job definition the queue registers (cron sweeps, the event dispatcher, email delivery). */
export const allJobs: JobDefinition[] = [...coreJobs, deliverEmailsJob];
