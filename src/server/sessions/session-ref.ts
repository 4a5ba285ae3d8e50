import type { SessionRef } from "../../contracts/events.ts";
import type { SessionRecord, SessionView } from "../../db/repositories/sessions.repository.ts";

/** The parts every session event carries, from the session as it now is. */
export function sessionRef(
  view: SessionView,
  session: SessionRecord,
  actor: { userId: string; name: string } | null,
): SessionRef {
  return {
    sessionId: session.id,
    relationshipId: session.relationshipId,
    programmeId: session.programmeId,
    programmeName: view.programmeName,
    version: session.version,
    actorId: actor?.userId ?? null,
    actorName: actor?.name ?? null,
    attendeeIds: view.attendees.map((attendee) => attendee.userId),
    attendeeNames: view.attendees.map((attendee) => attendee.name),
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    status: session.status,
  };
}

/** Realtime topics a change of the session is pushed on: the pair's and each person's own. */
export function sessionTopics(view: SessionView): string[] {
  const topics = view.attendees.map((attendee) => `user:${attendee.userId}`);
  if (view.session.relationshipId) topics.push(`relationship:${view.session.relationshipId}`);
  return topics;
}
