import type { programmeDocumentRoutes } from "../../../contracts/programme-document.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each programme-document route that takes one. */
export const programmeDocumentSamples: SampleBodiesFor<typeof programmeDocumentRoutes> = {
  importProgrammeDocument: {
    document: JSON.stringify({
      format: "trellis-programme",
      version: 1,
      programme: { name: "Imported cohort", type: "one_to_one" },
    }),
  },
};
