import {
  MentorSearchQuerySchema,
  MentorSearchResultSchema,
  ProgrammeMentorParamsSchema,
  RecommendationListSchema,
  RecommendationsQuerySchema,
  WhyNotSchema,
} from "./mentor-search.ts";
import { ProgrammeParamsSchema } from "./requests.ts";
import { route, type RouteContract } from "./route-contract.ts";

const tag = "mentor-search";

/** The mentor search routes (see routes.ts): recommendations, why (not) a mentor, full-text search. */
export const mentorSearchRoutes = {
  listRecommendations: route({
    method: "GET",
    path: "/api/orgs/:orgId/programmes/:programmeId/recommendations",
    summary: "Mentors recommended for me (an active mentee), best first, with the why of each score",
    tag,
    access: "org-member",
    status: 200,
    params: ProgrammeParamsSchema,
    query: RecommendationsQuerySchema,
    response: RecommendationListSchema,
  }),
  explainRecommendation: route({
    method: "GET",
    path: "/api/orgs/:orgId/programmes/:programmeId/recommendations/:mentorId",
    summary: "Why (not) this mentor for me: the matcher's rules, capacity, earlier pairs, the score",
    tag,
    access: "org-member",
    status: 200,
    params: ProgrammeMentorParamsSchema,
    response: WhyNotSchema,
  }),
  searchMentors: route({
    method: "GET",
    path: "/api/orgs/:orgId/programmes/:programmeId/mentors",
    summary: "Full-text search over the programme's active mentors, with facet counts",
    tag,
    access: "org-member",
    status: 200,
    params: ProgrammeParamsSchema,
    query: MentorSearchQuerySchema,
    response: MentorSearchResultSchema,
  }),
} satisfies Record<string, RouteContract>;
