import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalCalendar,
  ICalEventStatus,
} from "ical-generator";
import { DateTime } from "luxon";

/** What an invitation or a feed says about one session (the sessions feature maps its rows here). */
export interface IcsSession {
  sessionId: string;
  /** The session's version (+1 on every change of time or state): the SEQUENCE. */
  version: number;
  cancelled: boolean;
  /** Proposed but not yet accepted: TENTATIVE. */
  tentative?: boolean;
  startsAt: number;
  endsAt: number;
  /** The booker's zone: times are written in it, with its VTIMEZONE. */
  timeZone: string;
  title: string;
  description?: string | null;
  location?: string | null;
  videoUrl?: string | null;
  /** The session's page in Trellis. */
  url?: string | null;
  organizer: { name: string; email: string };
  attendees: readonly { name: string; email: string }[];
  /** When the session last changed (DTSTAMP and LAST-MODIFIED). */
  updatedAt: number;
}

/** The UID of a session in every calendar, stable across changes: `<sessionId>@<host>`. */
export function sessionUid(sessionId: string, host: string): string {
  return `${sessionId}@${host}`;
}

const PRODID = "//Trellis//Mentoring sessions//EN";

function newCalendar(method: ICalCalendarMethod | null, name?: string): ICalCalendar {
  const calendar = ical({ prodId: PRODID, ...(method ? { method } : {}), ...(name ? { name } : {}) });
  // A generator without a calendar-wide name: each event's zone gets its VTIMEZONE, and no
  // X-WR-TIMEZONE moves floating times. The times themselves are Luxon dates in that zone
  // (a native Date with a TZID writes the wrong wall time).
  calendar.timezone({ name: null, generator: getVtimezoneComponent } as unknown as Parameters<
    ICalCalendar["timezone"]
  >[0]);
  return calendar;
}

function addEvent(calendar: ICalCalendar, session: IcsSession, host: string, forInvite: boolean): void {
  const zoned = (ms: number) => DateTime.fromMillis(ms, { zone: "utc" }).setZone(session.timeZone);
  const description = [
    session.description ?? null,
    session.videoUrl ? `Join: ${session.videoUrl}` : null,
    session.url ? `Session page: ${session.url}` : null,
  ]
    .filter((line): line is string => line !== null && line !== "")
    .join("\n\n");
  calendar.createEvent({
    id: sessionUid(session.sessionId, host),
    sequence: session.version,
    stamp: new Date(session.updatedAt),
    lastModified: new Date(session.updatedAt),
    start: zoned(session.startsAt),
    end: zoned(session.endsAt),
    timezone: session.timeZone,
    summary: session.title,
    description: description || null,
    location: session.location ?? (session.videoUrl || null),
    url: session.url ?? null,
    status: session.cancelled
      ? ICalEventStatus.CANCELLED
      : session.tentative
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED,
    organizer: { name: cn(session.organizer.name), email: session.organizer.email },
    attendees: session.attendees.map((attendee) => ({
      name: cn(attendee.name),
      email: attendee.email,
      role: ICalAttendeeRole.REQ,
      status: session.cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      rsvp: forInvite && !session.cancelled ? false : null,
    })),
  });
}

/**
 * A display name as a CN parameter: RFC 5545 parameter values cannot hold a double quote, and
 * ical-generator writes it as `\"`, which ends the quoted value early in every parser.
 */
const cn = (name: string) => name.replace(/"/g, "'").replace(/[\r\n]+/g, " ");

/** RFC 5545 wants every line ended by CRLF, the last one too. */
const finish = (calendar: ICalCalendar) => `${calendar.toString().replace(/\r?\n$/, "")}\r\n`;

/**
 * The invitation attached to a booking, change or cancellation email: METHOD:REQUEST for a
 * booking or a move (same UID, higher SEQUENCE, so the calendar updates the one it has),
 * METHOD:CANCEL with STATUS:CANCELLED for a cancellation (a cancel sent as REQUEST stays in
 * calendars).
 */
export function invitationIcs(
  session: IcsSession,
  host: string,
): { method: "REQUEST" | "CANCEL"; ics: string } {
  const method = session.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = newCalendar(method);
  addEvent(calendar, session, host, true);
  return { method: session.cancelled ? "CANCEL" : "REQUEST", ics: finish(calendar) };
}

/** One session as stored in a CalDAV calendar: no METHOD (RFC 4791 forbids it in stored objects). */
export function caldavObjectIcs(session: IcsSession, host: string): string {
  const calendar = newCalendar(null);
  addEvent(calendar, session, host, false);
  return finish(calendar);
}

/** A person's subscription feed: their sessions, no METHOD, cancelled ones marked CANCELLED. */
export function feedIcs(sessions: readonly IcsSession[], host: string, name: string): string {
  const calendar = newCalendar(null, name);
  for (const session of sessions) addEvent(calendar, session, host, false);
  return finish(calendar);
}
