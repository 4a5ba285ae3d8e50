import type { CreateRequestSchema } from "../../contracts/requests.ts";
import { hasRoom } from "../../core/relationships/relationship-status.ts";
import type { z } from "zod";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { refuseNewRequest, requestExpiresAt } from "../../core/requests/request-status.ts";
import { mayBeMentored, mayMentor, type ProgrammeId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { MentoringRequestView } from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, invalidField, notFound } from "../http/app-error.ts";
import { recordEvents } from "../events/record-events.ts";
import { noticeRequest, viewOf } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

/**
 * A mentee asks a mentor. The mentee's enrolment row is locked first, so their open-request
 * count (the programme's cap) cannot be overrun by sends in parallel; the partial unique index
 * on open pairs refuses a second open request to the same mentor.
 */
export async function createRequest(
  deps: ServerDeps,
  membership: Membership,
  programmeId: ProgrammeId,
  input: z.output<typeof CreateRequestSchema>,
): Promise<MentoringRequestView> {
  const { orgId, userId } = membership;
  const mentorId = input.mentorId as UserId;
  if (mentorId === userId) throw invalidField("body.mentorId", "is you: choose someone else as your mentor");
  const now = deps.now();
  const { view } = await inTransaction(deps.db, async (repos) => {
    const programme = await repos.programmes.find(orgId, programmeId);
    if (!programme) throw notFound("Programme not found.");
    const enrolment = await repos.enrolments.findForUserForUpdate(orgId, programmeId, userId);
    const [liveAsMentee, open] = await Promise.all([
      repos.livePairs.countLiveAsMentee(orgId, programmeId, userId),
      repos.requests.listOpenOfMentee(orgId, programmeId, userId),
    ]);
    const refusal = refuseNewRequest({
      programme,
      mayBeMentored: enrolment !== null && mayBeMentored(enrolment),
      liveAsMentee,
      openRequests: open.length,
    });
    if (refusal?.kind === "not_a_mentee") throw forbidden(refusal.message);
    if (refusal) throw new AppError("domain_rule", refusal.message);

    const mentorEnrolment = await repos.enrolments.findForUser(orgId, programmeId, mentorId);
    if (!mentorEnrolment || mentorEnrolment.role === "mentee")
      throw notFound("Mentor not found in this programme.");
    const mentorName = (await repos.requests.names([mentorId])).get(mentorId) ?? "This mentor";
    if (!mayMentor(mentorEnrolment))
      throw new AppError("domain_rule", `${mentorName} is not taking requests in this programme right now.`);
    if (open.some((request) => request.mentorId === mentorId))
      throw new AppError("conflict", `You already have an open request to ${mentorName}.`);
    const live = await repos.livePairs.countLiveAsMentor(orgId, programmeId, mentorId);
    if (!hasRoom(mentorEnrolment.mentorCapacity, live))
      throw new AppError("conflict", `${mentorName} has no room for another mentee right now.`);

    const inserted = await repos.requests.insertOpen({
      orgId,
      programmeId,
      menteeId: userId,
      mentorId,
      goal: input.goal,
      reality: input.reality,
      options: input.options,
      will: input.will,
      expectations: input.expectations,
      createdAt: now,
      expiresAt: requestExpiresAt(now, programme.requestExpiryDays),
    });
    if (!inserted) throw new AppError("conflict", `You already have an open request to ${mentorName}.`);
    const view = await viewOf(repos, inserted);
    const notices = requestEvents.sent(noticeRequest(view));
    await recordEvents(repos, notices);
    return { view, notices };
  });
  await deps.events.afterCommit();
  return view;
}
