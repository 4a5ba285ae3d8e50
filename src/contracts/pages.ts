/**
 * The web app's pages the server links to (in-app notifications, emails, Home's next steps), built
 * in one place: the server never writes a page path by hand. The web app's router declares the
 * same pages (web/app/routes.tsx `paths`); pages.test.ts keeps the two in step.
 */
const id = (value: string) => encodeURIComponent(value);

export const pages = {
  account: () => "/account",
  programmes: () => "/programmes",
  programme: (programmeId: string) => `/programmes/${id(programmeId)}`,
  programmeRegister: (programmeId: string) => `/programmes/${id(programmeId)}/register`,
  /** Mentor search (the page is titled "Find a mentor"). */
  programmeMentors: (programmeId: string) => `/programmes/${id(programmeId)}/mentors`,
  programmeParticipants: (programmeId: string, status?: string) =>
    `/programmes/${id(programmeId)}/participants${status ? `?status=${encodeURIComponent(status)}` : ""}`,
  /** My mentoring: my relationships. */
  myRelationships: () => "/mentoring",
  relationship: (relationshipId: string) => `/mentoring/relationships/${id(relationshipId)}`,
  requests: () => "/mentoring/requests",
  request: (requestId: string) => `/mentoring/requests/${id(requestId)}`,
  session: (sessionId: string) => `/sessions/${id(sessionId)}`,
} as const;

/** The router's pattern of each page above (":name" for a parameter). */
export const PAGE_PATTERNS: Record<keyof typeof pages, string> = {
  account: "/account",
  programmes: "/programmes",
  programme: "/programmes/:programmeId",
  programmeRegister: "/programmes/:programmeId/register",
  programmeMentors: "/programmes/:programmeId/mentors",
  programmeParticipants: "/programmes/:programmeId/participants",
  myRelationships: "/mentoring",
  relationship: "/mentoring/relationships/:relationshipId",
  requests: "/mentoring/requests",
  request: "/mentoring/requests/:requestId",
  session: "/sessions/:sessionId",
};
