import type { requestsRoutes } from "../../../contracts/requests.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each requests route that takes one. */
export const requestsSamples: SampleBodiesFor<typeof requestsRoutes> = {
  createRequest: {
    mentorId: "00000000-0000-4000-8000-00000000a00a",
    goal: "Lead the design of a service end to end within six months.",
    reality: "I build features well but have never owned an architecture decision.",
    options: "Shadow a staff engineer, write design docs, run a small project.",
    will: "Write one design doc a month and bring it to our sessions.",
    expectations: { cadence: "fortnightly", formats: ["video"], minutesPerMonth: 120, note: "" },
  },
  declineRequest: { reason: "I am fully booked until the summer." },
  askRequestInfo: { question: "Which kind of service do you have in mind?" },
  answerRequest: { answer: "A payments service with a small team." },
};
