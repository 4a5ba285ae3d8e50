import type { enrolmentRoutes } from "../../../contracts/enrolment.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

const file = { name: "people.csv", text: "email,name,role\nann@example.test,Ann Lee,mentee\n" };

/** A valid request body for each enrolment route that takes one. */
export const enrolmentSamples: SampleBodiesFor<typeof enrolmentRoutes> = {
  registerForProgramme: { role: "mentee", answers: [{ questionId: "track", value: "backend" }] },
  updateMyEnrolment: { answers: [{ questionId: "track", value: "frontend" }], mentorCapacity: 2 },
  pauseMyEnrolment: { until: "2030-01-31" },
  addParticipantsByEmail: { emails: "ann@example.test, bo@example.test", role: "mentee" },
  updateParticipant: { role: "mentor", mentorCapacity: 2 },
  declineParticipant: { reason: "The cohort is full." },
  joinProgrammeByLink: { role: "mentee", answers: [] },
  previewParticipantImport: { file, defaultRole: "mentee" },
  startParticipantImport: {
    file,
    mapping: [
      { column: 0, field: "email" },
      { column: 1, field: "name" },
      { column: 2, field: "role" },
    ],
  },
};
