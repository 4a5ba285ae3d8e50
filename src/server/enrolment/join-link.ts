import type { Membership } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { programmeFor } from "./enrolment.policy.ts";

/**
 * Creates the programme's join link, replacing any earlier one (which stops working). Like
 * invitations, only an HMAC of the random token is stored, so the link is shown this once; a
 * new one can be made at any time.
 */
export async function createJoinLink(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
): Promise<{ url: string }> {
  const programme = await programmeFor(deps.repos, actor, programmeId);
  const token = newToken();
  await deps.repos.enrolments.setJoinTokenHash(actor.orgId, programme.id, hashToken(deps.secret, token));
  return { url: `${deps.config.publicUrl}/join/${token}` };
}

/** Turns the join link off: following it then says it no longer works. */
export async function disableJoinLink(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
): Promise<void> {
  const programme = await programmeFor(deps.repos, actor, programmeId);
  await deps.repos.enrolments.setJoinTokenHash(actor.orgId, programme.id, null);
}
