import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { instantOf, parseCalendar } from "./ical-time.ts";
import { caldavObjectIcs, feedIcs, type IcsSession, invitationIcs, sessionUid } from "./ics.ts";

const HOST = "trellis.test";
// 31 March 2030 is the day after Berlin's spring change: 08:00Z is 10:00 CEST.
const booked: IcsSession = {
  sessionId: "0b6f1a54-2f0e-4d1e-9a59-6f1f9f6b2a10",
  version: 0,
  cancelled: false,
  startsAt: Date.UTC(2030, 2, 31, 8, 0),
  endsAt: Date.UTC(2030, 2, 31, 9, 0),
  timeZone: "Europe/Berlin",
  title: "Mentoring: Mira and Olivia",
  description: "Agenda: career steps; a line with, commas; and semicolons",
  videoUrl: "https://meet.example.org/abc",
  url: "http://trellis.test/sessions/0b6f1a54",
  organizer: { name: "Mira Mentee", email: "mira@acme.test" },
  attendees: [
    { name: "Mira Mentee", email: "mira@acme.test" },
    { name: 'Olivia "O" Mentor', email: "olivia@acme.test" },
  ],
  updatedAt: Date.UTC(2030, 2, 1, 12, 0),
};

function onlyEvent(text: string) {
  const calendar = parseCalendar(text);
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  return { calendar, event: new ICAL.Event(events[0]), vevent: events[0] as ICAL.Component };
}

describe("ICS invitations", () => {
  it("a booking is METHOD:REQUEST with the booked instants, VTIMEZONE, stable UID, SEQUENCE = version, CRLF", () => {
    const { method, ics } = invitationIcs(booked, HOST);
    expect(method).toBe("REQUEST");
    expect(ics.split("\r\n").every((line) => !line.includes("\n"))).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const { calendar, event, vevent } = onlyEvent(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
    expect(event.uid).toBe(`${booked.sessionId}@${HOST}`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.zone?.tzid).toBe("Europe/Berlin");
    expect(event.startDate.hour).toBe(10);
    expect(event.startDate.toUnixTime() * 1000).toBe(booked.startsAt);
    expect(event.endDate.toUnixTime() * 1000).toBe(booked.endsAt);
    expect(instantOf(event.startDate, "UTC")).toBe(booked.startsAt);
    expect(event.organizer).toBe("mailto:mira@acme.test");
    expect(event.attendees.map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([
      "mailto:mira@acme.test",
      "mailto:olivia@acme.test",
    ]);
    expect(event.attendees[1]?.getParameter("cn")).toBe("Olivia 'O' Mentor"); // a double quote cannot sit in a parameter value;
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.description).toContain("a line with, commas; and semicolons");
    expect(event.description).toContain("https://meet.example.org/abc");
  });

  it("a move keeps the UID and raises the SEQUENCE; a cancel is METHOD:CANCEL with STATUS:CANCELLED", () => {
    const moved = {
      ...booked,
      version: 1,
      startsAt: Date.UTC(2030, 3, 7, 16, 0),
      endsAt: Date.UTC(2030, 3, 7, 16, 45),
    };
    const first = onlyEvent(invitationIcs(booked, HOST).ics).event;
    const second = onlyEvent(invitationIcs(moved, HOST).ics).event;
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.startDate.toUnixTime() * 1000).toBe(moved.startsAt);
    expect(second.startDate.hour).toBe(18);

    const cancelled = { ...moved, version: 2, cancelled: true };
    const { method, ics } = invitationIcs(cancelled, HOST);
    expect(method).toBe("CANCEL");
    const parsed = onlyEvent(ics);
    expect(parsed.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(parsed.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(parsed.event.uid).toBe(first.uid);
    expect(parsed.event.sequence).toBe(2);
  });

  it("writes times in a half-hour zone and a zone south of the equator exactly", () => {
    for (const timeZone of ["Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns"]) {
      const session = { ...booked, timeZone };
      const { event, calendar } = onlyEvent(invitationIcs(session, HOST).ics);
      expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(timeZone);
      expect(event.startDate.toUnixTime() * 1000).toBe(booked.startsAt);
    }
  });

  it("a CalDAV object has no METHOD; a cancelled one is STATUS:CANCELLED", () => {
    const stored = parseCalendar(caldavObjectIcs(booked, HOST));
    expect(stored.getFirstPropertyValue("method")).toBeNull();
    const cancelled = onlyEvent(caldavObjectIcs({ ...booked, version: 3, cancelled: true }, HOST));
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBeNull();
    expect(cancelled.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("the feed holds each session once, with its own zone, and no METHOD", () => {
    const other: IcsSession = {
      ...booked,
      sessionId: "7c1d1c8e-3b0a-4d55-8f57-0c1a3a3f2b01",
      timeZone: "America/New_York",
      startsAt: Date.UTC(2030, 10, 3, 14, 0),
      endsAt: Date.UTC(2030, 10, 3, 15, 0),
      version: 4,
      tentative: true,
    };
    const text = feedIcs([booked, other], HOST, "Trellis: Mira's sessions");
    const calendar = parseCalendar(text);
    expect(calendar.getFirstPropertyValue("method")).toBeNull();
    expect(
      calendar
        .getAllSubcomponents("vtimezone")
        .map((zone) => zone.getFirstPropertyValue("tzid"))
        .sort(),
    ).toEqual(["America/New_York", "Europe/Berlin"]);
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.uid)).toEqual([
      sessionUid(booked.sessionId, HOST),
      sessionUid(other.sessionId, HOST),
    ]);
    expect(events.map((event) => event.startDate.toUnixTime() * 1000)).toEqual([
      booked.startsAt,
      other.startsAt,
    ]);
    expect(calendar.getAllSubcomponents("vevent")[1]?.getFirstPropertyValue("status")).toBe("TENTATIVE");
    expect(feedIcs([], HOST, "empty").startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  });
});
