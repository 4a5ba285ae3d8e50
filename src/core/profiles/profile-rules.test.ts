import { describe, expect, it } from "vitest";
import {
  availabilityProblems,
  canonicalSkillName,
  DEFAULT_VISIBILITY,
  firstDuplicate,
  isValidTimeZone,
  maySee,
  normaliseTimeZone,
  profileSearchText,
  reportingCycle,
  resolveVisibility,
  visibleSections,
} from "./profile-rules.ts";

const member = { isOwner: false, isAdmin: false, sharesProgramme: false };
const peer = { isOwner: false, isAdmin: false, sharesProgramme: true };
const admin = { isOwner: false, isAdmin: true, sharesProgramme: false };
const owner = { isOwner: true, isAdmin: false, sharesProgramme: false };

describe("who may see a section", () => {
  it("organisation: every member", () => {
    for (const viewer of [member, peer, admin, owner]) expect(maySee("organisation", viewer)).toBe(true);
  });

  it("programme: people who share a programme with the owner, admins and the owner", () => {
    expect(maySee("programme", member)).toBe(false);
    expect(maySee("programme", peer)).toBe(true);
    expect(maySee("programme", admin)).toBe(true);
    expect(maySee("programme", owner)).toBe(true);
  });

  it("admins: admins and the owner only, not even people in the same programme", () => {
    expect(maySee("admins", member)).toBe(false);
    expect(maySee("admins", peer)).toBe(false);
    expect(maySee("admins", admin)).toBe(true);
    expect(maySee("admins", owner)).toBe(true);
  });

  it("by default career goals are for the programme, everything else for the organisation", () => {
    expect(visibleSections(DEFAULT_VISIBILITY, member)).toEqual(["about", "work", "skills", "availability"]);
    expect(visibleSections(DEFAULT_VISIBILITY, peer)).toEqual([
      "about",
      "work",
      "skills",
      "goals",
      "availability",
    ]);
  });

  it("a stored map with gaps, unknown sections or unknown levels is completed with the defaults", () => {
    expect(resolveVisibility({ goals: "admins", colour: "red", work: "everyone" })).toEqual({
      ...DEFAULT_VISIBILITY,
      goals: "admins",
    });
    expect(resolveVisibility(null)).toEqual(DEFAULT_VISIBILITY);
  });
});

describe("weekly availability", () => {
  it("accepts slots that touch, on one day or across days, and a slot ending at 24:00", () => {
    expect(
      availabilityProblems([
        { day: 1, start: "09:00", end: "10:00" },
        { day: 1, start: "10:00", end: "11:30" },
        { day: 2, start: "09:30", end: "10:30" },
        { day: 7, start: "20:00", end: "24:00" },
      ]),
    ).toEqual([]);
  });

  it("a slot must end after it starts (an empty slot too)", () => {
    expect(
      availabilityProblems([
        { day: 3, start: "11:00", end: "10:00" },
        { day: 3, start: "12:00", end: "12:00" },
      ]),
    ).toEqual([
      { index: 0, field: "end", message: "must be after the start" },
      { index: 1, field: "end", message: "must be after the start" },
    ]);
  });

  it("overlaps on one day are named by the later slot given, with both times", () => {
    expect(
      availabilityProblems([
        { day: 1, start: "10:30", end: "12:00" },
        { day: 2, start: "10:30", end: "12:00" },
        { day: 1, start: "09:00", end: "11:00" },
      ]),
    ).toEqual([{ index: 2, field: null, message: "Monday 10:30–12:00 overlaps 09:00–11:00" }]);
  });

  it("a slot inside another overlaps it", () => {
    const problems = availabilityProblems([
      { day: 5, start: "08:00", end: "18:00" },
      { day: 5, start: "12:00", end: "13:00" },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe("Friday 12:00–13:00 overlaps 08:00–18:00");
  });
});

describe("time zones", () => {
  it("accepts IANA names, in any case, and UTC", () => {
    for (const zone of ["Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "UTC", "europe/berlin"])
      expect(isValidTimeZone(zone), zone).toBe(true);
  });

  it("refuses made-up names, offsets and the empty string", () => {
    for (const zone of ["Mars/Olympus", "+01:00", "-05:00", "", "Berlin"])
      expect(isValidTimeZone(zone), zone).toBe(false);
  });

  it("fixes the case of a name but keeps an alias as given", () => {
    expect(normaliseTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(normaliseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(normaliseTimeZone("Mars/Olympus")).toBe("Mars/Olympus");
  });
});

describe("skill names", () => {
  it("finds the first duplicate ignoring case and spaces", () => {
    expect(firstDuplicate(["TypeScript", "Go", " typescript "])).toBe(" typescript ");
    expect(firstDuplicate(["Go", "Rust"])).toBeNull();
  });

  it("takes the organisation list's spelling, or keeps a free addition as typed (trimmed)", () => {
    expect(canonicalSkillName("typescript", ["TypeScript", "Go"])).toBe("TypeScript");
    expect(canonicalSkillName(" Kubernetes ", ["TypeScript"])).toBe("Kubernetes");
  });

  it("the search text is the offered skills, then the topics, joined with spaces", () => {
    expect(profileSearchText([{ skill: "Go" }, { skill: "SQL" }], ["public speaking", "career growth"])).toBe(
      "Go SQL public speaking career growth",
    );
    expect(profileSearchText([], [])).toBe("");
  });
});

describe("reporting lines", () => {
  it("nobody manages themselves", () => {
    expect(reportingCycle("ann", "ann", [])).toBe(true);
  });

  it("choosing someone below you (directly or further down) closes a loop", () => {
    // Ann manages Bob, Bob manages Cy: Ann may not report to Bob nor to Cy.
    expect(reportingCycle("ann", "bob", ["ann"])).toBe(true);
    expect(reportingCycle("ann", "cy", ["bob", "ann"])).toBe(true);
  });

  it("choosing someone in another line, or above you, is fine", () => {
    expect(reportingCycle("cy", "ann", [])).toBe(false);
    expect(reportingCycle("cy", "dee", ["eve", "fay"])).toBe(false);
  });
});
