import { calendarSyncJob } from "../calendar/calendar-sync.job.ts";
import { deliverEmailsJob } from "../email/deliver-emails.job.ts";
import { dispatchEventsJob } from "../events/dispatch.job.ts";
import { sessionReminderJob } from "../sessions/reminders.ts";
import { deliverWebhooksJob } from "../webhooks/deliver-webhooks.job.ts";
import type { JobDefinition } from "./define-job.ts";
import { coreJobs } from "./jobs.ts";

/** Every job definition the queue registers (cron sweeps, the event dispatcher, email delivery). */
export const allJobs: JobDefinition[] = [
  ...coreJobs,
  deliverEmailsJob,
  dispatchEventsJob,
  sessionReminderJob,
  calendarSyncJob,
  deliverWebhooksJob,
];
