import type { ServerDeps } from "../deps.ts";

/**
 * Work the server does on a timer (expiring requests, sending reminders). It runs as a pg-boss
 * cron job (see jobs.ts): once per tick across every instance, never two runs at once. Each change
 * is still one conditional UPDATE ... RETURNING (or a row lock), so a run that overlaps a retry or
 * a manual run handles each row once.
 */
export interface PeriodicJob {
  name: string;
  /** A cron line in UTC (pg-boss's granularity is a minute). */
  cron: string;
  run(deps: ServerDeps): Promise<void>;
}
