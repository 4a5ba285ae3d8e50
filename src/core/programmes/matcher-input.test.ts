import { describe, expect, it } from "vitest";
import { prepareProgramme } from "../matching/index.ts";
import { DEFAULT_MATCH_CONFIG, type StoredParticipant, toMatcherProgramme } from "./matcher-input.ts";

function stored(userId: string, role: "mentee" | "mentor", mentorCapacity = 0): StoredParticipant {
  return {
    userId,
    role,
    mentorCapacity,
    answers: {},
    headline: "",
    bio: "",
    jobTitle: "",
    department: "",
    managerId: null,
    location: "",
    timeZone: "UTC",
    languages: ["en"],
    yearsExperience: null,
    skillsOffered: [],
    skillsWanted: [],
    topics: [],
    careerGoals: "",
    availability: [],
  };
}

describe("toMatcherProgramme", () => {
  const people = [stored("e1", "mentee"), stored("e2", "mentee"), stored("m1", "mentor", 2)];

  it("passes on pairs of active participants as they are", () => {
    const programme = toMatcherProgramme(people, { existing: [["e1", "m1"]], earlier: [["e2", "m1"]] });
    expect(programme.existingPairs).toEqual([["e1", "m1"]]);
    expect(programme.earlierPairs).toEqual([["e2", "m1"]]);
    expect(programme.participants.find((p) => p.id === "m1")?.mentorCapacity).toBe(2);
  });

  it("drops pairs with someone absent, but a running pair still holds the present side's place", () => {
    const programme = toMatcherProgramme(people, {
      existing: [
        ["paused-mentee", "m1"],
        ["e2", "left-mentor"],
      ],
      earlier: [["e1", "someone-gone"]],
    });
    expect(programme.existingPairs).toEqual([]);
    expect(programme.earlierPairs).toEqual([]);
    expect(programme.participants.find((p) => p.id === "m1")?.mentorCapacity).toBe(1);
    expect(programme.participants.find((p) => p.id === "e2")?.menteeCapacity).toBe(0);
    // The matcher accepts it (it refuses pairs naming unknown people).
    expect(() =>
      prepareProgramme(programme, DEFAULT_MATCH_CONFIG, { referenceWeek: "2026-11-16" }),
    ).not.toThrow();
  });
});
