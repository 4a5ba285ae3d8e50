import type { Membership, UserId } from "../../core/accounts/types.ts";
import { refuseNewRequest } from "../../core/requests/request-status.ts";
import {
  mayBeMentored,
  type ProgrammeId,
  type ProgrammeRecord,
  type RequestId,
  type RequestStatus,
} from "../../core/programmes/types.ts";
import type { RequestAllowance } from "../../contracts/mentor-search.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { type PreparedEntry, preparedProgramme } from "./prepared-programme-cache.ts";
import type { LiveState } from "./rank-mentors.ts";

export interface MenteeContext {
  programme: ProgrammeRecord;
  entry: PreparedEntry;
  live: LiveState;
  /** My open requests in the programme, by mentor. */
  openRequests: Map<UserId, { id: RequestId; status: RequestStatus }>;
  allowance: RequestAllowance;
}

/**
 * Everything recommendations and "why not?" need for the calling mentee, read in parallel: the
 * programme, the prepared programme (cached, version checked), pairs, capacity and my requests.
 * Only an active mentee of a programme open to self-match gets them.
 */
export async function loadMenteeContext(
  deps: ServerDeps,
  membership: Membership,
  programmeId: ProgrammeId,
): Promise<MenteeContext> {
  const { orgId, userId } = membership;
  const [programme, enrolment] = await Promise.all([
    deps.repos.programmes.find(orgId, programmeId),
    deps.repos.enrolments.findForUser(orgId, programmeId, userId),
  ]);
  if (!programme) throw notFound("Programme not found.");
  if (!enrolment || !mayBeMentored(enrolment))
    throw forbidden("Recommendations are for active mentees of this programme.");
  if (programme.matchingMode === "admin")
    throw new AppError(
      "domain_rule",
      "In this programme the managers make the matches: there are no mentors to choose from.",
    );
  const [entry, pairs, liveCounts, open] = await Promise.all([
    preparedProgramme(deps, programme),
    deps.repos.livePairs.pairsOfMentee(orgId, programmeId, userId),
    deps.repos.livePairs.liveCountsByMentor(orgId, programmeId),
    deps.repos.requests.listOpenOfMentee(orgId, programmeId, userId),
  ]);
  const refusal = refuseNewRequest({
    programme,
    mayBeMentored: true,
    liveAsMentee: pairs.live.size,
    openRequests: open.length,
  });
  return {
    programme,
    entry,
    live: { live: pairs.live, earlier: pairs.earlier, liveCounts },
    openRequests: new Map(
      open.map((request) => [request.mentorId, { id: request.id, status: request.status }]),
    ),
    allowance: {
      canRequest: refusal === null,
      reason: refusal?.message ?? null,
      openRequests: open.length,
      pendingRequestCap: programme.pendingRequestCap,
    },
  };
}
