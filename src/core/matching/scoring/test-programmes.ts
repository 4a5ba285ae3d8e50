/** Small programmes for tests (not used by the app). */
import type { Participant } from "./participant.ts";

/**
 * A participant with sensible defaults for tests.
 *
 * Example: person("m1", "mentor", { languages: ["fr"] })
 */
export function person(id: string, role: Participant["role"], extra: Partial<Participant> = {}): Participant {
  return {
    id,
    role,
    languages: ["en"],
    timeZone: "Europe/London",
    yearsExperience: role === "mentee" ? 2 : 10,
    department: "Engineering",
    skillsOffered: role === "mentee" ? [] : [{ skill: "python", level: 4 }],
    skillsWanted: role === "mentor" ? [] : [{ skill: "python", level: 3 }],
    ...extra,
  };
}
