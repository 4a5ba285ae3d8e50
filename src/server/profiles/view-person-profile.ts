import type { PersonProfile } from "../../contracts/profiles.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import {
  type ProfileSection,
  resolveVisibility,
  type Viewer,
  visibleSections,
} from "../../core/profiles/profile-rules.ts";
import type { Repositories } from "../../db/index.ts";
import type { ProfileRecord } from "../../db/repositories/profiles.repository.ts";
import { notFound } from "../http/app-error.ts";
import { loadProfile } from "./load-profile.ts";
import { presentPersonProfile } from "./profile.presenter.ts";

/** How `viewer` relates to `userId` (another organisation's person never gets this far: 404). */
async function relation(repos: Repositories, viewer: Membership, userId: UserId): Promise<Viewer> {
  const isOwner = viewer.userId === userId;
  const isAdmin = isOrgAdmin(viewer.role);
  const sharesProgramme =
    !isOwner && !isAdmin ? await repos.profiles.shareProgramme(viewer.orgId, viewer.userId, userId) : false;
  return { isOwner, isAdmin, sharesProgramme };
}

/**
 * An active member of the viewer's organisation, their profile, and the sections the viewer may
 * see. Anyone else (another organisation's person, someone deactivated, an unknown id) is a 404.
 */
export async function visibleProfile(
  repos: Repositories,
  viewer: Membership,
  userId: UserId,
): Promise<{ name: string; profile: ProfileRecord; visible: ProfileSection[]; seesEverything: boolean }> {
  const member = await repos.organisations.findMember(viewer.orgId, userId);
  if (member?.status !== "active") throw notFound("Person not found.");
  const { profile } = await loadProfile(repos, viewer.orgId, userId);
  const who = await relation(repos, viewer, userId);
  return {
    name: member.name,
    profile,
    visible: visibleSections(resolveVisibility(profile.visibility), who),
    seesEverything: who.isOwner || who.isAdmin,
  };
}

/** GET /people/:userId/profile: only the sections the viewer may see. */
export async function viewPersonProfile(
  repos: Repositories,
  viewer: Membership,
  userId: UserId,
): Promise<PersonProfile> {
  const { name, profile, visible, seesEverything } = await visibleProfile(repos, viewer, userId);
  return presentPersonProfile(profile, name, visible, seesEverything);
}
