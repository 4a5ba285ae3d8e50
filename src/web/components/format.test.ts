import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, zoneNote } from "./format.ts";

describe("the one date format", () => {
  it("writes a calendar day as 21 Dec 2026, whatever the zone", () => {
    expect(formatDay("2026-12-21")).toBe("21 Dec 2026");
  });

  it("writes an instant in the zone given, which can move the day", () => {
    expect(formatDateTime("2026-12-21T20:30:00Z", "Europe/Berlin")).toBe("21 Dec 2026, 21:30");
    expect(formatDate("2026-12-21T20:30:00Z", "Asia/Kolkata")).toBe("22 Dec 2026");
    expect(formatDateTime("2026-12-21T20:30:00Z", "Asia/Kolkata")).toBe("22 Dec 2026, 02:00");
  });

  it("falls back to the browser's zone for an unknown zone name instead of failing", () => {
    expect(formatDate("2026-06-15T12:00:00Z", "Not/AZone")).toBe("15 Jun 2026");
  });

  it("names the zone", () => {
    expect(zoneNote("America/New_York")).toBe("Times in America/New York");
  });
});
