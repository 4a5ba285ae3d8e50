import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { Repositories } from "../../db/index.ts";
import type { StoredPhoto } from "../../db/repositories/profiles.repository.ts";
import { notFound } from "../http/app-error.ts";
import { visibleProfile } from "./view-person-profile.ts";

/**
 * A member's photo for a viewer who may see their About section; otherwise, as when there is no
 * photo, a 404 (whether a hidden photo exists is not revealed).
 */
export async function readPersonPhoto(
  repos: Repositories,
  viewer: Membership,
  userId: UserId,
): Promise<StoredPhoto> {
  const { visible } = await visibleProfile(repos, viewer, userId);
  const photo = visible.includes("about") ? await repos.profiles.findPhoto(viewer.orgId, userId) : null;
  if (!photo) throw notFound("No photo.");
  return photo;
}
