import type { FastifyInstance } from "fastify";
import type { UserId } from "../../core/accounts/types.ts";
import { PHOTO_MAX_BYTES } from "../../contracts/profiles.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { createSkill } from "./create-skill.ts";
import { deleteSkill } from "./delete-skill.ts";
import { loadProfile } from "./load-profile.ts";
import { acceptPhotoBodies } from "./photo-body.ts";
import { presentMyProfile, presentSkill } from "./profile.presenter.ts";
import { readPersonPhoto } from "./read-person-photo.ts";
import { removePhoto } from "./remove-photo.ts";
import { saveProfile } from "./save-profile.ts";
import { updateSkill } from "./update-skill.ts";
import { uploadPhoto } from "./upload-photo.ts";
import { viewPersonProfile } from "./view-person-profile.ts";

/** Registers the handlers of the profiles routes of the contract table. */
export function registerProfileRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const nameOf = async (userId: UserId) => (await deps.repos.users.findById(userId))?.name ?? "";

  defineRoute(app, deps, routes.getMyProfile, async ({ membership }) => {
    const { profile, saved } = await loadProfile(deps.repos, membership.orgId, membership.userId);
    return presentMyProfile(profile, await nameOf(membership.userId), saved);
  });

  defineRoute(app, deps, routes.updateMyProfile, async ({ membership, body }) =>
    presentMyProfile(await saveProfile(deps, membership, body), await nameOf(membership.userId), true),
  );

  // The upload takes a raw image, not JSON: its body parser lives in a scope of its own.
  app.register(async (scope) => {
    acceptPhotoBodies(scope);
    defineRoute(
      scope,
      deps,
      routes.uploadProfilePhoto,
      async ({ membership, request }) => uploadPhoto(deps, membership, request.body),
      { bodyLimit: PHOTO_MAX_BYTES },
    );
  });

  defineRoute(app, deps, routes.deleteProfilePhoto, async ({ membership }) => {
    await removePhoto(deps, membership);
    return undefined;
  });

  defineRoute(app, deps, routes.searchPeople, async ({ membership, query }) => ({
    people: await deps.repos.profiles.searchPeople(membership.orgId, query.q ?? "", query.limit),
  }));

  defineRoute(app, deps, routes.getPersonProfile, async ({ membership, params }) =>
    viewPersonProfile(deps.repos, membership, params.userId as UserId),
  );

  defineRoute(app, deps, routes.getPersonPhoto, async ({ membership, params, reply }) => {
    const photo = await readPersonPhoto(deps.repos, membership, params.userId as UserId);
    reply
      .type(photo.contentType)
      .header("cache-control", "private, no-cache")
      .header("x-content-type-options", "nosniff")
      .header("last-modified", photo.updatedAt.toUTCString());
    return photo.bytes;
  });

  defineRoute(app, deps, routes.listSkills, async ({ membership }) => ({
    skills: (await deps.repos.profiles.listSkills(membership.orgId)).map(presentSkill),
  }));

  defineRoute(app, deps, routes.createSkill, async ({ membership, body }) =>
    presentSkill(await createSkill(deps, membership.orgId, body)),
  );

  defineRoute(app, deps, routes.updateSkill, async ({ membership, params, body }) =>
    presentSkill(await updateSkill(deps, membership.orgId, params.skillId, body)),
  );

  defineRoute(app, deps, routes.deleteSkill, async ({ membership, params }) => {
    await deleteSkill(deps, membership.orgId, params.skillId);
    return undefined;
  });
}
