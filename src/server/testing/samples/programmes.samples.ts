import type { programmeRoutes } from "../../../contracts/programmes.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

const sampleConfig = {
  criteria: [
    { kind: "skills" as const, weight: 6 },
    { kind: "language" as const, hard: true },
  ],
};

/** A valid request body for each programmes route that takes one. */
export const programmeSamples: SampleBodiesFor<typeof programmeRoutes> = {
  createProgramme: { name: "Sample programme", template: "developer-cohort", startsOn: "2026-01-05" },
  updateProgramme: { name: "Sample programme, renamed" },
  transitionProgramme: { to: "registration_open" },
  previewCriteria: { matchConfig: sampleConfig },
};
