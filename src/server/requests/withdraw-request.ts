import type { Membership } from "../../core/accounts/types.ts";
import { statesBefore } from "../../core/requests/request-status.ts";
import type { RequestId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { MentoringRequestView } from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import { lostRace, noticeRequest, requestForAction, viewOf } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

/** The mentee withdraws their open request; the mentor is told. */
export async function withdrawRequest(
  deps: ServerDeps,
  membership: Membership,
  requestId: RequestId,
): Promise<MentoringRequestView> {
  const now = deps.now();
  const { view } = await inTransaction(deps.db, async (repos) => {
    const request = await requestForAction(repos, membership, requestId, "withdraw");
    const changed = await repos.requests.transition(request.orgId, request.id, statesBefore("withdrawn"), {
      status: "withdrawn",
      closeReason: "withdrawn by the mentee",
      updatedAt: now,
    });
    if (!changed) throw await lostRace(repos, request, "withdraw", "mentee");
    const view = await viewOf(repos, changed);
    const notices = requestEvents.withdrawnByMentee(noticeRequest(view));
    await recordEvents(repos, notices);
    return { view, notices };
  });
  await deps.events.afterCommit();
  return view;
}
