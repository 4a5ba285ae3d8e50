import type { ProfileValues } from "../../contracts/profiles.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { canonicalSkillName, reportingCycle, resolveVisibility } from "../../core/profiles/profile-rules.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { ProfileRecord } from "../../db/repositories/profiles.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";

/**
 * A new manager must be someone else, an active member of the organisation, and not below the
 * person in the reporting line. Changes of reporting lines are serialised per organisation (an
 * advisory lock held to the end of the transaction), so two people cannot each make the other
 * their manager at the same moment.
 */
async function checkManager(repos: Repositories, actor: Membership, managerId: UserId): Promise<void> {
  if (managerId === actor.userId) throw invalidField("body.managerId", "must be someone other than you");
  const manager = await repos.organisations.findMember(actor.orgId, managerId);
  if (manager?.status !== "active")
    throw invalidField("body.managerId", "must be an active member of this organisation");
  await repos.profiles.lockReportingLines(actor.orgId);
  const chainAbove = await repos.profiles.managerChain(actor.orgId, managerId);
  if (reportingCycle(actor.userId, managerId, chainAbove)) {
    const message = `would make a reporting loop: ${manager.name} reports to you, directly or through others`;
    throw new AppError("domain_rule", `body.managerId ${message}`, [{ path: "body.managerId", message }]);
  }
}

/**
 * Saves the whole profile of the signed-in member. Skills named as on the organisation's list
 * take the list's spelling; others are kept as free additions. The manager is checked only when
 * it changes (a manager who has since left does not block saving other fields).
 */
export async function saveProfile(
  deps: ServerDeps,
  actor: Membership,
  input: ProfileValues,
): Promise<ProfileRecord> {
  return inTransaction(deps.db, async (repos) => {
    const current = await repos.profiles.find(actor.orgId, actor.userId);
    const managerId = (input.managerId ?? null) as UserId | null;
    if (managerId && managerId !== current?.managerId) await checkManager(repos, actor, managerId);

    const listed = (await repos.profiles.listSkills(actor.orgId)).map((skill) => skill.name);
    const canonical = (items: { skill: string; level: number }[]) =>
      items.map((item) => ({ skill: canonicalSkillName(item.skill, listed), level: item.level }));

    await repos.profiles.save(
      actor.orgId,
      actor.userId,
      {
        headline: input.headline,
        bio: input.bio,
        jobTitle: input.jobTitle,
        department: input.department,
        managerId,
        location: input.location,
        timeZone: input.timeZone,
        languages: input.languages,
        yearsExperience: input.yearsExperience,
        skillsOffered: canonical(input.skillsOffered),
        skillsWanted: canonical(input.skillsWanted),
        topics: input.topics,
        careerGoals: input.careerGoals,
        availability: [...input.availability].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start)),
        links: input.links,
        visibility: resolveVisibility(input.visibility),
      },
      deps.now(),
    );
    const saved = await repos.profiles.find(actor.orgId, actor.userId);
    if (!saved) throw new Error("the profile just saved is missing");
    return saved;
  });
}
