import type { enrolmentRoutes } from "../../../contracts/enrolment.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each enrolment route that takes one. */
export const enrolmentSamples: SampleBodiesFor<typeof enrolmentRoutes> = {};
