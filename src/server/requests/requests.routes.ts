import type { FastifyInstance } from "fastify";
import type { ProgrammeId, RequestId } from "../../core/programmes/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { acceptRequest } from "./accept-request.ts";
import { answerRequest } from "./answer-request.ts";
import { askRequestInfo } from "./ask-request-info.ts";
import { createRequest } from "./create-request.ts";
import { declineRequest } from "./decline-request.ts";
import { getRequest } from "./get-request.ts";
import { presentRequestDetail, presentRequestSummary } from "./request.presenter.ts";
import { withdrawRequest } from "./withdraw-request.ts";

/** Registers the handlers of the requests routes of the contract table. */
export function registerRequestsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.createRequest, async ({ membership, params, body }) =>
    presentRequestDetail(
      await createRequest(deps, membership, params.programmeId as ProgrammeId, body),
      "mentee",
    ),
  );

  defineRoute(app, deps, routes.listMyRequests, async ({ membership, query }) => {
    const { items, total } = await deps.repos.requests.listForUser(membership.orgId, membership.userId, {
      ...query,
      programmeId: query.programmeId as ProgrammeId | undefined,
    });
    return { requests: items.map((item) => presentRequestSummary(item, membership.userId)), total };
  });

  defineRoute(app, deps, routes.getRequest, async ({ membership, params }) =>
    getRequest(deps, membership, params.requestId as RequestId),
  );

  defineRoute(app, deps, routes.acceptRequest, async ({ membership, params }) => {
    const accepted = await acceptRequest(deps, membership, params.requestId as RequestId);
    return {
      request: presentRequestDetail(accepted.view, "mentor"),
      relationshipId: accepted.relationshipId,
      withdrawnOthers: accepted.withdrawnOthers,
    };
  });

  defineRoute(app, deps, routes.declineRequest, async ({ membership, params, body }) =>
    presentRequestDetail(
      await declineRequest(deps, membership, params.requestId as RequestId, body.reason),
      "mentor",
    ),
  );

  defineRoute(app, deps, routes.askRequestInfo, async ({ membership, params, body }) =>
    presentRequestDetail(
      await askRequestInfo(deps, membership, params.requestId as RequestId, body.question),
      "mentor",
    ),
  );

  defineRoute(app, deps, routes.answerRequest, async ({ membership, params, body }) =>
    presentRequestDetail(
      await answerRequest(deps, membership, params.requestId as RequestId, body.answer),
      "mentee",
    ),
  );

  defineRoute(app, deps, routes.withdrawRequest, async ({ membership, params }) =>
    presentRequestDetail(await withdrawRequest(deps, membership, params.requestId as RequestId), "mentee"),
  );
}
