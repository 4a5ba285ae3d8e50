import { describe, expect, it } from "vitest";
import {
  type AgreementTerms,
  addDays,
  changedTerms,
  checkEndDate,
  decideConfirmation,
  hasConfirmed,
  isFitCheckDue,
  isFullyConfirmed,
} from "./agreement.ts";

const terms: AgreementTerms = {
  cadence: "fortnightly",
  formats: ["video"],
  minutesPerMonth: 120,
  sessionMinutes: 60,
  confidentiality: "What we say stays between us.",
  endsOn: "2026-03-30",
  firstGoals: ["Run a design review"],
};

describe("the agreement", () => {
  it("names the terms a change touches", () => {
    expect(changedTerms(terms, { ...terms })).toEqual([]);
    expect(changedTerms(terms, { ...terms, endsOn: "2026-04-30", formats: ["video", "phone"] })).toEqual([
      "formats",
      "endsOn",
    ]);
    expect(changedTerms(terms, { ...terms, firstGoals: ["Run a design review", "Lead standup"] })).toEqual([
      "firstGoals",
    ]);
  });

  it("an end date must come after today and not before the start", () => {
    const context = { today: "2026-01-10", startsOn: "2026-01-05", openEndedAllowed: false };
    expect(checkEndDate("2026-01-11", context)).toBeNull();
    expect(checkEndDate("2026-01-10", context)).toBe("must be after today");
    expect(checkEndDate("2025-12-31", context)).toBe("must be after today");
    expect(checkEndDate("2026-02-01", { ...context, startsOn: "2026-02-05" })).toBe(
      "must not be before the start (2026-02-05)",
    );
    expect(checkEndDate(null, context)).toMatch(/^is required/);
  });

  it("an open end is allowed only where the programme is evergreen", () => {
    expect(checkEndDate(null, { today: "2026-01-10", startsOn: null, openEndedAllowed: true })).toBeNull();
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-01-30", 3)).toBe("2026-02-02");
    expect(addDays("2026-12-20", 21)).toBe("2027-01-10");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  describe("confirmations", () => {
    const fresh = { version: 3, menteeConfirmedVersion: null, mentorConfirmedVersion: null };

    it("a stale version is refused, naming the current one", () => {
      expect(decideConfirmation(fresh, "mentee", 2)).toEqual({ ok: false, currentVersion: 3 });
      expect(decideConfirmation(fresh, "mentor", 4)).toEqual({ ok: false, currentVersion: 3 });
    });

    it("the first side to confirm waits for the other; the second completes it", () => {
      expect(decideConfirmation(fresh, "mentee", 3)).toEqual({
        ok: true,
        alreadyConfirmed: false,
        bothConfirmed: false,
      });
      const menteeDone = { ...fresh, menteeConfirmedVersion: 3 };
      expect(decideConfirmation(menteeDone, "mentor", 3)).toEqual({
        ok: true,
        alreadyConfirmed: false,
        bothConfirmed: true,
      });
      expect(decideConfirmation(menteeDone, "mentee", 3)).toEqual({
        ok: true,
        alreadyConfirmed: true,
        bothConfirmed: false,
      });
    });

    it("a confirmation of an older version does not count for the current one", () => {
      const older = { version: 3, menteeConfirmedVersion: 2, mentorConfirmedVersion: 3 };
      expect(hasConfirmed(older, "mentee")).toBe(false);
      expect(hasConfirmed(older, "mentor")).toBe(true);
      expect(isFullyConfirmed(older)).toBe(false);
      expect(isFullyConfirmed({ ...older, menteeConfirmedVersion: 3 })).toBe(true);
    });
  });

  describe("the fit check", () => {
    const base = { status: "active", fitCheckDueOn: "2026-02-01", answered: false, today: "2026-02-01" };
    it("opens on its day for an active pair, for a side that has not answered", () => {
      expect(isFitCheckDue(base)).toBe(true);
      expect(isFitCheckDue({ ...base, today: "2026-01-31" })).toBe(false);
      expect(isFitCheckDue({ ...base, answered: true })).toBe(false);
      expect(isFitCheckDue({ ...base, status: "paused" })).toBe(false);
      expect(isFitCheckDue({ ...base, fitCheckDueOn: null })).toBe(false);
    });
  });
});

describe("checkEndWithinProgramme", () => {
  it("refuses an end after the programme's end, naming it; the last day and open programmes are fine", async () => {
    const { checkEndWithinProgramme } = await import("./agreement.ts");
    expect(checkEndWithinProgramme("2031-01-01", "2027-02-01")).toBe(
      "must not be after the programme's end (2027-02-01)",
    );
    expect(checkEndWithinProgramme("2027-02-01", "2027-02-01")).toBeNull();
    expect(checkEndWithinProgramme("2031-01-01", null)).toBeNull();
    expect(checkEndWithinProgramme(null, "2027-02-01")).toBeNull();
  });
});
