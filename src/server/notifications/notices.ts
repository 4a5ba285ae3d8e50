import type { DomainEvent, RequestRef } from "../../contracts/events.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { type NoticeRequest, requestNotices } from "../requests/request-notices.ts";
import { isSessionEvent, sessionNotices } from "../sessions/session-notices.ts";
import type { Notice } from "./notice.ts";
import { RELATIONSHIP_EVENT_KINDS, relationshipEventNotice } from "./relationship-notices.ts";
import { pages } from "../../contracts/pages.ts";

/** How the reader reads: their language and time zone (English only today; the seam for more). */
export interface ReaderContext {
  locale: string;
  timeZone: string;
}

/** "7 Dec 2026, 21:40 UTC" in the reader's zone, the zone named (UTC when unknown). */
export function formatTime(iso: string, reader?: ReaderContext): string {
  const timeZone = reader?.timeZone ?? "UTC";
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(reader?.locale ?? "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
  } catch {
    return formatTime(iso);
  }
  return `${format.format(new Date(iso))} ${timeZone}`;
}

const request = (orgId: string, ref: RequestRef): NoticeRequest =>
  ({ ...ref, orgId: orgId as OrgId }) as NoticeRequest;

/**
 * Everything an event tells whom, in words: one notice per recipient. The notifications consumer
 * takes the recipients from it (and stores only event + recipient); the list renders the reader's
 * notice from it when read, the email consumer when it sends. One place for all the wording.
 */
export function noticesFor(event: DomainEvent, reader?: ReaderContext): Notice[] {
  const orgId = event.orgId as OrgId;
  switch (event.kind) {
    case "request.sent":
      return requestNotices.sent(request(orgId, event.payload.request));
    case "request.accepted":
      return requestNotices.accepted(request(orgId, event.payload.request), event.payload.relationshipId);
    case "request.declined":
      return event.payload.atCapacity
        ? requestNotices.declinedAtCapacity(request(orgId, event.payload.request))
        : requestNotices.declined(request(orgId, event.payload.request), event.payload.reason ?? "");
    case "request.withdrawn": {
      const r = request(orgId, event.payload.request);
      switch (event.payload.why) {
        case "by_mentee":
          return requestNotices.withdrawnByMentee(r);
        case "matched_elsewhere":
          return requestNotices.withdrawnMatched(r);
        case "mentor_inactive":
          return requestNotices.closedInactive(r, "mentor");
        case "mentee_inactive":
          return requestNotices.closedInactive(r, "mentee");
      }
      return [];
    }
    case "request.info_asked":
      return requestNotices.asked(request(orgId, event.payload.request), event.payload.question);
    case "request.answered":
      return requestNotices.answered(request(orgId, event.payload.request));
    case "request.expired":
      return requestNotices.expired(request(orgId, event.payload.request));
    case "request.reminder_due":
      return requestNotices.reminder(
        request(orgId, event.payload.request),
        event.payload.turn,
        event.payload.daysLeft,
      );
    case "relationship.proposed": {
      const p = event.payload;
      const link = pages.relationship(p.relationshipId);
      const body = (other: string) =>
        `You are matched with ${other} in ${p.programmeName}. Agree how you will work together to start your mentoring.`;
      return [
        {
          orgId,
          userId: p.menteeId as UserId,
          kind: event.kind,
          title: `You have a mentor: ${p.mentorName}`,
          body: body(p.mentorName),
          link,
          actionLabel: "Meet your mentor",
        },
        {
          orgId,
          userId: p.mentorId as UserId,
          kind: event.kind,
          title: `You have a new mentee: ${p.menteeName}`,
          body: body(p.menteeName),
          link,
          actionLabel: "Meet your mentee",
        },
      ];
    }
    case "enrolment.pending": {
      const p = event.payload;
      return p.adminIds.map((userId) => ({
        orgId,
        userId: userId as UserId,
        kind: event.kind,
        title: `${p.registrantName} registered for ${p.programmeName}`,
        body: "Their registration waits for your approval.",
        link: pages.programmeParticipants(p.programmeId, "pending_approval"),
        email: false,
      }));
    }
    case "enrolment.added": {
      // The email is their own ("you were added", or "set your password"), sent by the import.
      const p = event.payload;
      return p.userIds.map((userId) => ({
        orgId,
        userId: userId as UserId,
        kind: event.kind,
        title: `You were added to ${p.programmeName}`,
        body: "Check your role and answer the programme's questions so you can be matched.",
        link: pages.programmeRegister(p.programmeId),
        email: false,
      }));
    }
    case "enrolment.approved":
      return [
        {
          orgId,
          userId: event.payload.userId as UserId,
          kind: event.kind,
          title: `You are in: ${event.payload.programmeName}`,
          body: "Your registration was approved. You can now be matched.",
          link: pages.programmeRegister(event.payload.programmeId),
          actionLabel: "See your registration",
        },
      ];
    case "enrolment.declined":
      return [
        {
          orgId,
          userId: event.payload.userId as UserId,
          kind: event.kind,
          title: `Your registration for ${event.payload.programmeName} was declined`,
          body: event.payload.reason
            ? `The programme's admins said: ${event.payload.reason}`
            : "The programme's admins did not give a reason. Ask them if you would like to know more.",
          link: pages.programmes(),
          actionLabel: "See programmes",
        },
      ];
    case "enrolment.removed":
      return [
        {
          orgId,
          userId: event.payload.userId as UserId,
          kind: event.kind,
          title: `You were removed from ${event.payload.programmeName}`,
          body: "An admin of the programme removed you. Ask them if you think this is a mistake.",
          link: pages.programmes(),
          email: false,
        },
      ];
    case "account.reset_issued": {
      const p = event.payload;
      const at = (iso: string) => formatTime(iso, reader);
      return [
        {
          orgId,
          userId: p.userId as UserId,
          kind: event.kind,
          title: `${p.actorName} issued a password reset link for your account`,
          body:
            `On ${at(p.issuedAt)} ${p.actorName} (an ${p.actorRole} of ${p.orgName}) created a one-time link ` +
            `that sets a new password for your account. It works once, until ${at(p.expiresAt)}. If you did ` +
            "not ask for it, sign in and change your password, and tell an owner.",
          link: pages.account(),
          actionLabel: "Open my account",
        },
      ];
    }
    case "relationship.changed":
      // A line of the pair's history: nobody is told by it (the change's notice is its own event).
      return [];
    default:
      if (isSessionEvent(event)) return sessionNotices(event, reader);
      if ((RELATIONSHIP_EVENT_KINDS as readonly string[]).includes(event.kind))
        return [relationshipEventNotice(event as Parameters<typeof relationshipEventNotice>[0])];
      return [];
  }
}

/** The one notice an event gives one reader, or null when it is not addressed to them. */
export function noticeFor(event: DomainEvent, userId: string, reader?: ReaderContext): Notice | null {
  return noticesFor(event, reader).find((notice) => notice.userId === userId) ?? null;
}
