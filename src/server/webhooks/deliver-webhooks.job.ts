import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";
import { deliverDueWebhooks } from "./deliver.ts";

/** Retries of webhook deliveries whose backoff has passed (and any a dead instance left), once a minute. */
export const deliverWebhooksJob = defineJob({
  name: "webhooks.deliver",
  schema: z.object({}).loose(),
  cron: "* * * * *",
  policy: "singleton",
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler(deps) {
    return (await deliverDueWebhooks(deps)) > 0 ? "done" : "skipped";
  },
});
