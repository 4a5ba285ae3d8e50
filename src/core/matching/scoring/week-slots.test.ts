import { describe, expect, it } from "vitest";
import { overlapMinutes, WeekSlotter } from "./week-slots.ts";

const workweek = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));
const dailyOverlapHours = (week: string, a: string, b: string) => {
  const slotter = new WeekSlotter(week);
  return overlapMinutes(slotter.windowsToBits(a, workweek), slotter.windowsToBits(b, workweek)) / 5 / 60;
};

describe("working-hours overlap across time zones", () => {
  it("half-hour zone: Asia/Kolkata (+05:30) and Europe/London share 2.5 h before the March DST change", () => {
    expect(dailyOverlapHours("2026-03-23", "Asia/Kolkata", "Europe/London")).toBe(2.5);
  });

  it("DST: after London moves to +01:00 on 29 March 2026 the overlap with Kolkata grows to 3.5 h", () => {
    expect(dailyOverlapHours("2026-03-30", "Asia/Kolkata", "Europe/London")).toBe(3.5);
  });

  it("half-hour zone with DST: America/St_Johns (-02:30 in summer) and London", () => {
    expect(dailyOverlapHours("2026-03-23", "America/St_Johns", "Europe/London")).toBe(5.5);
    expect(dailyOverlapHours("2026-03-30", "America/St_Johns", "Europe/London")).toBe(4.5);
  });

  it("quarter-hour zone: Asia/Kathmandu (+05:45) against UTC", () => {
    expect(dailyOverlapHours("2026-03-30", "Asia/Kathmandu", "UTC")).toBe(2.25);
  });

  it("the same zone overlaps fully, and a zone on the other side of the world not at all", () => {
    expect(dailyOverlapHours("2026-03-30", "Asia/Tokyo", "Asia/Tokyo")).toBe(8);
    expect(dailyOverlapHours("2026-03-30", "Pacific/Auckland", "Europe/London")).toBe(0);
  });

  it("DST gap: a window across 01:00-03:00 on the night London springs forward lasts one hour", () => {
    const slotter = new WeekSlotter("2026-03-23");
    const night = slotter.windowsToBits("Europe/London", [{ day: 7, start: "01:00", end: "03:00" }]);
    expect(overlapMinutes(night, night)).toBe(60);
  });

  it("an unknown zone has no hours and a week given mid-week means that week's Monday", () => {
    const slotter = new WeekSlotter("2026-04-01");
    expect(
      overlapMinutes(slotter.windowsToBits("Mars/Base", workweek), slotter.windowsToBits("UTC", workweek)),
    ).toBe(0);
    expect(slotter.minuteOf("UTC", 1, "00:00")).toBe(0);
  });
});
