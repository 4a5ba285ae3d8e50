import type { profileRoutes } from "../../../contracts/profiles.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each profiles route that takes one. */
export const profileSamples: SampleBodiesFor<typeof profileRoutes> = {};
