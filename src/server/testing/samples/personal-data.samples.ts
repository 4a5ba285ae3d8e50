import type { personalDataRoutes } from "../../../contracts/personal-data.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each personal-data route that takes one. */
export const personalDataSamples: SampleBodiesFor<typeof personalDataRoutes> = {
  deleteMyAccount: { password: "sample-password-1" },
};
