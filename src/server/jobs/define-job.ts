import type { z } from "zod";
import type { ServerDeps } from "../deps.ts";

/** What a job did: "skipped" when its target has gone or no longer needs it (not a failure). */
export type JobOutcome = "done" | "skipped";

/**
 * pg-boss's queue policies. Only `short` and `stately` (and `singleton`) honour a `singletonKey`:
 * under `standard` two sends with one key both run (verified), so a job that must not be queued
 * twice uses one of those. See docs/adr/0004-job-queue.md.
 */
export type JobPolicy = "standard" | "short" | "singleton" | "stately";

/** One kind of job: its name, the shape of its data, what it does and how it is retried. */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  handler(deps: ServerDeps, data: z.output<Schema>): Promise<JobOutcome>;
  /** Tries after the first (default 3), the first delay in seconds (default 10), doubling. */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  policy?: JobPolicy;
  /**
   * A cron line (UTC): pg-boss sends the job once per tick across every instance (its schedule
   * is kept in the database; one instance's timekeeper claims each tick).
   */
  cron?: string;
  /** A run taking longer than this is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
}

/** Names a job's definition with its data type checked at the call sites of `deps.jobs.send`. */
export function defineJob<Schema extends z.ZodType>(
  definition: JobDefinition<Schema>,
): JobDefinition<Schema> {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(definition.name)) {
    throw new Error(`Job name ${definition.name} must be lowercase letters, digits, dots, dashes.`);
  }
  return definition;
}
