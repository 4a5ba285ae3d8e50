import type { RequestDetail } from "../../contracts/requests.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { RequestId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { presentRequestDetail } from "./request.presenter.ts";
import { viewerOf } from "./requests.policy.ts";

/** One request for its mentee, its mentor (everything) or an admin (states and dates only). */
export async function getRequest(
  deps: ServerDeps,
  membership: Membership,
  requestId: RequestId,
): Promise<RequestDetail> {
  const view = await deps.repos.requests.findView(membership.orgId, requestId);
  if (!view) throw notFound("Request not found.");
  return presentRequestDetail(view, viewerOf(view, membership));
}
