import type { selfMatchRoutes } from "../../../contracts/self-match.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each self-match route that takes one. */
export const selfMatchSamples: SampleBodiesFor<typeof selfMatchRoutes> = {};
