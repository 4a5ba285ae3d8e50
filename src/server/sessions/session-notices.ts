import type { DomainEvent, EventPayload, SessionRef } from "../../contracts/events.ts";
import { pages } from "../../contracts/pages.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Notice } from "../notifications/notice.ts";
import { formatTime, type ReaderContext } from "../notifications/notices.ts";

/** The session event kinds (every one tells someone). */
export const SESSION_EVENT_KINDS = [
  "session.proposed",
  "session.confirmed",
  "session.rescheduled",
  "session.cancelled",
  "session.declined",
  "session.recorded",
  "session.reminder",
  "session.cadence_lapsed",
] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

export function isSessionEvent(
  event: DomainEvent,
): event is Extract<DomainEvent, { kind: SessionEventKind }> {
  return (SESSION_EVENT_KINDS as readonly string[]).includes(event.kind);
}

/** Kinds whose email is the calendar invitation (sent by the calendar consumer, not the notice email). */
const INVITE_KINDS = new Set<string>([
  "session.confirmed",
  "session.rescheduled",
  "session.cancelled",
  "session.declined",
]);

/** The web page of one session. */
export const sessionLink = (sessionId: string) => pages.session(sessionId);

const CADENCE_WORDS: Record<string, string> = {
  weekly: "every week",
  fortnightly: "every two weeks",
  monthly: "every month",
  as_needed: "as needed",
};

/** The names of everyone in the session but `userId` ("Mira and Tom"). */
function others(ref: SessionRef, userId: string): string {
  const names = ref.attendeeIds
    .map((id, index) => (id === userId ? null : (ref.attendeeNames[index] ?? "")))
    .filter((name): name is string => !!name);
  if (names.length <= 1) return names[0] ?? "your pair";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Everyone but the actor. */
function recipients(ref: SessionRef): UserId[] {
  return ref.attendeeIds.filter((id) => id !== ref.actorId) as UserId[];
}

/**
 * What each session event tells whom, in the reader's zone ("Tue 3 Mar 2026, 18:00 Europe/Berlin").
 * Notes and agenda never travel in a notice; a reminder goes to everyone in the session.
 */
export function sessionNotices(
  event: Extract<DomainEvent, { kind: SessionEventKind }>,
  reader?: ReaderContext,
): Notice[] {
  const orgId = event.orgId as OrgId;
  const when = (iso: string) => formatTime(iso, reader);
  if (event.kind === "session.cadence_lapsed") {
    const p = event.payload;
    const link = pages.relationship(p.relationshipId);
    const cadence = CADENCE_WORDS[p.cadence] ?? p.cadence;
    return [
      { userId: p.menteeId, other: p.mentorName },
      { userId: p.mentorId, other: p.menteeName },
    ].map(({ userId, other }) => ({
      orgId,
      userId: userId as UserId,
      kind: event.kind,
      title: `Time to book your next session with ${other}`,
      body: `You agreed to meet ${cadence} in ${p.programmeName}; nothing is booked. Find a time that suits you both.`,
      link,
      actionLabel: "Find a time",
    }));
  }
  const p = event.payload;
  const link = sessionLink(p.sessionId);
  const actor = p.actorName ?? "Trellis";
  const time = when(p.startsAt);
  const each = (
    userIds: UserId[],
    words: (userId: UserId) => { title: string; body: string; actionLabel?: string; email?: boolean },
  ): Notice[] =>
    userIds.map((userId) => ({
      orgId,
      userId,
      kind: event.kind,
      link,
      actionLabel: "Open the session",
      // The calendar consumer emails these four with the invitation attached (one email each).
      ...(INVITE_KINDS.has(event.kind) ? { email: false } : {}),
      ...words(userId),
    }));
  switch (event.kind) {
    case "session.proposed": {
      const series = (event.payload as EventPayload<"session.proposed">).occurrences;
      // 0: a later occurrence of a series; its first session's event told the people.
      if (series === 0) return [];
      return each(recipients(p), () => ({
        title: `${actor} proposed a session: ${time}`,
        body:
          series > 1
            ? `${actor} proposed ${series} sessions in ${p.programmeName}, the first on ${time}. Accept, decline or propose another time.`
            : `${actor} proposed a session in ${p.programmeName} on ${time}. Accept, decline or propose another time.`,
        actionLabel: "Answer",
      }));
    }
    case "session.confirmed": {
      const payload = event.payload as EventPayload<"session.confirmed">;
      if (!payload.accepted && payload.occurrences === 0) return [];
      return each(recipients(p), () => ({
        title: payload.accepted ? `${actor} accepted: ${time}` : `${actor} booked a session: ${time}`,
        body: payload.accepted
          ? `Your session in ${p.programmeName} on ${time} is confirmed.`
          : payload.occurrences > 1
            ? `${actor} booked ${payload.occurrences} sessions with you in ${p.programmeName}, the first on ${time}.`
            : `${actor} booked a session with you in ${p.programmeName} on ${time}.`,
      }));
    }
    case "session.rescheduled": {
      const payload = event.payload as EventPayload<"session.rescheduled">;
      const needsAnswer = p.status === "proposed";
      return each(recipients(p), () => ({
        title: `${actor} moved your session to ${time}`,
        body: `Your session in ${p.programmeName} moved from ${when(payload.previousStartsAt)} to ${time}.${needsAnswer ? " Accept the new time, decline it or propose another." : ""}`,
        actionLabel: needsAnswer ? "Answer" : "Open the session",
      }));
    }
    case "session.cancelled": {
      const payload = event.payload as EventPayload<"session.cancelled">;
      return each(recipients(p), () => ({
        title: `${actor} cancelled the session on ${time}`,
        body: `${actor} cancelled your session in ${p.programmeName}${payload.late ? " at short notice" : ""}: "${payload.reason}".`,
        actionLabel: "Find another time",
      }));
    }
    case "session.declined": {
      const payload = event.payload as EventPayload<"session.declined">;
      return each(recipients(p), () => ({
        title: `${actor} declined the time ${time}`,
        body: payload.reason
          ? `${actor} cannot meet then: "${payload.reason}". Propose another time.`
          : `${actor} cannot meet then. Propose another time.`,
        actionLabel: "Propose another time",
      }));
    }
    case "session.recorded": {
      const payload = event.payload as EventPayload<"session.recorded">;
      return each(recipients(p), (userId) =>
        payload.outcome === "held"
          ? {
              title: `${actor} marked your session of ${time} as held`,
              body: "Add your notes and action items while they are fresh.",
              email: false,
            }
          : {
              title: payload.absentUserIds.includes(userId)
                ? `${actor} recorded that you missed the session of ${time}`
                : `${actor} recorded the session of ${time} as missed`,
              body: `If this is wrong, tell ${actor} or the programme's coordinators.`,
            },
      );
    }
    case "session.reminder": {
      const payload = event.payload as EventPayload<"session.reminder">;
      const soon = payload.offsetMinutes >= 1440 ? "tomorrow" : "soon";
      return each(p.attendeeIds as UserId[], (userId) => ({
        title: `Reminder: your session with ${others(p, userId)} ${soon}, ${time}`,
        body: `Your session in ${p.programmeName} starts ${time}. Look at the agenda before you meet.`,
      }));
    }
  }
  return [];
}
