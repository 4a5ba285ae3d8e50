import type { emailRoutes } from "../../../contracts/email.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each email route that takes one. */
export const emailSamples: SampleBodiesFor<typeof emailRoutes> = {
  saveEmailTemplate: { subject: "Join {{orgName}}", body: "Hello,\n\n[Accept]({{url}})" },
};
