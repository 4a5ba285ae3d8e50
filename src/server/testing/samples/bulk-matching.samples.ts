import type { bulkMatchingRoutes } from "../../../contracts/bulk-matching.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each bulk-matching route that takes one. */
export const bulkMatchingSamples: SampleBodiesFor<typeof bulkMatchingRoutes> = {
  startMatchRun: { objective: "participation", locks: "keep" },
  assignMatchMentor: { mentorId: "00000000-0000-4000-8000-00000000a00a" },
  swapMatchMentors: {
    menteeId: "00000000-0000-4000-8000-00000000a009",
    otherMenteeId: "00000000-0000-4000-8000-00000000b009",
  },
};
