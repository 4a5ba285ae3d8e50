import { describe, expect, it } from "vitest";
import { slotInZone } from "./slot-in-zone.ts";

describe("a weekly slot seen from another time zone", () => {
  const june = "2026-06-03"; // summer time in Europe and North America

  it("keeps the day and moves the clock", () => {
    expect(
      slotInZone({ day: 2, start: "09:00", end: "11:00" }, "Europe/Berlin", "America/New_York", june),
    ).toEqual({
      day: 2,
      start: "03:00",
      end: "05:00",
      endsNextDay: false,
    });
  });

  it("moves to the next day, and says when a slot ends on the next day", () => {
    expect(
      slotInZone({ day: 1, start: "22:00", end: "24:00" }, "Europe/London", "Asia/Singapore", june),
    ).toEqual({
      day: 2,
      start: "05:00",
      end: "07:00",
      endsNextDay: false,
    });
    expect(
      slotInZone({ day: 7, start: "20:00", end: "23:00" }, "Europe/Berlin", "Asia/Kolkata", june),
    ).toEqual({
      day: 7,
      start: "23:30",
      end: "02:30",
      endsNextDay: true,
    });
  });

  it("a slot ending at midnight there ends at 24:00, not 00:00 of the next day", () => {
    expect(
      slotInZone({ day: 3, start: "20:00", end: "23:00" }, "Europe/London", "Europe/Berlin", june),
    ).toEqual({
      day: 3,
      start: "21:00",
      end: "24:00",
      endsNextDay: false,
    });
  });

  it("uses the offsets of the reference week (winter: Berlin is UTC+1)", () => {
    expect(
      slotInZone({ day: 1, start: "09:00", end: "10:00" }, "Europe/Berlin", "UTC", "2026-01-14"),
    ).toMatchObject({
      start: "08:00",
      end: "09:00",
    });
    expect(slotInZone({ day: 1, start: "09:00", end: "10:00" }, "Europe/Berlin", "UTC", june)).toMatchObject({
      start: "07:00",
      end: "08:00",
    });
  });

  it("Sunday late in Auckland is Sunday morning in London (the week wraps)", () => {
    expect(
      slotInZone({ day: 1, start: "08:00", end: "09:00" }, "Pacific/Auckland", "Europe/London", june),
    ).toEqual({
      day: 7,
      start: "21:00",
      end: "22:00",
      endsNextDay: false,
    });
  });
});
