import { describe, expect, it } from "vitest";
import {
  addWeeks,
  dayClock,
  localDay,
  sessionWhen,
  theirTime,
  visibilityWords,
  weekDays,
  weekStart,
} from "./session-format.ts";

describe("session times, each in a named zone", () => {
  it("writes mine and the other's local time beside it ('Tue 18:00 for you · 09:00 for Mira')", () => {
    const start = "2026-12-08T17:00:00Z";
    expect(dayClock(start, "Europe/Berlin")).toBe("Tue 18:00");
    expect(theirTime(start, "Europe/Berlin", { name: "Mira Okafor", timeZone: "America/Los_Angeles" })).toBe(
      "09:00 for Mira",
    );
  });

  it("names the other's weekday when their date is not mine", () => {
    const start = "2026-12-08T20:30:00Z"; // Tue 21:30 in Berlin, Wed 02:00 in Kolkata
    expect(theirTime(start, "Europe/Berlin", { name: "Asha Rao", timeZone: "Asia/Kolkata" })).toBe(
      "Wed 02:00 for Asha",
    );
  });

  it("groups by the viewer's local day, not UTC's", () => {
    expect(localDay("2026-12-08T23:30:00Z", "Asia/Tokyo")).toBe("2026-12-09");
    expect(localDay("2026-12-08T23:30:00Z", "America/New_York")).toBe("2026-12-08");
  });

  it("writes a session's span, with the end's day when it ends on another", () => {
    expect(sessionWhen("2026-12-08T17:00:00Z", "2026-12-08T18:00:00Z", "Europe/Berlin")).toBe(
      "Tue 8 Dec 2026, 18:00–19:00",
    );
    expect(sessionWhen("2026-12-08T22:30:00Z", "2026-12-08T23:30:00Z", "Europe/Berlin")).toBe(
      "Tue 8 Dec 2026, 23:30–Wed 9 Dec, 00:30",
    );
  });
});

describe("the week view's days", () => {
  it("starts on Monday and moves by calendar weeks", () => {
    expect(weekStart("2026-12-10")).toBe("2026-12-07");
    expect(addWeeks("2026-12-28", 1)).toBe("2027-01-04");
  });

  it("bounds a week by local midnights, 167 hours across Berlin's spring change", () => {
    const week = weekDays("2026-03-23", "Europe/Berlin");
    expect(week.days).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
    ]);
    expect(week.from).toBe("2026-03-22T23:00:00.000Z");
    expect(week.to).toBe("2026-03-29T22:00:00.000Z");
  });
});

describe("who can read a note", () => {
  it("says it plainly for each visibility", () => {
    expect(visibilityWords("only_me", "Mira Okafor", true)).toBe("Only you can read this");
    expect(visibilityWords("pair", "Mira Okafor", true)).toBe("You and Mira can read this");
    expect(visibilityWords("coordinators", "Mira Okafor", false)).toBe(
      "You, Mira and the programme's coordinators can read this",
    );
  });
});
