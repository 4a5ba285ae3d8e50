import { describe, expect, it } from "vitest";
import {
  dateOfDay,
  dayNumber,
  isTimeZone,
  localDate,
  offsetPieces,
  wallToInstant,
  weekdayOfDay,
} from "./zones.ts";

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe("isTimeZone", () => {
  it("accepts IANA names, refuses fixed offsets, unknown names and empty text", () => {
    for (const zone of ["UTC", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns"])
      expect(isTimeZone(zone)).toBe(true);
    for (const zone of ["", "Mars/Olympus", "+05:30", "-03:00", "Europe/Berlinn"])
      expect(isTimeZone(zone)).toBe(false);
  });
});

describe("offsetPieces", () => {
  it("splits at Berlin's spring change (01:00Z) to the second", () => {
    expect(
      offsetPieces("Europe/Berlin", { start: utc("2030-03-30T00:00"), end: utc("2030-04-01T00:00") }),
    ).toEqual([
      { start: utc("2030-03-30T00:00"), end: utc("2030-03-31T01:00"), offsetMs: 3_600_000 },
      { start: utc("2030-03-31T01:00"), end: utc("2030-04-01T00:00"), offsetMs: 7_200_000 },
    ]);
  });

  it("Lord Howe's half-hour change and Kolkata's none", () => {
    const lordHowe = offsetPieces("Australia/Lord_Howe", {
      start: utc("2030-10-05T00:00"),
      end: utc("2030-10-07T00:00"),
    });
    expect(lordHowe.map((p) => p.offsetMs / 60_000)).toEqual([630, 660]);
    expect(lordHowe[1].start).toBe(utc("2030-10-05T15:30"));
    expect(offsetPieces("Asia/Kolkata", { start: 0, end: 86_400_000 * 60 })).toHaveLength(1);
  });

  it("an empty range has no pieces", () => {
    expect(offsetPieces("UTC", { start: 5, end: 5 })).toEqual([]);
  });
});

describe("wallToInstant: the first instant the wall clock reads that time or later", () => {
  it("a wall time in the spring gap gives the gap's end", () => {
    expect(wallToInstant(Date.UTC(2030, 2, 31, 2, 30), "Europe/Berlin")).toBe(utc("2030-03-31T01:00"));
  });
  it("a wall time that happens twice in autumn gives the first", () => {
    expect(wallToInstant(Date.UTC(2030, 9, 27, 2, 30), "Europe/Berlin")).toBe(utc("2030-10-27T00:30"));
  });
  it("an ordinary wall time in a half-hour zone", () => {
    expect(wallToInstant(Date.UTC(2030, 0, 1, 9, 0), "America/St_Johns")).toBe(utc("2030-01-01T12:30"));
  });
});

describe("calendar days", () => {
  it("day numbers, dates, weekdays and local dates", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2032-02-29")).not.toBeNull();
    expect(dayNumber("2030-02-29")).toBeNull();
    expect(dayNumber("2030-1-01")).toBeNull();
    expect(dateOfDay(dayNumber("2030-10-27") as number)).toBe("2030-10-27");
    expect(weekdayOfDay(dayNumber("2030-10-27") as number)).toBe(7);
    expect(weekdayOfDay(-1)).toBe(3);
    expect(localDate(utc("2030-01-01T20:00"), "Asia/Kolkata")).toBe("2030-01-02");
    expect(localDate(utc("2030-01-01T02:00"), "America/Los_Angeles")).toBe("2029-12-31");
  });
});
