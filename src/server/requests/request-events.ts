import type { DomainEvent, RequestRef } from "../../contracts/events.ts";
import type { NoticeRequest } from "./request-notices.ts";

const ref = (r: NoticeRequest): RequestRef => ({
  id: r.id,
  menteeId: r.menteeId,
  mentorId: r.mentorId,
  menteeName: r.menteeName,
  mentorName: r.mentorName,
  programmeName: r.programmeName,
});

const envelope = (r: NoticeRequest, actorId: string | null) => ({ orgId: r.orgId, subjectId: r.id, actorId });

/**
 * The domain events of a request's life, recorded in the transaction of each change. Who is told
 * what is worded from them later (request-notices.ts, through notifications/notices.ts).
 */
export const requestEvents = {
  sent: (r: NoticeRequest): DomainEvent[] => [
    { ...envelope(r, r.menteeId), kind: "request.sent", payload: { request: ref(r) } },
  ],
  accepted: (r: NoticeRequest, relationshipId: string): DomainEvent[] => [
    { ...envelope(r, r.mentorId), kind: "request.accepted", payload: { request: ref(r), relationshipId } },
  ],
  declined: (r: NoticeRequest, reason: string): DomainEvent[] => [
    {
      ...envelope(r, r.mentorId),
      kind: "request.declined",
      payload: { request: ref(r), reason, atCapacity: false },
    },
  ],
  declinedAtCapacity: (r: NoticeRequest): DomainEvent[] => [
    {
      ...envelope(r, r.mentorId),
      kind: "request.declined",
      payload: { request: ref(r), reason: null, atCapacity: true },
    },
  ],
  asked: (r: NoticeRequest, question: string): DomainEvent[] => [
    { ...envelope(r, r.mentorId), kind: "request.info_asked", payload: { request: ref(r), question } },
  ],
  answered: (r: NoticeRequest): DomainEvent[] => [
    { ...envelope(r, r.menteeId), kind: "request.answered", payload: { request: ref(r) } },
  ],
  withdrawnByMentee: (r: NoticeRequest): DomainEvent[] => [
    { ...envelope(r, r.menteeId), kind: "request.withdrawn", payload: { request: ref(r), why: "by_mentee" } },
  ],
  withdrawnMatched: (r: NoticeRequest): DomainEvent[] => [
    {
      ...envelope(r, null),
      kind: "request.withdrawn",
      payload: { request: ref(r), why: "matched_elsewhere" },
    },
  ],
  reminder: (r: NoticeRequest, turn: "mentor" | "mentee", daysLeft: number): DomainEvent[] => [
    { ...envelope(r, null), kind: "request.reminder_due", payload: { request: ref(r), turn, daysLeft } },
  ],
  expired: (r: NoticeRequest): DomainEvent[] => [
    { ...envelope(r, null), kind: "request.expired", payload: { request: ref(r) } },
  ],
  closedInactive: (r: NoticeRequest, inactive: "mentor" | "mentee"): DomainEvent[] => [
    {
      ...envelope(r, null),
      kind: "request.withdrawn",
      payload: { request: ref(r), why: inactive === "mentor" ? "mentor_inactive" : "mentee_inactive" },
    },
  ],
};
