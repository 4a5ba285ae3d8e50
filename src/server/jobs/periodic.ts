import type { ServerDeps } from "../deps.ts";

/**
 * Work the server does on a timer (expiring requests, sending reminders). Every job must be safe
 * when several instances run it at once: each change is one conditional UPDATE ... RETURNING (or
 * a row lock), so a row is handled by exactly one instance.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(deps: ServerDeps): Promise<void>;
}

/** Starts the jobs; the returned function stops them and waits for a run in progress. */
export function startPeriodicJobs(
  deps: ServerDeps,
  jobs: readonly PeriodicJob[],
  onError: (job: string, error: unknown) => void,
): () => Promise<void> {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = job
        .run(deps)
        .catch((error) => onError(job.name, error))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all([...running]);
  };
}
