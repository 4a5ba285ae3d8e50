import type { webhookRoutes } from "../../../contracts/webhooks.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each webhook route that takes one. */
export const webhookSamples: SampleBodiesFor<typeof webhookRoutes> = {
  createWebhook: { url: "https://hooks.example.test/trellis", kinds: ["request.sent"] },
  updateWebhook: { enabled: false },
};
