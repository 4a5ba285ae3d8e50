import type { MyProfile, PersonProfile, Photo, Skill } from "../../contracts/profiles.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { resolveVisibility, type ProfileSection } from "../../core/profiles/profile-rules.ts";
import type { ProfileRecord, SkillRecord } from "../../db/repositories/profiles.repository.ts";

/** Where a person's photo is served; the version changes with the photo, so caches refresh. */
export function photoUrl(orgId: OrgId, userId: UserId, updatedAt: Date): string {
  return `/api/orgs/${orgId}/people/${userId}/photo?v=${updatedAt.getTime()}`;
}

export function presentPhoto(
  profile: Pick<ProfileRecord, "orgId" | "userId" | "photoContentType" | "photoUpdatedAt">,
): Photo | null {
  if (!profile.photoContentType || !profile.photoUpdatedAt) return null;
  return {
    url: photoUrl(profile.orgId, profile.userId, profile.photoUpdatedAt),
    contentType: profile.photoContentType as Photo["contentType"],
    updatedAt: profile.photoUpdatedAt.toISOString(),
  };
}

const managerOf = (profile: ProfileRecord) =>
  profile.managerId && profile.managerName !== null
    ? { userId: profile.managerId, name: profile.managerName }
    : null;

/** The owner's own profile: every field, for the editor. */
export function presentMyProfile(profile: ProfileRecord, name: string, saved: boolean): MyProfile {
  return {
    userId: profile.userId,
    name,
    headline: profile.headline,
    bio: profile.bio,
    jobTitle: profile.jobTitle,
    department: profile.department,
    manager: managerOf(profile),
    location: profile.location,
    timeZone: profile.timeZone,
    languages: profile.languages,
    yearsExperience: profile.yearsExperience,
    skillsOffered: profile.skillsOffered,
    skillsWanted: profile.skillsWanted,
    topics: profile.topics,
    careerGoals: profile.careerGoals,
    availability: profile.availability,
    links: profile.links,
    visibility: resolveVisibility(profile.visibility),
    photo: presentPhoto(profile),
    updatedAt: saved ? profile.updatedAt.toISOString() : null,
  };
}

/**
 * Someone's profile as a viewer may see it: each section the viewer may not see is null, so a
 * hidden field cannot leave by accident. The visibility map itself goes only to those who see all.
 */
export function presentPersonProfile(
  profile: ProfileRecord,
  name: string,
  visible: readonly ProfileSection[],
  seesEverything: boolean,
): PersonProfile {
  const shows = (section: ProfileSection) => visible.includes(section);
  return {
    userId: profile.userId,
    name,
    about: shows("about")
      ? {
          headline: profile.headline,
          bio: profile.bio,
          jobTitle: profile.jobTitle,
          links: profile.links,
          photo: presentPhoto(profile),
        }
      : null,
    work: shows("work")
      ? {
          department: profile.department,
          manager: managerOf(profile),
          location: profile.location,
          timeZone: profile.timeZone,
          languages: profile.languages,
        }
      : null,
    skills: shows("skills")
      ? {
          skillsOffered: profile.skillsOffered,
          skillsWanted: profile.skillsWanted,
          topics: profile.topics,
          yearsExperience: profile.yearsExperience,
        }
      : null,
    goals: shows("goals") ? { careerGoals: profile.careerGoals } : null,
    availability: shows("availability") ? { timeZone: profile.timeZone, slots: profile.availability } : null,
    visibility: seesEverything ? resolveVisibility(profile.visibility) : null,
  };
}

export function presentSkill(skill: SkillRecord): Skill {
  return { id: skill.id, name: skill.name, category: skill.category };
}
