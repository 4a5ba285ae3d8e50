import type { Membership } from "../../core/accounts/types.ts";
import { statesBefore } from "../../core/requests/request-status.ts";
import type { RequestId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { MentoringRequestView } from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import { lostRace, noticeRequest, requestForAction, viewOf } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

/** The mentor declines with a reason; the mentee is told it. One conditional update decides races. */
export async function declineRequest(
  deps: ServerDeps,
  membership: Membership,
  requestId: RequestId,
  reason: string,
): Promise<MentoringRequestView> {
  const now = deps.now();
  const { view } = await inTransaction(deps.db, async (repos) => {
    const request = await requestForAction(repos, membership, requestId, "decline");
    const changed = await repos.requests.transition(request.orgId, request.id, statesBefore("declined"), {
      status: "declined",
      closeReason: reason,
      respondedAt: request.respondedAt ?? now,
      updatedAt: now,
    });
    if (!changed) throw await lostRace(repos, request, "decline", "mentor");
    const view = await viewOf(repos, changed);
    const notices = requestEvents.declined(noticeRequest(view), reason);
    await recordEvents(repos, notices);
    return { view, notices };
  });
  await deps.events.afterCommit();
  return view;
}
