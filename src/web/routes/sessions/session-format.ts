import { DateTime } from "luxon";
import type {
  NoteVisibility,
  Session,
  SessionFormat,
  SessionStatusValue,
} from "../../../contracts/sessions.ts";
import { zoneName } from "../../components/format.ts";

/**
 * Words and times of the session screens. Every instant is shown in a named zone: the viewer's
 * profile zone first, the other person's beside it ("Tue 18:00 for you · 09:00 for Mira").
 */
const LOCALE = "en-GB";

function at(iso: string, timeZone: string): DateTime {
  const time = DateTime.fromISO(iso, { zone: timeZone, locale: LOCALE });
  return time.isValid ? time : DateTime.fromISO(iso, { zone: "UTC", locale: LOCALE });
}

/** "18:00" */
export function clock(iso: string, timeZone: string): string {
  return at(iso, timeZone).toFormat("HH:mm");
}

/** "Tue 18:00" */
export function dayClock(iso: string, timeZone: string): string {
  return at(iso, timeZone).toFormat("ccc HH:mm");
}

/** "Tuesday 8 December" (the day heading of a slot list) */
export function longDay(iso: string, timeZone: string): string {
  return at(iso, timeZone).toFormat("cccc d LLLL");
}

/** The local date "2026-12-08" of an instant in a zone. */
export function localDay(iso: string, timeZone: string): string {
  return at(iso, timeZone).toISODate() ?? iso.slice(0, 10);
}

/** "Tue 8 Dec 2026, 18:00–19:00" */
export function sessionWhen(startsAt: string, endsAt: string, timeZone: string): string {
  const start = at(startsAt, timeZone);
  const end = at(endsAt, timeZone);
  const sameDay = start.hasSame(end, "day");
  return `${start.toFormat("ccc d LLL yyyy, HH:mm")}–${end.toFormat(sameDay ? "HH:mm" : "ccc d LLL, HH:mm")}`;
}

/**
 * The other person's local time beside mine: "09:00 for Mira", with their weekday when their
 * date differs from mine ("Wed 02:00 for Mira").
 */
export function theirTime(iso: string, myZone: string, person: { name: string; timeZone: string }): string {
  const mine = at(iso, myZone);
  const theirs = at(iso, person.timeZone);
  const differentDay = mine.toISODate() !== theirs.toISODate();
  return `${theirs.toFormat(differentDay ? "ccc HH:mm" : "HH:mm")} for ${firstName(person.name)}`;
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/** "Europe/Berlin" → "Berlin time" is ambiguous for people; keep the IANA name, readable. */
export function zoneLabel(timeZone: string): string {
  return zoneName(timeZone);
}

export const STATUS_LABEL: Record<SessionStatusValue, string> = {
  proposed: "Proposed",
  confirmed: "Confirmed",
  held: "Held",
  no_show: "Missed",
  cancelled: "Cancelled",
  declined: "Declined",
  expired: "Expired",
};

export const STATUS_TONE: Record<SessionStatusValue, string> = {
  proposed: "badge--info",
  confirmed: "badge--success",
  held: "badge--neutral",
  no_show: "badge--warning",
  cancelled: "badge--neutral",
  declined: "badge--neutral",
  expired: "badge--neutral",
};

export const FORMAT_LABEL: Record<SessionFormat, string> = {
  video: "Video call",
  in_person: "In person",
  phone: "Phone",
};

export const VISIBILITY_LABEL: Record<NoteVisibility, string> = {
  only_me: "Only me",
  pair: "Both of us",
  coordinators: "Both of us and the programme's coordinators",
};

/** Who can read a note, said plainly. */
export function visibilityWords(visibility: NoteVisibility, otherName: string | null, mine: boolean): string {
  if (visibility === "only_me") return mine ? "Only you can read this" : "Only its author can read this";
  const other = otherName ? firstName(otherName) : "the other side";
  if (visibility === "pair") return `You and ${other} can read this`;
  return `You, ${other} and the programme's coordinators can read this`;
}

/** The other people of a session, as the viewer sees them. */
export function othersOf(session: Session, viewerId: string) {
  return session.attendees.filter((attendee) => attendee.userId !== viewerId);
}

/** "with Mira Okafor" / "Leo Martins and Mira Okafor" (managers) */
export function withWords(session: Session, viewerId: string): string {
  const others = othersOf(session, viewerId);
  if (others.length === session.attendees.length)
    return session.attendees.map((attendee) => attendee.name).join(" and ");
  return `with ${others.map((attendee) => attendee.name).join(" and ")}`;
}

/** Live sessions hold a time; the rest are over. */
export function isLive(status: SessionStatusValue): boolean {
  return status === "proposed" || status === "confirmed";
}

/** Minutes as "1 hour 30 minutes". */
export function lengthWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (rest > 0) parts.push(`${rest} minutes`);
  return parts.join(" ") || "0 minutes";
}

/** Whole hours from now to an instant (negative: past). */
export function hoursUntil(iso: string, now = Date.now()): number {
  return (new Date(iso).getTime() - now) / 3_600_000;
}

/** The Monday (local) that starts the week holding `day` ("2026-12-08") */
export function weekStart(day: string): string {
  return DateTime.fromISO(day).startOf("week").toISODate() ?? day;
}

/** The seven local days of the week starting `monday`, with the instants that bound the week. */
export function weekDays(monday: string, timeZone: string): { days: string[]; from: string; to: string } {
  const start = DateTime.fromISO(monday, { zone: timeZone });
  const days = Array.from({ length: 7 }, (_, index) => start.plus({ days: index }).toISODate() ?? monday);
  return {
    days,
    from: start.toUTC().toISO() ?? "",
    to: start.plus({ weeks: 1 }).toUTC().toISO() ?? "",
  };
}

/** Shifts a local day by whole weeks (calendar arithmetic, never "+168 h"). */
export function addWeeks(day: string, weeks: number): string {
  return DateTime.fromISO(day).plus({ weeks }).toISODate() ?? day;
}

/** Today's local date in a zone. */
export function today(timeZone: string): string {
  return DateTime.now().setZone(timeZone).toISODate() ?? DateTime.now().toISODate() ?? "";
}

/** "Mon 7 Dec" of a local day. */
export function shortDay(day: string): string {
  return DateTime.fromISO(day, { locale: LOCALE }).toFormat("ccc d LLL");
}

/** "Monday 7 December 2026" of a local day. */
export function fullDay(day: string): string {
  return DateTime.fromISO(day, { locale: LOCALE }).toFormat("cccc d LLLL yyyy");
}
