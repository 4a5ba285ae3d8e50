import type { profileRoutes } from "../../../contracts/profiles.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each profiles route that takes one. */
export const profileSamples: SampleBodiesFor<typeof profileRoutes> = {
  updateMyProfile: {
    headline: "Backend engineer who enjoys teaching",
    bio: "Ten years of building APIs.",
    jobTitle: "Senior engineer",
    department: "Platform",
    managerId: null,
    location: "Berlin",
    timeZone: "Europe/Berlin",
    languages: ["en", "de"],
    yearsExperience: 10,
    skillsOffered: [{ skill: "TypeScript", level: 4 }],
    skillsWanted: [{ skill: "Public speaking", level: 2 }],
    topics: ["career growth"],
    careerGoals: "Lead a team within two years.",
    availability: [{ day: 2, start: "09:00", end: "11:00" }],
    links: [{ label: "Blog", url: "https://example.test/blog" }],
    visibility: { goals: "programme" },
  },
  createSkill: { name: "TypeScript", category: "Engineering" },
  updateSkill: { name: "TypeScript" },
};
