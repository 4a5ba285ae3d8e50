import { describe, expect, it } from "vitest";
import {
  addDays,
  checkSettings,
  cohortEnd,
  frozenFields,
  mondayOf,
  type ProgrammeSettings,
  SCRATCH_SETTINGS,
  SETTINGS_FIELDS,
} from "./programme-settings.ts";

const base: ProgrammeSettings = {
  ...SCRATCH_SETTINGS,
  name: "Cohort",
  startsOn: "2026-01-05",
  endsOn: "2026-03-30",
  registrationForm: [
    {
      id: "track",
      kind: "single_choice",
      label: "Track",
      required: true,
      usedInMatching: true,
      options: ["a", "b"],
    },
    { id: "why", kind: "text", label: "Why", required: false, usedInMatching: false },
    { id: "skills", kind: "skills", label: "Skills", required: false, usedInMatching: true },
  ],
};

describe("calendar dates", () => {
  it("adds days across month and year ends, and across a DST change (dates have no time)", () => {
    expect(addDays("2026-01-05", 84)).toBe("2026-03-30");
    expect(addDays("2025-12-30", 3)).toBe("2026-01-02");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("ends a cohort 12 weeks after it starts unless told otherwise", () => {
    expect(cohortEnd("2026-01-05")).toBe("2026-03-30");
    expect(cohortEnd("2026-01-05", 26)).toBe("2026-07-06");
  });

  it("finds the Monday of a date's week (Sunday belongs to the week before)", () => {
    expect(mondayOf("2026-04-02")).toBe("2026-03-30");
    expect(mondayOf("2026-03-30")).toBe("2026-03-30");
    expect(mondayOf("2026-03-29")).toBe("2026-03-23");
    expect(mondayOf("2026-01-01")).toBe("2025-12-29");
  });
});

describe("a whole set of settings", () => {
  it("accepts the defaults of a programme from scratch", () => {
    expect(checkSettings(base)).toEqual([]);
    expect(checkSettings({ ...base, evergreen: true, startsOn: null, endsOn: null })).toEqual([]);
  });

  it("names the date that is wrong", () => {
    expect(checkSettings({ ...base, endsOn: "2026-01-05" })).toEqual([
      { path: "endsOn", message: "must be after the start date" },
    ]);
    expect(checkSettings({ ...base, startsOn: null })).toEqual([
      { path: "startsOn", message: "is required when there is an end date" },
    ]);
    expect(checkSettings({ ...base, evergreen: true })).toEqual([
      { path: "startsOn", message: "an evergreen programme has no dates" },
      { path: "endsOn", message: "an evergreen programme has no dates" },
    ]);
  });

  it("needs both sides offered, each role once", () => {
    expect(checkSettings({ ...base, rolesOffered: ["mentee"] })).toEqual([
      { path: "rolesOffered", message: 'must offer both sides: "mentee" and "mentor", or "both"' },
    ]);
    expect(checkSettings({ ...base, rolesOffered: ["both", "both"] })[0]).toEqual({
      path: "rolesOffered",
      message: "lists a role twice",
    });
    expect(checkSettings({ ...base, rolesOffered: ["both"] })).toEqual([]);
  });

  it("reminds before a request expires, not on or after", () => {
    expect(checkSettings({ ...base, requestExpiryDays: 3, requestReminderDays: 3 })).toEqual([
      { path: "requestReminderDays", message: "must be fewer than the 3 days a request waits" },
    ]);
    expect(checkSettings({ ...base, requestExpiryDays: 3, requestReminderDays: 0 })).toEqual([]);
  });

  it("refuses criteria on questions the form does not ask, or does not use for matching", () => {
    const criteria = [
      { kind: "language" as const, hard: true },
      { kind: "same" as const, question: "track", weight: 3 },
      { kind: "same" as const, question: "missing", weight: 3 },
      { kind: "different" as const, question: "why", weight: 3 },
      { kind: "same" as const, question: "skills", weight: 3 },
    ];
    expect(checkSettings({ ...base, matchConfig: { criteria } })).toEqual([
      {
        path: "matchConfig.criteria.2.question",
        message: '"missing" is not a question of the registration form',
      },
      { path: "matchConfig.criteria.3.question", message: '"Why" is not marked as used in matching' },
      {
        path: "matchConfig.criteria.4.question",
        message: '"Skills" is a skills question: use the skills criterion',
      },
    ]);
  });
});

describe("settings frozen by state", () => {
  it("freezes nothing before the programme runs", () => {
    for (const status of ["draft", "registration_open", "matching"] as const)
      expect([...frozenFields({ status, evergreen: false }).keys()]).toEqual([]);
  });

  it("fixes type, evergreen, start, roles and a cohort's form once running; the rest stays editable", () => {
    expect([...frozenFields({ status: "running", evergreen: false }).keys()].sort()).toEqual(
      ["evergreen", "registrationForm", "rolesOffered", "startsOn", "type"].sort(),
    );
    expect(frozenFields({ status: "running", evergreen: false }).get("type")).toBe(
      "cannot change once the programme is running: people are matched under it",
    );
  });

  it("keeps an evergreen programme's form editable while it runs (people still register)", () => {
    expect(frozenFields({ status: "running", evergreen: true }).has("registrationForm")).toBe(false);
  });

  it("leaves only the name and description of a completed programme, nothing of an archived one", () => {
    const completed = frozenFields({ status: "completed", evergreen: false });
    expect(SETTINGS_FIELDS.filter((field) => !completed.has(field))).toEqual(["name", "description"]);
    expect(frozenFields({ status: "archived", evergreen: false }).size).toBe(SETTINGS_FIELDS.length);
  });
});
