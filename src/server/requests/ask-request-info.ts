import type { Membership } from "../../core/accounts/types.ts";
import { requestExpiresAt, statesBefore } from "../../core/requests/request-status.ts";
import type { RequestId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { MentoringRequestView } from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { recordEvents } from "../events/record-events.ts";
import { lostRace, noticeRequest, requestForAction, viewOf } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

/**
 * The mentor asks the mentee a question: the request goes back to the mentee (needs_info), who
 * has the programme's full expiry period to answer (and one reminder before it ends).
 */
export async function askRequestInfo(
  deps: ServerDeps,
  membership: Membership,
  requestId: RequestId,
  question: string,
): Promise<MentoringRequestView> {
  const now = deps.now();
  const { view } = await inTransaction(deps.db, async (repos) => {
    const request = await requestForAction(repos, membership, requestId, "ask");
    const programme = await repos.programmes.find(request.orgId, request.programmeId);
    if (!programme) throw notFound("Programme not found.");
    const changed = await repos.requests.transition(request.orgId, request.id, statesBefore("needs_info"), {
      status: "needs_info",
      infoQuestion: question,
      infoAnswer: null,
      respondedAt: request.respondedAt ?? now,
      expiresAt: requestExpiresAt(now, programme.requestExpiryDays),
      remindedAt: null,
      updatedAt: now,
    });
    if (!changed) throw await lostRace(repos, request, "ask", "mentor");
    const view = await viewOf(repos, changed);
    const notices = requestEvents.asked(noticeRequest(view), question);
    await recordEvents(repos, notices);
    return { view, notices };
  });
  await deps.events.afterCommit();
  return view;
}
