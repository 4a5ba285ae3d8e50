import type { relationshipRoutes } from "../../../contracts/relationships.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each relationships route that takes one. */
export const relationshipSamples: SampleBodiesFor<typeof relationshipRoutes> = {};
