import type { mentoringSessionRoutes } from "../../../contracts/sessions.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each mentoring sessions route that takes one. */
export const mentoringSessionSamples: SampleBodiesFor<typeof mentoringSessionRoutes> = {
  updateMyScheduling: {
    overrides: [{ date: "2099-01-05", slots: [] }],
    minimumNoticeMinutes: 240,
    bufferMinutes: 15,
  },
  bookSession: {
    startsAt: "2099-01-06T09:00:00.000Z",
    format: "video",
    videoUrl: "https://meet.example/abc",
  },
  acceptSession: { version: 1 },
  declineSession: { version: 1, reason: "I am away that week" },
  rescheduleSession: { version: 1, startsAt: "2099-01-07T09:00:00.000Z" },
  updateSessionDetails: { version: 1, format: "in_person", location: "Room 4, second floor" },
  cancelSession: { version: 1, reason: "Ill today" },
  recordSessionOutcome: { version: 1, outcome: "held" },
  addAgendaItem: { text: "Prepare the design review" },
  updateAgendaItem: { done: true },
  addNote: { text: "We agreed to try pairing on the review.", visibility: "pair" },
  updateNote: { visibility: "only_me" },
  addActionItem: {
    text: "Send the draft to Mira",
    ownerId: "00000000-0000-4000-8000-00000000a009",
    dueOn: "2099-01-10",
  },
  updateActionItem: { done: true },
  updateSessionSettings: { instantBooking: true, lateCancelHours: 12, reminderOffsetsMinutes: [1440, 30] },
};
