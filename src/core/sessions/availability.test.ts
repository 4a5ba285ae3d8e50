import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Availability,
  availabilityProblems,
  availableRanges,
  type DateOverride,
} from "./availability.ts";
import type { WeeklySlot } from "./availability.ts";
import type { Range } from "./ranges.ts";
import {
  availableMinutes,
  nightSlotArbitrary,
  rangesAsMinutes,
  slotArbitrary,
  transitionDates,
  ZONES,
} from "./time-reference.test-support.ts";

const utc = (iso: string) => Date.parse(`${iso}Z`);
const minutes = (ranges: Range[]) => ranges.reduce((sum, r) => sum + (r.end - r.start) / 60_000, 0);

function hours(timeZone: string, weekly: WeeklySlot[], overrides: DateOverride[] = []): Availability {
  return { timeZone, weekly, overrides };
}

/** Two whole UTC days either side of a date, so every local reading of that date is inside. */
function around(date: string): Range {
  return { start: utc(`${date}T00:00`) - 2 * 86_400_000, end: utc(`${date}T00:00`) + 3 * 86_400_000 };
}

describe("weekly hours as instants, per local date", () => {
  it("places hours at the zone's offset of that date (Berlin CET in winter, CEST in summer)", () => {
    const monday = hours("Europe/Berlin", [{ day: 1, start: "09:00", end: "12:00" }]);
    expect(availableRanges(monday, { start: utc("2030-01-07T00:00"), end: utc("2030-01-08T00:00") })).toEqual(
      [{ start: utc("2030-01-07T08:00"), end: utc("2030-01-07T11:00") }],
    );
    expect(availableRanges(monday, { start: utc("2030-06-03T00:00"), end: utc("2030-06-04T00:00") })).toEqual(
      [{ start: utc("2030-06-03T07:00"), end: utc("2030-06-03T10:00") }],
    );
  });

  it("half-hour zone: Asia/Kolkata (+05:30) Monday 09:00–10:00 is 03:30Z–04:30Z", () => {
    const kolkata = hours("Asia/Kolkata", [{ day: 1, start: "09:00", end: "10:00" }]);
    expect(
      availableRanges(kolkata, { start: utc("2030-06-03T00:00"), end: utc("2030-06-04T00:00") }),
    ).toEqual([{ start: utc("2030-06-03T03:30"), end: utc("2030-06-03T04:30") }]);
  });

  it("half-hour zone behind UTC: America/St_Johns 09:00 is 12:30Z in winter (−03:30) and 11:30Z in summer (−02:30)", () => {
    const stJohns = hours("America/St_Johns", [{ day: 3, start: "09:00", end: "09:30" }]);
    expect(availableRanges(stJohns, around("2030-01-09"))).toEqual([
      { start: utc("2030-01-09T12:30"), end: utc("2030-01-09T13:00") },
    ]);
    expect(availableRanges(stJohns, around("2030-07-10"))).toEqual([
      { start: utc("2030-07-10T11:30"), end: utc("2030-07-10T12:00") },
    ]);
  });

  it("a local day that starts the previous UTC day: Monday 00:00–02:00 in Kolkata is Sunday 18:30Z–20:30Z", () => {
    const early = hours("Asia/Kolkata", [{ day: 1, start: "00:00", end: "02:00" }]);
    expect(availableRanges(early, around("2030-06-03"))).toEqual([
      { start: utc("2030-06-02T18:30"), end: utc("2030-06-02T20:30") },
    ]);
  });

  it('"24:00" ends at midnight of the next local day', () => {
    const evening = hours("Europe/Berlin", [{ day: 5, start: "22:00", end: "24:00" }]);
    expect(availableRanges(evening, around("2030-06-07"))).toEqual([
      { start: utc("2030-06-07T20:00"), end: utc("2030-06-07T22:00") },
    ]);
  });

  it("clips to the window and merges slots that touch across midnight", () => {
    const lateAndEarly = hours("UTC", [
      { day: 1, start: "20:00", end: "24:00" },
      { day: 2, start: "00:00", end: "03:00" },
    ]);
    expect(
      availableRanges(lateAndEarly, { start: utc("2030-06-03T21:00"), end: utc("2030-06-04T02:00") }),
    ).toEqual([{ start: utc("2030-06-03T21:00"), end: utc("2030-06-04T02:00") }]);
  });

  it("ignores a slot whose end is not after its start (profile rules refuse them) and an empty window", () => {
    const broken = hours("UTC", [{ day: 1, start: "12:00", end: "09:00" }]);
    expect(availableRanges(broken, around("2030-06-03"))).toEqual([]);
    const monday = hours("UTC", [{ day: 1, start: "09:00", end: "12:00" }]);
    expect(availableRanges(monday, { start: utc("2030-06-03T10:00"), end: utc("2030-06-03T10:00") })).toEqual(
      [],
    );
  });
});

describe("DST, decided on purpose: an instant is available when the wall clock then reads a time in that date's hours", () => {
  it("spring gap, Europe/Berlin 2030-03-31 (02:00→03:00): 01:00–03:00 lasts 60 minutes", () => {
    const sunday = hours("Europe/Berlin", [{ day: 7, start: "01:00", end: "03:00" }]);
    const ranges = availableRanges(sunday, around("2030-03-31"));
    expect(ranges).toEqual([{ start: utc("2030-03-31T00:00"), end: utc("2030-03-31T01:00") }]);
    expect(minutes(ranges)).toBe(60);
  });

  it("spring gap: a start in the gap (02:30, which does not exist) begins at the gap's end, 03:00 CEST", () => {
    const sunday = hours("Europe/Berlin", [{ day: 7, start: "02:30", end: "04:00" }]);
    expect(availableRanges(sunday, around("2030-03-31"))).toEqual([
      { start: utc("2030-03-31T01:00"), end: utc("2030-03-31T02:00") },
    ]);
  });

  it("spring gap: hours wholly inside the gap (02:00–02:45) are no time at all", () => {
    const sunday = hours("Europe/Berlin", [{ day: 7, start: "02:00", end: "02:45" }]);
    expect(availableRanges(sunday, around("2030-03-31"))).toEqual([]);
  });

  it("autumn overlap, Europe/Berlin 2030-10-27 (03:00→02:00): 01:00–03:00 lasts 180 real minutes", () => {
    const sunday = hours("Europe/Berlin", [{ day: 7, start: "01:00", end: "03:00" }]);
    const ranges = availableRanges(sunday, around("2030-10-27"));
    expect(ranges).toEqual([{ start: utc("2030-10-26T23:00"), end: utc("2030-10-27T02:00") }]);
    expect(minutes(ranges)).toBe(180);
  });

  it("autumn overlap: 02:30 happens twice, so 02:30–03:00 is two stretches (CEST, then CET)", () => {
    const sunday = hours("Europe/Berlin", [{ day: 7, start: "02:30", end: "03:00" }]);
    expect(availableRanges(sunday, around("2030-10-27"))).toEqual([
      { start: utc("2030-10-27T00:30"), end: utc("2030-10-27T01:00") },
      { start: utc("2030-10-27T01:30"), end: utc("2030-10-27T02:00") },
    ]);
  });

  it("a whole day (00:00–24:00) lasts 23 hours in spring and 25 in autumn", () => {
    const sundays = hours("Europe/Berlin", [{ day: 7, start: "00:00", end: "24:00" }]);
    expect(minutes(availableRanges(sundays, around("2030-03-31")))).toBe(23 * 60);
    expect(minutes(availableRanges(sundays, around("2030-10-27")))).toBe(25 * 60);
  });

  it("Australia/Lord_Howe's half-hour DST: on 2030-10-06 (02:00→02:30) 01:45–02:45 lasts 30 minutes", () => {
    const sunday = hours("Australia/Lord_Howe", [{ day: 7, start: "01:45", end: "02:45" }]);
    expect(minutes(availableRanges(sunday, around("2030-10-06")))).toBe(30);
  });

  it("Australia/Lord_Howe: on 2030-04-07 (02:00→01:30) 01:00–02:00 lasts 90 minutes", () => {
    const sunday = hours("Australia/Lord_Howe", [{ day: 7, start: "01:00", end: "02:00" }]);
    expect(minutes(availableRanges(sunday, around("2030-04-07")))).toBe(90);
  });

  it("America/Santiago skips midnight (2030-09-07 24:00→09-08 01:00): Sunday 00:00–02:00 lasts 60 minutes, Saturday to 24:00 is whole", () => {
    const weekend = hours("America/Santiago", [
      { day: 6, start: "22:00", end: "24:00" },
      { day: 7, start: "00:00", end: "02:00" },
    ]);
    const ranges = availableRanges(weekend, around("2030-09-08"));
    // Saturday 22:00–24:00 at −04:00, then Sunday 01:00–02:00 at −03:00: they touch at 04:00Z.
    expect(ranges).toEqual([{ start: utc("2030-09-08T02:00"), end: utc("2030-09-08T05:00") }]);
  });

  it("America/Santiago repeats 23:00 on Saturday 2030-04-06: 23:00–24:00 lasts 120 minutes", () => {
    const saturday = hours("America/Santiago", [{ day: 6, start: "23:00", end: "24:00" }]);
    expect(minutes(availableRanges(saturday, around("2030-04-06")))).toBe(120);
  });
});

describe("date overrides replace that local date's weekly hours", () => {
  const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));

  it("a day off ([]) removes the day's hours and leaves the others", () => {
    const off = hours("Europe/Berlin", weekdays, [{ date: "2030-06-04", slots: [] }]);
    const ranges = availableRanges(off, { start: utc("2030-06-03T00:00"), end: utc("2030-06-06T00:00") });
    expect(ranges).toEqual([
      { start: utc("2030-06-03T07:00"), end: utc("2030-06-03T15:00") },
      { start: utc("2030-06-05T07:00"), end: utc("2030-06-05T15:00") },
    ]);
  });

  it("other hours on a weekday replace the weekly ones; hours on a Saturday add a day", () => {
    const changed = hours("Europe/Berlin", weekdays, [
      { date: "2030-06-04", slots: [{ start: "13:00", end: "14:00" }] },
      { date: "2030-06-08", slots: [{ start: "10:00", end: "11:00" }] },
    ]);
    const ranges = availableRanges(changed, { start: utc("2030-06-04T00:00"), end: utc("2030-06-09T00:00") });
    expect(ranges[0]).toEqual({ start: utc("2030-06-04T11:00"), end: utc("2030-06-04T12:00") });
    expect(ranges.at(-1)).toEqual({ start: utc("2030-06-08T08:00"), end: utc("2030-06-08T09:00") });
  });

  it("the date is the person's local date (Kolkata's 2030-06-04 begins 2030-06-03 18:30Z)", () => {
    const kolkata = hours(
      "Asia/Kolkata",
      [],
      [{ date: "2030-06-04", slots: [{ start: "00:00", end: "01:00" }] }],
    );
    expect(availableRanges(kolkata, around("2030-06-04"))).toEqual([
      { start: utc("2030-06-03T18:30"), end: utc("2030-06-03T19:30") },
    ]);
  });
});

describe("availabilityProblems", () => {
  it("accepts good hours", () => {
    const good = hours(
      "Europe/Berlin",
      [{ day: 1, start: "09:00", end: "24:00" }],
      [
        {
          date: "2030-06-04",
          slots: [
            { start: "09:00", end: "10:00" },
            { start: "10:00", end: "11:00" },
          ],
        },
      ],
    );
    expect(availabilityProblems(good)).toEqual([]);
  });

  it("names each bad field", () => {
    const bad = hours(
      "Mars/Olympus",
      [{ day: 1, start: "12:00", end: "09:00" }],
      [
        { date: "2030-02-30", slots: [] },
        {
          date: "2030-06-04",
          slots: [
            { start: "9:00", end: "10:00" },
            { start: "10:00", end: "09:00" },
          ],
        },
        {
          date: "2030-06-05",
          slots: [
            { start: "09:00", end: "11:00" },
            { start: "10:00", end: "24:00" },
          ],
        },
        { date: "2030-06-05", slots: [] },
      ],
    );
    expect(availabilityProblems(bad)).toEqual([
      { field: "timeZone", message: '"Mars/Olympus" is not a known time zone' },
      { field: "weekly[0].end", message: "must be after the start" },
      { field: "overrides[0].date", message: "2030-02-30 is not a date (YYYY-MM-DD)" },
      { field: "overrides[1].slots[0].start", message: "must be a time HH:mm from 00:00 to 23:59" },
      { field: "overrides[1].slots[1].end", message: "must be after the start" },
      { field: "overrides[2].slots", message: "2030-06-05 10:00–24:00 overlaps 09:00–11:00" },
      { field: "overrides[3].date", message: "2030-06-05 has hours given twice" },
    ]);
  });
});

describe("availableRanges against a minute-by-minute reference (Intl wall clock per minute)", () => {
  const zoneDates = ZONES.map((zone) => ({ zone, dates: transitionDates(zone) }));

  const caseArbitrary = fc
    .record({
      zone: fc.constantFrom(...zoneDates),
      pick: fc.nat(),
      useTransition: fc.boolean(),
      randomDay: fc.integer({ min: 0, max: 3650 }),
      startMinutes: fc.integer({ min: -36 * 60, max: 12 * 60 }),
      lengthMinutes: fc.integer({ min: 1, max: 30 * 60 }),
      weekly: fc.array(
        fc.tuple(fc.integer({ min: 1, max: 7 }), fc.oneof(slotArbitrary, nightSlotArbitrary)),
        { maxLength: 6 },
      ),
      overrides: fc.array(
        fc.tuple(
          fc.integer({ min: -2, max: 2 }),
          fc.array(fc.oneof(slotArbitrary, nightSlotArbitrary), { maxLength: 2 }),
        ),
        { maxLength: 2 },
      ),
    })
    .map((c) => {
      const base =
        c.useTransition && c.zone.dates.length > 0
          ? utc(`${c.zone.dates[c.pick % c.zone.dates.length]}T00:00`)
          : Date.UTC(2026, 0, 1) + c.randomDay * 86_400_000;
      const window = {
        start: base + c.startMinutes * 60_000,
        end: base + (c.startMinutes + c.lengthMinutes) * 60_000,
      };
      const seen = new Set<string>();
      const overrides = c.overrides
        .map(([shift, slots]) => ({
          date: new Date(base + shift * 86_400_000).toISOString().slice(0, 10),
          slots,
        }))
        .filter((o) => !seen.has(o.date) && seen.add(o.date));
      const availability: Availability = {
        timeZone: c.zone.zone,
        weekly: c.weekly.map(([day, slot]) => ({ day, ...slot })),
        overrides,
      };
      return { availability, window };
    });

  it("agrees on every minute, across DST changes in Berlin, Los Angeles, Lord Howe, St John's, Santiago and in Kolkata and UTC", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ availability, window }) => {
        const ranges = availableRanges(availability, window);
        expect(rangesAsMinutes(ranges, window)).toEqual(availableMinutes(availability, window));
      }),
      { numRuns: 120 },
    );
  });
});
