import type { bulkMatchingRoutes } from "../../../contracts/bulk-matching.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each bulk-matching route that takes one. */
export const bulkMatchingSamples: SampleBodiesFor<typeof bulkMatchingRoutes> = {};
