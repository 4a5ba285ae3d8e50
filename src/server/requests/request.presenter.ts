import type { Expectations, RequestDetail, RequestSummary } from "../../contracts/requests.ts";
import type { UserId } from "../../core/accounts/types.ts";
import type { MentoringRequestView } from "../../db/repositories/requests.repository.ts";

export type RequestViewer = "mentee" | "mentor" | "admin";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function expectationsOf(stored: Record<string, unknown>): Expectations {
  return {
    cadence: (stored.cadence as Expectations["cadence"]) ?? "fortnightly",
    formats: (stored.formats as Expectations["formats"]) ?? ["video"],
    minutesPerMonth: typeof stored.minutesPerMonth === "number" ? stored.minutesPerMonth : 120,
    note: typeof stored.note === "string" ? stored.note : "",
  };
}

/**
 * One request for one viewer. Its mentee and mentor see everything; an admin sees the people,
 * states and dates but none of what they wrote (GROW text, expectations, question, answer,
 * reasons): privacy is decided here, the only way a request leaves the server.
 */
export function presentRequestDetail(request: MentoringRequestView, viewer: RequestViewer): RequestDetail {
  const isParty = viewer !== "admin";
  return {
    id: request.id,
    programme: { id: request.programmeId, name: request.programmeName },
    mentee: { userId: request.menteeId, name: request.menteeName },
    mentor: { userId: request.mentorId, name: request.mentorName },
    viewerRole: viewer,
    status: request.status,
    grow: isParty
      ? { goal: request.goal, reality: request.reality, options: request.options, will: request.will }
      : null,
    expectations: isParty ? expectationsOf(request.expectations) : null,
    infoQuestion: isParty ? request.infoQuestion : null,
    infoAnswer: isParty ? request.infoAnswer : null,
    closeReason: isParty ? request.closeReason : null,
    relationshipId: request.relationshipId,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    respondedAt: iso(request.respondedAt),
    expiresAt: request.expiresAt.toISOString(),
    remindedAt: iso(request.remindedAt),
  };
}

/** A line of "my requests" (the viewer is always its mentee or its mentor). */
export function presentRequestSummary(request: MentoringRequestView, viewerId: UserId): RequestSummary {
  return {
    id: request.id,
    programme: { id: request.programmeId, name: request.programmeName },
    mentee: { userId: request.menteeId, name: request.menteeName },
    mentor: { userId: request.mentorId, name: request.mentorName },
    myRole: request.menteeId === viewerId ? "mentee" : "mentor",
    status: request.status,
    goal: request.goal,
    closeReason: request.closeReason,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    respondedAt: iso(request.respondedAt),
    expiresAt: request.expiresAt.toISOString(),
  };
}
