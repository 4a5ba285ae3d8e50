import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { answerFitCheck } from "./answer-fit-check.ts";
import { changeRelationshipStatus } from "./change-relationship-status.ts";
import { confirmAgreement } from "./confirm-agreement.ts";
import { listRelationships } from "./list-relationships.ts";
import { loadAgreement, loadRelationship, loadRelationshipHistory } from "./load-relationship.ts";
import { loadMyMentoring } from "./load-my-mentoring.ts";
import { updateAgreement } from "./update-agreement.ts";

/** Registers the handlers of the relationships routes of the contract table. */
export function registerRelationshipRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const id = (params: { relationshipId: string }) => params.relationshipId as RelationshipId;

  defineRoute(app, deps, routes.myMentoring, async ({ membership }) => loadMyMentoring(deps, membership));

  defineRoute(app, deps, routes.listRelationships, async ({ membership, query }) =>
    listRelationships(deps, membership.orgId, query),
  );

  defineRoute(app, deps, routes.getRelationship, async ({ membership, params }) =>
    loadRelationship(deps, membership, id(params)),
  );

  defineRoute(app, deps, routes.relationshipHistory, async ({ membership, params }) =>
    loadRelationshipHistory(deps, membership, id(params)),
  );

  defineRoute(app, deps, routes.pauseRelationship, async ({ membership, params, body }) =>
    changeRelationshipStatus(deps, membership, id(params), "pause", body.reason || null),
  );

  defineRoute(app, deps, routes.resumeRelationship, async ({ membership, params }) =>
    changeRelationshipStatus(deps, membership, id(params), "resume", null),
  );

  defineRoute(app, deps, routes.completeRelationship, async ({ membership, params }) =>
    changeRelationshipStatus(deps, membership, id(params), "complete", null),
  );

  defineRoute(app, deps, routes.endRelationship, async ({ membership, params, body }) =>
    changeRelationshipStatus(deps, membership, id(params), "end", body.reason),
  );

  defineRoute(app, deps, routes.getAgreement, async ({ membership, params }) =>
    loadAgreement(deps, membership, id(params)),
  );

  defineRoute(app, deps, routes.updateAgreement, async ({ membership, params, body }) =>
    updateAgreement(deps, membership, id(params), body),
  );

  defineRoute(app, deps, routes.confirmAgreement, async ({ membership, params, body }) =>
    confirmAgreement(deps, membership, id(params), body.version),
  );

  defineRoute(app, deps, routes.answerFitCheck, async ({ membership, params, body }) =>
    answerFitCheck(deps, membership, id(params), body),
  );
}
