import type { FastifyInstance } from "fastify";
import type { UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { explainRecommendation } from "./explain-recommendation.ts";
import { listRecommendations } from "./list-recommendations.ts";
import { searchMentors } from "./search-mentors.ts";

/** Registers the handlers of the mentor search routes (recommendations, search, why not). */
export function registerMentorSearchRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.listRecommendations, async ({ membership, params, query }) =>
    listRecommendations(deps, membership, params.programmeId as ProgrammeId, query.limit),
  );

  defineRoute(app, deps, routes.explainRecommendation, async ({ membership, params }) =>
    explainRecommendation(deps, membership, params.programmeId as ProgrammeId, params.mentorId as UserId),
  );

  defineRoute(app, deps, routes.searchMentors, async ({ membership, params, query }) =>
    searchMentors(deps, membership, params.programmeId as ProgrammeId, query),
  );
}
