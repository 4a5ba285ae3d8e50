import type { relationshipRoutes } from "../../../contracts/relationships.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each relationships route that takes one. */
export const relationshipSamples: SampleBodiesFor<typeof relationshipRoutes> = {
  pauseRelationship: { reason: "Parental leave for a month" },
  endRelationship: { reason: "We agreed our goals are met sooner than planned" },
  updateAgreement: {
    version: 1,
    cadence: "fortnightly",
    formats: ["video", "in_person"],
    minutesPerMonth: 120,
    confidentiality: "What we discuss stays between us unless we agree otherwise.",
    endsOn: "2099-06-30",
    firstGoals: ["Lead a design review", "Give feedback to a peer"],
  },
  confirmAgreement: { version: 1 },
  answerFitCheck: { answer: "good", note: "Our first sessions were useful." },
};
