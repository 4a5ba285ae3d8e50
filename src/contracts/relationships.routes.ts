import type { RouteContract } from "./route-contract.ts";

/** The relationships routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const relationshipRoutes = {} satisfies Record<string, RouteContract>;
