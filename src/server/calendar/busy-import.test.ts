import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { busyFromCalendarObjects } from "./busy-import.ts";

const utc = (text: string) => Date.parse(`${text}Z`);
const calendar = (...parts: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...parts, "END:VCALENDAR", ""].join("\r\n");
const event = (...lines: string[]) =>
  ["BEGIN:VEVENT", "DTSTAMP:20300101T000000Z", ...lines, "END:VEVENT"].join("\r\n");
const berlinZone = (getVtimezoneComponent("Europe/Berlin") as string).trim().replace(/\r?\n/g, "\r\n");

const spring = { start: utc("2030-03-18T00:00:00"), end: utc("2030-04-08T00:00:00") };
const shown = (busy: { start: number; end: number }[]) =>
  busy.map((interval) => `${new Date(interval.start).toISOString()}/${new Date(interval.end).toISOString()}`);

describe("busy import", () => {
  it("a single event: busy for its time, clipped to the window; outside the window nothing", () => {
    const text = calendar(
      event("UID:one", "DTSTART:20300320T100000Z", "DTEND:20300320T110000Z"),
      event("UID:edge", "DTSTART:20300317T230000Z", "DTEND:20300318T010000Z"),
      event("UID:later", "DTSTART:20300501T100000Z", "DTEND:20300501T110000Z"),
    );
    const { busy, unreadable } = busyFromCalendarObjects([text], spring, "Europe/Berlin");
    expect(unreadable).toBe(0);
    expect(shown(busy)).toEqual([
      "2030-03-18T00:00:00.000Z/2030-03-18T01:00:00.000Z",
      "2030-03-20T10:00:00.000Z/2030-03-20T11:00:00.000Z",
    ]);
    expect(busy.map((interval) => interval.uid)).toEqual(["edge", "one"]);
  });

  it("a weekly 09:00 Europe/Berlin event across the spring DST change: 08:00Z, then 07:00Z", () => {
    const text = calendar(
      berlinZone,
      event(
        "UID:weekly",
        "DTSTART;TZID=Europe/Berlin:20300304T090000",
        "DTEND;TZID=Europe/Berlin:20300304T100000",
        "RRULE:FREQ=WEEKLY",
      ),
    );
    expect(shown(busyFromCalendarObjects([text], spring, "Asia/Kolkata").busy)).toEqual([
      "2030-03-18T08:00:00.000Z/2030-03-18T09:00:00.000Z",
      "2030-03-25T08:00:00.000Z/2030-03-25T09:00:00.000Z",
      "2030-04-01T07:00:00.000Z/2030-04-01T08:00:00.000Z",
    ]);
  });

  it("the same rule without a VTIMEZONE (IANA name only) and across the autumn change", () => {
    const text = calendar(
      event(
        "UID:weekly",
        "DTSTART;TZID=Europe/Berlin:20300304T090000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;UNTIL=20301231T000000Z",
      ),
    );
    const autumn = { start: utc("2030-10-14T00:00:00"), end: utc("2030-11-01T00:00:00") };
    expect(shown(busyFromCalendarObjects([text], autumn, "UTC").busy)).toEqual([
      "2030-10-14T07:00:00.000Z/2030-10-14T08:00:00.000Z",
      "2030-10-21T07:00:00.000Z/2030-10-21T08:00:00.000Z",
      "2030-10-28T08:00:00.000Z/2030-10-28T09:00:00.000Z",
    ]);
  });

  it("a TZID with no VTIMEZONE anywhere (Australia/Sydney, autumn change on 6 April 2030) is still that zone", () => {
    const text = calendar(
      event(
        "UID:sydney",
        "DTSTART;TZID=Australia/Sydney:20300325T090000",
        "DTEND;TZID=Australia/Sydney:20300325T093000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
      ),
    );
    expect(shown(busyFromCalendarObjects([text], spring, "UTC").busy)).toEqual([
      "2030-03-24T22:00:00.000Z/2030-03-24T22:30:00.000Z",
      "2030-03-31T22:00:00.000Z/2030-03-31T22:30:00.000Z",
      "2030-04-07T23:00:00.000Z/2030-04-07T23:30:00.000Z",
    ]);
  });

  it("EXDATE removes an occurrence; RECURRENCE-ID overrides move one and cancel another", () => {
    const text = calendar(
      berlinZone,
      event(
        "UID:series",
        "DTSTART;TZID=Europe/Berlin:20300318T090000",
        "DTEND;TZID=Europe/Berlin:20300318T093000",
        "RRULE:FREQ=DAILY;COUNT=6",
        "EXDATE;TZID=Europe/Berlin:20300319T090000",
      ),
      event(
        "UID:series",
        "RECURRENCE-ID;TZID=Europe/Berlin:20300320T090000",
        "DTSTART;TZID=Europe/Berlin:20300320T140000",
        "DTEND;TZID=Europe/Berlin:20300320T150000",
      ),
      event(
        "UID:series",
        "RECURRENCE-ID:20300321T080000Z",
        "DTSTART;TZID=Europe/Berlin:20300321T090000",
        "DTEND;TZID=Europe/Berlin:20300321T093000",
        "STATUS:CANCELLED",
      ),
    );
    expect(shown(busyFromCalendarObjects([text], spring, "Europe/Berlin").busy)).toEqual([
      "2030-03-18T08:00:00.000Z/2030-03-18T08:30:00.000Z",
      "2030-03-20T13:00:00.000Z/2030-03-20T14:00:00.000Z",
      "2030-03-22T08:00:00.000Z/2030-03-22T08:30:00.000Z",
      "2030-03-23T08:00:00.000Z/2030-03-23T08:30:00.000Z",
    ]);
  });

  it("an occurrence after the window moved into it counts", () => {
    const text = calendar(
      event("UID:moved", "DTSTART:20300301T120000Z", "DTEND:20300301T130000Z", "RRULE:FREQ=MONTHLY"),
      event(
        "UID:moved",
        "RECURRENCE-ID:20300501T120000Z",
        "DTSTART:20300402T120000Z",
        "DTEND:20300402T130000Z",
      ),
    );
    expect(shown(busyFromCalendarObjects([text], spring, "UTC").busy)).toEqual([
      "2030-04-01T12:00:00.000Z/2030-04-01T13:00:00.000Z",
      "2030-04-02T12:00:00.000Z/2030-04-02T13:00:00.000Z",
    ]);
  });

  it("TRANSP:TRANSPARENT and STATUS:CANCELLED events are free, recurring ones included", () => {
    const text = calendar(
      event("UID:free", "DTSTART:20300320T100000Z", "DTEND:20300320T110000Z", "TRANSP:TRANSPARENT"),
      event("UID:gone", "DTSTART:20300321T100000Z", "DTEND:20300321T110000Z", "STATUS:CANCELLED"),
      event(
        "UID:free-series",
        "DTSTART:20300318T100000Z",
        "DTEND:20300318T110000Z",
        "RRULE:FREQ=DAILY",
        "TRANSP:TRANSPARENT",
      ),
      event("UID:busy", "DTSTART:20300322T100000Z", "DTEND:20300322T110000Z", "TRANSP:OPAQUE"),
    );
    expect(busyFromCalendarObjects([text], spring, "UTC").busy.map((interval) => interval.uid)).toEqual([
      "busy",
    ]);
  });

  it("all-day events and floating times are in the owner's zone", () => {
    const text = calendar(
      event("UID:holiday", "DTSTART;VALUE=DATE:20300325", "DTEND;VALUE=DATE:20300327"),
      event("UID:one-day", "DTSTART;VALUE=DATE:20300329"),
      event("UID:floating", "DTSTART:20300320T090000", "DTEND:20300320T100000"),
    );
    expect(shown(busyFromCalendarObjects([text], spring, "Asia/Kolkata").busy)).toEqual([
      "2030-03-20T03:30:00.000Z/2030-03-20T04:30:00.000Z",
      "2030-03-24T18:30:00.000Z/2030-03-26T18:30:00.000Z",
      "2030-03-28T18:30:00.000Z/2030-03-29T18:30:00.000Z",
    ]);
    // An all-day event on the night of Berlin's change lasts 23 hours.
    const change = calendar(event("UID:sunday", "DTSTART;VALUE=DATE:20300331", "DTEND;VALUE=DATE:20300401"));
    const [sunday] = busyFromCalendarObjects([change], spring, "Europe/Berlin").busy;
    expect(sunday && sunday.end - sunday.start).toBe(23 * 3_600_000);
  });

  it("a fortnightly Monday/Wednesday rule running since 2015 expands as from its start (fast-forward), across DST", () => {
    const text = calendar(
      berlinZone,
      event(
        "UID:fortnightly",
        "DTSTART;TZID=Europe/Berlin:20150105T090000",
        "DTEND;TZID=Europe/Berlin:20150105T100000",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
      ),
      event(
        "UID:fortnightly",
        "RECURRENCE-ID;TZID=Europe/Berlin:20160104T090000",
        "DTSTART:20300320T150000Z",
        "DTEND:20300320T153000Z",
      ),
    );
    const expected: string[] = [];
    const first = DateTime.fromISO("2015-01-05T09:00", { zone: "Europe/Berlin" });
    for (
      let day = DateTime.fromISO("2030-03-18", { zone: "Europe/Berlin" });
      day < DateTime.fromISO("2030-04-22", { zone: "Europe/Berlin" });
      day = day.plus({ days: 1 })
    ) {
      const weeks = Math.floor(day.diff(first.startOf("day"), "days").days / 7);
      if ((day.weekday === 1 || day.weekday === 3) && weeks % 2 === 0) {
        const start = day.set({ hour: 9 });
        expected.push(`${start.toUTC().toISO()}/${start.plus({ hours: 1 }).toUTC().toISO()}`);
      }
    }
    expected.push("2030-03-20T15:00:00.000Z/2030-03-20T15:30:00.000Z");
    expected.sort();
    // Both sides of the change are in the window: 08:00Z before, 07:00Z after.
    expect(expected.some((interval) => interval.includes("T08:00"))).toBe(true);
    expect(expected.some((interval) => interval.includes("T07:00"))).toBe(true);
    const sixWeeks = { start: spring.start, end: utc("2030-04-22T00:00:00") };
    expect(shown(busyFromCalendarObjects([text], sixWeeks, "UTC").busy)).toEqual(expected);
  });

  it("counts unreadable objects and keeps the rest; a rule that never ends stops at the window", () => {
    const endless = calendar(
      event("UID:daily", "DTSTART:20000101T060000Z", "DTEND:20000101T063000Z", "RRULE:FREQ=DAILY"),
    );
    const result = busyFromCalendarObjects(["not a calendar", endless], spring, "UTC");
    expect(result.unreadable).toBe(1);
    expect(result.busy).toHaveLength(21);
  });
});
