import type { Membership, UserId } from "../../core/accounts/types.ts";
import { CLOSE_REASONS, refuseRequestAction, statesBefore } from "../../core/requests/request-status.ts";
import type { RequestExpectations } from "../../core/relationships/agreement.ts";
import { mayBeMentored, mayMentor, type RequestId } from "../../core/programmes/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type {
  MentoringRequestRecord,
  MentoringRequestView,
} from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { startRelationship } from "../relationships/start-relationship.ts";
import { noticeRequest, requestForAction, viewOf, wrongState } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

type Outcome =
  | { kind: "accepted"; view: MentoringRequestView; relationshipId: string; withdrawnOthers: number }
  | { kind: "refused"; error: AppError };

/**
 * The mentor accepts, in one transaction that is safe when many accept at once:
 * 1. lock both enrolment rows, always in user-id order (two accepts never wait on each other in a
 *    cycle), then the mentee's open requests in id order;
 * 2. the mentor at capacity (live relationships in the programme) -> this request is declined
 *    "at capacity"; the mentee already matched -> it is withdrawn; either way the change commits
 *    and the call answers 409 saying so;
 * 3. otherwise the relationship starts (startRelationship: the capacity rule, the agreement drafted
 *    from the request's expectations, the events), the
 *    request is accepted and the mentee's other open requests are withdrawn, "matched with
 *    another mentor". The events are recorded in the transaction and delivered after it commits.
 */
export async function acceptRequest(
  deps: ServerDeps,
  membership: Membership,
  requestId: RequestId,
): Promise<{ view: MentoringRequestView; relationshipId: string; withdrawnOthers: number }> {
  const now = deps.now();
  const notices: DomainEvent[] = [];
  const outcome = await inTransaction(deps.db, async (repos): Promise<Outcome> => {
    const seen = await requestForAction(repos, membership, requestId, "accept");
    const { orgId, programmeId, menteeId, mentorId } = seen;
    const programme = await repos.programmes.find(orgId, programmeId);
    const [first, second] = [mentorId, menteeId].sort();
    const locked = new Map([
      [first, await repos.enrolments.findForUserForUpdate(orgId, programmeId, first)],
      [second, await repos.enrolments.findForUserForUpdate(orgId, programmeId, second)],
    ]);
    const mentorEnrolment = locked.get(mentorId);
    const menteeEnrolment = locked.get(menteeId);
    const open = await repos.requests.listOpenOfMenteeForUpdate(orgId, programmeId, menteeId);
    const request = open.find((item) => item.id === requestId);
    if (!request) {
      const current = (await repos.requests.find(orgId, requestId)) ?? seen;
      const refusal = refuseRequestAction("accept", "mentor", current.status);
      return { kind: "refused", error: wrongState(refusal?.message ?? "", current.status) };
    }
    if (!programme || !mentorEnrolment || !mayMentor(mentorEnrolment)) {
      return {
        kind: "refused",
        error: new AppError(
          "domain_rule",
          "You are not an active mentor in this programme (paused or left), so you cannot accept requests.",
        ),
      };
    }
    const view = await viewOf(repos, request);

    if (!menteeEnrolment || !mayBeMentored(menteeEnrolment)) {
      await close(repos, request, "withdrawn", CLOSE_REASONS.menteeInactive, now);
      return {
        kind: "refused",
        error: new AppError(
          "conflict",
          `${view.menteeName} is no longer active in this programme: the request was withdrawn.`,
        ),
      };
    }

    if ((await repos.livePairs.countLiveAsMentee(orgId, programmeId, menteeId)) > 0) {
      for (const item of open) {
        await close(repos, item, "withdrawn", CLOSE_REASONS.alreadyMatched, now);
        if (item.id !== request.id)
          notices.push(...requestEvents.withdrawnMatched(noticeRequest(await viewOf(repos, item))));
      }
      await recordEvents(repos, notices);
      return {
        kind: "refused",
        error: new AppError(
          "conflict",
          `${view.menteeName} already has a mentor in this programme: the request was withdrawn.`,
        ),
      };
    }

    const started = await startRelationship(repos, {
      programme,
      menteeId,
      mentorId,
      actorId: membership.userId as UserId,
      mentorCapacity: mentorEnrolment.mentorCapacity,
      cause: {
        kind: "request",
        requestId: request.id,
        expectations: request.expectations as RequestExpectations,
        goal: request.goal,
        notice: noticeRequest(view),
      },
    });
    if (started.kind === "at_capacity") {
      await close(repos, request, "declined", CLOSE_REASONS.atCapacity, now, request.respondedAt ?? now);
      notices.push(...requestEvents.declinedAtCapacity(noticeRequest(view)));
      await recordEvents(repos, notices);
      return {
        kind: "refused",
        error: new AppError(
          "conflict",
          `You are at capacity (${started.live} of ${started.capacity} mentees): the request was declined as "${CLOSE_REASONS.atCapacity}".`,
        ),
      };
    }
    const relationship = started.relationship;
    await repos.requests.transition(orgId, request.id, statesBefore("accepted"), {
      status: "accepted",
      respondedAt: request.respondedAt ?? now,
      updatedAt: now,
    });
    notices.push(...started.events);
    const others = open.filter((item) => item.id !== request.id);
    for (const item of others) {
      await close(repos, item, "withdrawn", CLOSE_REASONS.matchedElsewhere, now);
      notices.push(...requestEvents.withdrawnMatched(noticeRequest(await viewOf(repos, item))));
    }
    await recordEvents(repos, notices);
    return {
      kind: "accepted",
      view: await viewOf(repos, request),
      relationshipId: relationship.id,
      withdrawnOthers: others.length,
    };
  });
  await deps.events.afterCommit();
  if (outcome.kind === "refused") throw outcome.error;
  return outcome;
}

function close(
  repos: Repositories,
  request: MentoringRequestRecord,
  status: "withdrawn" | "declined",
  reason: string,
  now: Date,
  respondedAt?: Date,
) {
  return repos.requests.transition(request.orgId, request.id, statesBefore(status), {
    status,
    closeReason: reason,
    updatedAt: now,
    ...(respondedAt ? { respondedAt } : {}),
  });
}
