import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { EnrolmentRecord, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { hashToken } from "../security/tokens.ts";
import { programmeFor } from "./enrolment.policy.ts";
import { type RegisterInput, registerForProgramme } from "./register.ts";

/**
 * Follows a join link for a signed-in person: the programme it opens, provided they are an active
 * member of its organisation. A link turned off or replaced is "no longer works" (410); someone
 * outside the organisation gets 404.
 */
export async function followJoinLink(
  deps: ServerDeps,
  userId: UserId,
  token: string,
): Promise<{ membership: Membership; programme: ProgrammeRecord; enrolment: EnrolmentRecord | null }> {
  const target = await deps.repos.enrolments.findProgrammeByJoinTokenHash(hashToken(deps.secret, token));
  if (!target)
    throw new AppError(
      "token_invalid",
      "This join link no longer works. Ask the programme's admins for a new one.",
    );
  const membership = await deps.repos.organisations.findMember(target.orgId, userId);
  if (membership?.status !== "active")
    throw notFound("This join link is for an organisation you are not a member of.");
  const programme = await programmeFor(deps.repos, membership, target.programmeId, { viaJoinLink: true });
  const enrolment = await deps.repos.enrolments.findForUser(target.orgId, programme.id, userId);
  return { membership, programme, enrolment };
}

/** Registers through a join link: the same rules as registering from the programme's page. */
export async function joinByLink(
  deps: ServerDeps,
  userId: UserId,
  token: string,
  input: RegisterInput,
): Promise<{ enrolment: EnrolmentRecord; programme: ProgrammeRecord }> {
  const { membership, programme } = await followJoinLink(deps, userId, token);
  return registerForProgramme(deps, membership, programme.id, input, "invite");
}
