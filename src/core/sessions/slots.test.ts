import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Availability, WeeklySlot } from "./availability.ts";
import { mutualSlots, nearestTimes, type Participant, type SlotQuery, slotProblems } from "./slots.ts";
import {
  availableMinutes,
  freeMinutes,
  referenceSlots,
  slotArbitrary,
  transitionDates,
  ZONES,
} from "./time-reference.test-support.ts";

const utc = (iso: string) => Date.parse(`${iso}Z`);
const MINUTE = 60_000;
const weekdays = (start: string, end: string): WeeklySlot[] =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

function person(
  userId: string,
  timeZone: string,
  weekly: WeeklySlot[],
  extra: Partial<Participant> = {},
): Participant {
  return {
    userId,
    availability: { timeZone, weekly, overrides: [] },
    busy: [],
    minimumNoticeMinutes: 0,
    bufferMinutes: 0,
    ...extra,
  };
}

const day = (date: string) => ({ start: utc(`${date}T00:00`), end: utc(`${date}T00:00`) + 86_400_000 });
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const startsOf = (slots: { start: number }[]) => slots.map((slot) => iso(slot.start));

describe("mutualSlots", () => {
  const ana = person("ana", "Europe/Berlin", [{ day: 1, start: "09:00", end: "12:00" }]);
  const ben = person("ben", "America/New_York", [{ day: 1, start: "05:00", end: "07:00" }]);

  it("finds the hour two zones share (Berlin 11:00–12:00 = New York 05:00–06:00)", () => {
    const query: SlotQuery = {
      participants: [ana, ben],
      lengthMinutes: 60,
      window: day("2030-06-03"),
      now: 0,
    };
    expect(mutualSlots(query)).toEqual([{ start: utc("2030-06-03T09:00"), end: utc("2030-06-03T10:00") }]);
  });

  it("offers every quarter-hour start by default, and the given step otherwise", () => {
    const query: SlotQuery = {
      participants: [ana, ben],
      lengthMinutes: 30,
      window: day("2030-06-03"),
      now: 0,
    };
    expect(startsOf(mutualSlots(query))).toEqual([
      "2030-06-03T09:00",
      "2030-06-03T09:15",
      "2030-06-03T09:30",
    ]);
    expect(startsOf(mutualSlots({ ...query, stepMinutes: 30 }))).toEqual([
      "2030-06-03T09:00",
      "2030-06-03T09:30",
    ]);
  });

  it("the quarter-hour grid is the local quarter-hour in Kolkata (+05:30) and St John's (−02:30 in summer)", () => {
    const priya = person("priya", "Asia/Kolkata", [{ day: 1, start: "09:00", end: "10:00" }]);
    const query: SlotQuery = { participants: [priya], lengthMinutes: 30, window: day("2030-06-03"), now: 0 };
    // 09:00, 09:15 and 09:30 in Kolkata.
    expect(startsOf(mutualSlots(query))).toEqual([
      "2030-06-03T03:30",
      "2030-06-03T03:45",
      "2030-06-03T04:00",
    ]);
    const sean = person("sean", "America/St_Johns", [{ day: 1, start: "09:00", end: "09:45" }]);
    expect(startsOf(mutualSlots({ ...query, participants: [sean] }))).toEqual([
      "2030-06-03T11:30",
      "2030-06-03T11:45",
    ]);
  });

  it("a step of 60 counts whole UTC hours, so Kolkata's hourly slots start at half past (documented)", () => {
    const priya = person("priya", "Asia/Kolkata", [{ day: 1, start: "09:00", end: "12:00" }]);
    const query: SlotQuery = {
      participants: [priya],
      lengthMinutes: 60,
      window: day("2030-06-03"),
      now: 0,
      stepMinutes: 60,
    };
    expect(startsOf(mutualSlots(query))).toEqual(["2030-06-03T04:00", "2030-06-03T05:00"]);
  });

  it("busy time blocks, widened by the buffer on each side; without a buffer back-to-back is fine", () => {
    const busyBen = { ...ben, busy: [{ start: utc("2030-06-03T10:00"), end: utc("2030-06-03T10:30") }] };
    const query: SlotQuery = {
      participants: [ana, busyBen],
      lengthMinutes: 30,
      window: day("2030-06-03"),
      now: 0,
    };
    expect(startsOf(mutualSlots(query))).toEqual([
      "2030-06-03T09:00",
      "2030-06-03T09:15",
      "2030-06-03T09:30",
    ]);
    const buffered = {
      ...busyBen,
      busy: [{ start: utc("2030-06-03T09:50"), end: utc("2030-06-03T10:30") }],
      bufferMinutes: 15,
    };
    expect(startsOf(mutualSlots({ ...query, participants: [ana, buffered] }))).toEqual(["2030-06-03T09:00"]);
  });

  it("each person's minimum notice counts from now", () => {
    const noticeAna = { ...ana, minimumNoticeMinutes: 90 };
    const query: SlotQuery = {
      participants: [noticeAna, ben],
      lengthMinutes: 30,
      window: day("2030-06-03"),
      now: utc("2030-06-03T07:50"),
    };
    expect(startsOf(mutualSlots(query))).toEqual(["2030-06-03T09:30"]);
  });

  it("the weeks when the US has changed its clocks and Europe has not (2030-03-10 to 03-31): Berlin and LA share an hour, then lose it", () => {
    const berlin = person("berlin", "Europe/Berlin", weekdays("09:00", "18:00"));
    const losAngeles = person("la", "America/Los_Angeles", weekdays("09:00", "17:00"));
    const query = (date: string): SlotQuery => ({
      participants: [berlin, losAngeles],
      lengthMinutes: 60,
      window: day(date),
      now: 0,
    });
    // 17:00 CET = 09:00 PDT = 16:00Z.
    expect(startsOf(mutualSlots(query("2030-03-18")))).toEqual(["2030-03-18T16:00"]);
    expect(mutualSlots(query("2030-04-08"))).toEqual([]);
    expect(mutualSlots(query("2030-03-04"))).toEqual([]);
  });

  it("DST nights: 01:00–03:00 Berlin holds 60 real minutes on 2030-03-31 and 180 on 2030-10-27", () => {
    const night = person("owl", "Europe/Berlin", [{ day: 7, start: "01:00", end: "03:00" }]);
    const query = (date: string, lengthMinutes: number): SlotQuery => ({
      participants: [night],
      lengthMinutes,
      window: { start: utc(`${date}T00:00`) - 86_400_000, end: utc(`${date}T00:00`) + 86_400_000 },
      now: 0,
      stepMinutes: 60,
    });
    expect(startsOf(mutualSlots(query("2030-03-31", 60)))).toEqual(["2030-03-31T00:00"]);
    expect(mutualSlots(query("2030-03-31", 90))).toEqual([]);
    expect(startsOf(mutualSlots(query("2030-10-27", 120)))).toEqual(["2030-10-26T23:00", "2030-10-27T00:00"]);
  });

  it("a group of three: the time all three share", () => {
    const tokyo = person("tokyo", "Asia/Tokyo", weekdays("16:00", "20:00"));
    const kolkata = person("kolkata", "Asia/Kolkata", weekdays("09:00", "17:00"));
    const berlin = person("berlin", "Europe/Berlin", weekdays("08:00", "12:00"));
    const query: SlotQuery = {
      participants: [tokyo, kolkata, berlin],
      lengthMinutes: 45,
      window: day("2030-06-04"),
      now: 0,
      stepMinutes: 30,
    };
    // Tokyo 16:00–20:00 = 07:00–11:00Z; Kolkata 03:30–11:30Z; Berlin (CEST) 06:00–10:00Z.
    expect(startsOf(mutualSlots(query))).toEqual([
      "2030-06-04T07:00",
      "2030-06-04T07:30",
      "2030-06-04T08:00",
      "2030-06-04T08:30",
      "2030-06-04T09:00",
    ]);
  });

  it("nothing without participants, or with a length or step that is not a whole positive number of minutes", () => {
    const query: SlotQuery = { participants: [ana], lengthMinutes: 30, window: day("2030-06-03"), now: 0 };
    expect(mutualSlots({ ...query, participants: [] })).toEqual([]);
    expect(mutualSlots({ ...query, lengthMinutes: 0 })).toEqual([]);
    expect(mutualSlots({ ...query, lengthMinutes: 22.5 })).toEqual([]);
    expect(mutualSlots({ ...query, stepMinutes: -15 })).toEqual([]);
  });
});

describe("nearestTimes, when nobody's hours overlap", () => {
  const berlin = person("berlin", "Europe/Berlin", weekdays("09:00", "17:00"));
  const losAngeles = person("la", "America/Los_Angeles", weekdays("09:00", "17:00"));
  const query: SlotQuery = {
    participants: [berlin, losAngeles],
    lengthMinutes: 60,
    window: { start: utc("2030-06-03T00:00"), end: utc("2030-06-08T00:00") },
    now: 0,
  };

  it("suggests times with one person outside, nearest their hours first, then earliest, saying who", () => {
    expect(mutualSlots(query)).toEqual([]);
    expect(nearestTimes(query, 3)).toEqual([
      // 16:00 Berlin = 07:00 LA: two hours before LA's day.
      {
        start: utc("2030-06-03T14:00"),
        end: utc("2030-06-03T15:00"),
        outsideHours: ["la"],
        minutesOutside: 120,
      },
      // 18:00 Berlin = 09:00 LA: two hours after Berlin's day.
      {
        start: utc("2030-06-03T16:00"),
        end: utc("2030-06-03T17:00"),
        outsideHours: ["berlin"],
        minutesOutside: 120,
      },
      {
        start: utc("2030-06-04T14:00"),
        end: utc("2030-06-04T15:00"),
        outsideHours: ["la"],
        minutesOutside: 120,
      },
    ]);
  });

  it("never suggests a time someone is busy, and lists mutual slots first when there are some", () => {
    const busyLa = {
      ...losAngeles,
      busy: [{ start: utc("2030-06-03T13:00"), end: utc("2030-06-03T15:30") }],
    };
    const [first] = nearestTimes({ ...query, participants: [berlin, busyLa] }, 1);
    expect(first).toMatchObject({ start: utc("2030-06-03T16:00"), outsideHours: ["berlin"] });
    const early = person("early", "America/Los_Angeles", weekdays("07:00", "17:00"));
    expect(nearestTimes({ ...query, participants: [berlin, early] }, 1)).toEqual([
      { start: utc("2030-06-03T14:00"), end: utc("2030-06-03T15:00"), outsideHours: [], minutesOutside: 0 },
    ]);
  });
});

describe("slotProblems", () => {
  const mira = person("mira", "Europe/Berlin", weekdays("09:00", "17:00"), {
    name: "Mira",
    minimumNoticeMinutes: 24 * 60,
    bufferMinutes: 15,
    busy: [{ start: utc("2031-01-14T12:00"), end: utc("2031-01-14T13:00") }],
  });
  const tom = person("tom", "Europe/London", weekdays("08:00", "16:00"), { name: "Tom" });
  const query: SlotQuery = {
    participants: [mira, tom],
    lengthMinutes: 60,
    window: { start: utc("2031-01-13T00:00"), end: utc("2031-01-20T00:00") },
    now: utc("2031-01-13T00:00"),
  };
  const at = (iso: string, minutes = 60) => ({ start: utc(iso), end: utc(iso) + minutes * MINUTE });

  it("a free time inside everyone's hours is bookable, even off the step grid", () => {
    expect(slotProblems(query, at("2031-01-14T09:00"))).toEqual([]);
    expect(slotProblems(query, at("2031-01-14T09:05"))).toEqual([]);
  });

  it("names each problem and the person", () => {
    const past = slotProblems(query, at("2031-01-12T23:00"));
    expect(past[0]).toEqual({ code: "in_past", message: "This time is in the past." });
    expect(past.map((problem) => problem.code)).toEqual(["in_past", "outside_hours", "outside_hours"]);
    expect(slotProblems(query, at("2031-01-13T10:00"))).toEqual([
      { code: "too_soon", userId: "mira", message: "Mira needs 1 day of notice; this time is sooner." },
    ]);
    expect(slotProblems(query, at("2031-01-14T02:00"))).toEqual([
      {
        code: "outside_hours",
        userId: "mira",
        message: "Tue 14 Jan 2031, 03:00–04:00 Europe/Berlin is outside Mira's hours.",
      },
      {
        code: "outside_hours",
        userId: "tom",
        message: "Tue 14 Jan 2031, 02:00–03:00 Europe/London is outside Tom's hours.",
      },
    ]);
    expect(slotProblems(query, at("2031-01-14T12:30"))).toEqual([
      { code: "busy", userId: "mira", message: "Mira is busy at this time." },
    ]);
    expect(slotProblems(query, at("2031-01-14T13:00"))).toEqual([
      {
        code: "busy",
        userId: "mira",
        message: "Mira keeps 15 minutes free around other commitments; this time is too close to one.",
      },
    ]);
    expect(slotProblems(query, at("2031-01-14T09:00", 45))).toEqual([
      { code: "bad_length", message: "A session lasts 1 hour; this time lasts 45 minutes." },
    ]);
    expect(slotProblems(query, { start: utc("2031-01-14T09:00"), end: utc("2031-01-14T09:00") })[0]).toEqual({
      code: "bad_length",
      message: "The end must be after the start.",
    });
  });
});

describe("mutualSlots, nearestTimes and slotProblems against a minute-by-minute reference", () => {
  const zoneDates = ZONES.map((zone) => ({ zone, dates: transitionDates(zone) }));

  const participantArbitrary = fc.record({
    zone: fc.constantFrom(...ZONES),
    weekly: fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), slotArbitrary), { minLength: 1, maxLength: 7 }),
    busy: fc.array(fc.tuple(fc.integer({ min: -120, max: 40 * 60 }), fc.integer({ min: 1, max: 240 })), {
      maxLength: 5,
    }),
    notice: fc.constantFrom(0, 0, 30, 240, 1440),
    buffer: fc.constantFrom(0, 0, 10, 15, 30),
  });

  const queryArbitrary = fc
    .record({
      base: fc.constantFrom(...zoneDates.flatMap((z) => z.dates), "2030-06-03", "2031-01-14", "2026-12-08"),
      startMinutes: fc.integer({ min: -24 * 60, max: 0 }),
      lengthOfWindow: fc.integer({ min: 60, max: 30 * 60 }),
      nowMinutes: fc.integer({ min: -600, max: 900 }),
      lengthMinutes: fc.constantFrom(15, 30, 45, 60, 90),
      stepMinutes: fc.constantFrom(undefined, 5, 10, 15, 30, 60),
      participants: fc.array(participantArbitrary, { minLength: 1, maxLength: 3 }),
    })
    .map((c): SlotQuery => {
      const start = utc(`${c.base}T00:00`) + c.startMinutes * MINUTE;
      const window = { start, end: start + c.lengthOfWindow * MINUTE };
      return {
        window,
        now: start + c.nowMinutes * MINUTE,
        lengthMinutes: c.lengthMinutes,
        ...(c.stepMinutes ? { stepMinutes: c.stepMinutes } : {}),
        participants: c.participants.map((p, index) => ({
          userId: `u${index}`,
          availability: {
            timeZone: p.zone,
            weekly: p.weekly.map(([day, slot]) => ({ day, ...slot })),
            overrides: [],
          } satisfies Availability,
          busy: p.busy.map(([offset, length]) => ({
            start: start + offset * MINUTE,
            end: start + (offset + length) * MINUTE,
          })),
          minimumNoticeMinutes: p.notice,
          bufferMinutes: p.buffer,
        })),
      };
    });

  it("finds exactly the grid starts whose every minute is free for everyone, and slotProblems agrees", () => {
    fc.assert(
      fc.property(queryArbitrary, fc.nat(), (query, pick) => {
        const free = query.participants.map((p) => freeMinutes(p, query));
        const expected = referenceSlots(query, free);
        const found = mutualSlots(query);
        expect(found).toEqual(expected);
        // slotProblems: [] for a found slot; a problem for a grid start that is not one.
        if (expected.length > 0) expect(slotProblems(query, expected[pick % expected.length])).toEqual([]);
        const step = (query.stepMinutes ?? 15) * MINUTE;
        const length = query.lengthMinutes * MINUTE;
        const firstStart = Math.ceil(query.window.start / step) * step;
        const count = Math.floor((query.window.end - length - firstStart) / step) + 1;
        if (count > 0) {
          const start = firstStart + (pick % count) * step;
          const isFound = expected.some((slot) => slot.start === start);
          expect(slotProblems(query, { start, end: start + length }).length === 0).toBe(isFound);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("busy time, buffers and notice alone (hours all day), many short windows", () => {
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, start: "00:00", end: "24:00" }));
    fc.assert(
      fc.property(queryArbitrary, (generated) => {
        const window = { start: generated.window.start, end: generated.window.start + 8 * 60 * MINUTE };
        const query: SlotQuery = {
          ...generated,
          window,
          participants: generated.participants.map((p) => ({
            ...p,
            availability: { ...p.availability, weekly: allDay },
            // The same busy ranges folded into the shorter window, so they crowd it.
            busy: p.busy.map((b) => {
              const start = window.start + ((b.start - window.start) % (8 * 60 * MINUTE));
              return { start, end: start + (b.end - b.start) };
            }),
          })),
        };
        const free = query.participants.map((p) => freeMinutes(p, query));
        expect(mutualSlots(query)).toEqual(referenceSlots(query, free));
      }),
      { numRuns: 60 },
    );
  });

  it("nearestTimes: free of everyone's busy time, the right people outside, fewest outside first", () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const near = nearestTimes(query, 5);
        const hours = query.participants.map((p) => availableMinutes(p.availability, query.window));
        const anyHour = hours[0].map(() => true);
        const clear = referenceSlots(
          query,
          query.participants.map((p) => freeMinutes(p, query, anyHour)),
        );
        expect(near).toHaveLength(Math.min(5, clear.length));
        const outsideOf = (start: number) =>
          query.participants
            .filter((_, i) => {
              const first = (start - query.window.start) / MINUTE;
              for (let m = first; m < first + query.lengthMinutes; m++) if (!hours[i][m]) return true;
              return false;
            })
            .map((p) => p.userId);
        for (const time of near) {
          expect(clear.some((slot) => slot.start === time.start)).toBe(true);
          expect(time.outsideHours).toEqual(outsideOf(time.start));
        }
        if (near.length > 0) {
          const fewest = Math.min(...clear.map((slot) => outsideOf(slot.start).length));
          expect(near[0].outsideHours).toHaveLength(fewest);
        }
        for (let i = 1; i < near.length; i++)
          expect(near[i].outsideHours.length).toBeGreaterThanOrEqual(near[i - 1].outsideHours.length);
      }),
      { numRuns: 20 },
    );
  });
});
