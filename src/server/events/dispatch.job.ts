import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";

/**
 * The outbox's safety sweep, once a minute on one instance: delivers what no instance delivered
 * right after commit (it died first) and retries whose backoff has passed. The prompt path is
 * `deps.events.afterCommit()` on the instance that made the change.
 */
export const dispatchEventsJob = defineJob({
  name: "events.dispatch",
  schema: z.object({}).loose(),
  cron: "* * * * *",
  policy: "singleton",
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler(deps) {
    return (await deps.events.drain()) > 0 ? "done" : "skipped";
  },
});
