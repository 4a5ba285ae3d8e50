import type { Membership } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";

/** Removes the member's photo (404 when there is none). */
export async function removePhoto(deps: ServerDeps, actor: Membership): Promise<void> {
  if (!(await deps.repos.profiles.clearPhoto(actor.orgId, actor.userId, deps.now())))
    throw notFound("You have no photo.");
}
