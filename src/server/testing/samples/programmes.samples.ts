import type { programmeRoutes } from "../../../contracts/programmes.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each programmes route that takes one. */
export const programmeSamples: SampleBodiesFor<typeof programmeRoutes> = {};
