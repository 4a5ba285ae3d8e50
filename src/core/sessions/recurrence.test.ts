import { describe, expect, it } from "vitest";
import { cadenceWeeks, latestUntil, occurrences, recurrenceProblems } from "./recurrence.ts";
import type { Slot } from "./slots.ts";

const utc = (iso: string) => Date.parse(`${iso}Z`);
const slot = (start: string, minutes: number): Slot => ({
  start: utc(start),
  end: utc(start) + minutes * 60_000,
});
const starts = (slots: Slot[]) => slots.map((s) => new Date(s.start).toISOString().slice(0, 16));

describe("occurrences keep the local wall time across DST", () => {
  it("Tuesdays 18:00 Berlin: 17:00Z in winter, 16:00Z after the spring change", () => {
    const series = occurrences(slot("2030-03-19T17:00", 60), "Europe/Berlin", { everyWeeks: 1, count: 3 });
    expect(starts(series)).toEqual(["2030-03-19T17:00", "2030-03-26T17:00", "2030-04-02T16:00"]);
    expect(series.every((s) => s.end - s.start === 3_600_000)).toBe(true);
  });

  it("every two weeks across the autumn change in Los Angeles (10:00 PDT then PST)", () => {
    const series = occurrences(slot("2030-10-21T17:00", 45), "America/Los_Angeles", {
      everyWeeks: 2,
      count: 3,
    });
    expect(starts(series)).toEqual(["2030-10-21T17:00", "2030-11-04T18:00", "2030-11-18T18:00"]);
  });

  it("every four weeks in Lord Howe across its half-hour change (09:00 +10:30 then +11:00)", () => {
    const series = occurrences(slot("2030-09-22T22:30", 60), "Australia/Lord_Howe", {
      everyWeeks: 4,
      count: 2,
    });
    expect(starts(series)).toEqual(["2030-09-22T22:30", "2030-10-20T22:00"]);
  });

  it("02:30 on the spring-gap Sunday starts at the gap's end (03:00 CEST); on the autumn Sunday at the first 02:30", () => {
    const spring = occurrences(slot("2030-03-24T01:30", 30), "Europe/Berlin", { everyWeeks: 1, count: 2 });
    expect(starts(spring)).toEqual(["2030-03-24T01:30", "2030-03-31T01:00"]);
    expect(spring[1].end - spring[1].start).toBe(30 * 60_000);
    const autumn = occurrences(slot("2030-10-20T00:30", 30), "Europe/Berlin", { everyWeeks: 1, count: 2 });
    expect(starts(autumn)).toEqual(["2030-10-20T00:30", "2030-10-27T00:30"]);
  });

  it("until is a local date, inclusive", () => {
    // Monday 00:30 in Kolkata is Sunday 19:00Z: the local date decides, not the UTC one.
    const series = occurrences(slot("2030-06-02T19:00", 60), "Asia/Kolkata", {
      everyWeeks: 1,
      until: "2030-06-17",
    });
    expect(starts(series)).toEqual(["2030-06-02T19:00", "2030-06-09T19:00", "2030-06-16T19:00"]);
  });

  it("26 weekly sessions at most; a year of fortnightly ones by date", () => {
    expect(occurrences(slot("2030-01-07T09:00", 60), "UTC", { everyWeeks: 1, count: 26 })).toHaveLength(26);
    expect(
      occurrences(slot("2030-01-07T09:00", 60), "UTC", { everyWeeks: 2, until: "2031-01-07" }),
    ).toHaveLength(27);
  });

  it("throws for a rule recurrenceProblems refuses", () => {
    expect(() => occurrences(slot("2030-01-07T09:00", 60), "UTC", { everyWeeks: 1 })).toThrow(/must end/);
  });
});

describe("recurrenceProblems: a series must end, and messages name the field", () => {
  const first = utc("2030-01-07T09:00");

  it("accepts count or until", () => {
    expect(recurrenceProblems({ everyWeeks: 2, count: 6 }, first, "Europe/Berlin")).toEqual([]);
    expect(recurrenceProblems({ everyWeeks: 4, until: "2031-01-07" }, first, "Europe/Berlin")).toEqual([]);
  });

  it("an endless rule", () => {
    expect(recurrenceProblems({ everyWeeks: 1 }, first, "UTC")).toEqual([
      {
        field: "count",
        message: "A series must end: give count (at most 26 sessions) or until (a date within a year).",
      },
    ]);
  });

  it("bad fields, each named", () => {
    expect(recurrenceProblems({ everyWeeks: 3, count: 40 }, first, "UTC")).toEqual([
      { field: "everyWeeks", message: "must be 1, 2 or 4" },
      { field: "count", message: "must be a whole number from 1 to 26" },
    ]);
    expect(recurrenceProblems({ everyWeeks: 1, count: 2, until: "2030-02-01" }, first, "UTC")).toEqual([
      { field: "until", message: "Give count or until, not both." },
    ]);
    expect(recurrenceProblems({ everyWeeks: 1, until: "2031-01-08" }, first, "UTC")).toEqual([
      { field: "until", message: "must be within a year of the first session (2031-01-07 at the latest)" },
    ]);
    expect(recurrenceProblems({ everyWeeks: 1, until: "2030-01-06" }, first, "UTC")).toEqual([
      { field: "until", message: "must not be before the first session (2030-01-07)" },
    ]);
    expect(recurrenceProblems({ everyWeeks: 1, until: "next year" }, first, "UTC")).toEqual([
      { field: "until", message: "must be a date (YYYY-MM-DD)" },
    ]);
    expect(recurrenceProblems("weekly", first, "UTC")).toEqual([
      { field: "", message: "A recurrence must be an object with everyWeeks and count or until." },
    ]);
  });

  it("an unknown zone is a problem, not a crash", () => {
    expect(recurrenceProblems({ everyWeeks: 1, until: "2030-02-01" }, first, "Mars/Olympus")).toEqual([
      { field: "", message: '"Mars/Olympus" is not a known time zone' },
    ]);
  });

  it("a year from 29 February is 28 February", () => {
    expect(latestUntil("2032-02-29")).toBe("2033-02-28");
  });
});

describe("cadenceWeeks", () => {
  it("maps the agreement's cadence; as needed has no series", () => {
    expect(cadenceWeeks("weekly")).toBe(1);
    expect(cadenceWeeks("fortnightly")).toBe(2);
    expect(cadenceWeeks("monthly")).toBe(4);
    expect(cadenceWeeks("as_needed")).toBeNull();
  });
});
