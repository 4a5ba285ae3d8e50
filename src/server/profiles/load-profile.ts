import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { DEFAULT_VISIBILITY } from "../../core/profiles/profile-rules.ts";
import type { Repositories } from "../../db/index.ts";
import type { ProfileRecord } from "../../db/repositories/profiles.repository.ts";

/** The profile a member has before saving one: empty fields, UTC, the default visibility. */
export function emptyProfile(orgId: OrgId, userId: UserId): ProfileRecord {
  const epoch = new Date(0);
  return {
    orgId,
    userId,
    headline: "",
    bio: "",
    jobTitle: "",
    department: "",
    managerId: null,
    managerName: null,
    location: "",
    timeZone: "UTC",
    languages: [],
    yearsExperience: null,
    skillsOffered: [],
    skillsWanted: [],
    topics: [],
    careerGoals: "",
    availability: [],
    links: [],
    visibility: { ...DEFAULT_VISIBILITY },
    photoContentType: null,
    photoUpdatedAt: null,
    createdAt: epoch,
    updatedAt: epoch,
  };
}

/** A member's profile in an organisation; `saved` is false while they have none yet. */
export async function loadProfile(
  repos: Repositories,
  orgId: OrgId,
  userId: UserId,
): Promise<{ profile: ProfileRecord; saved: boolean }> {
  const profile = await repos.profiles.find(orgId, userId);
  return profile ? { profile, saved: true } : { profile: emptyProfile(orgId, userId), saved: false };
}
