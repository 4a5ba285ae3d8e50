import type { RouteContract } from "./route-contract.ts";

/** The self-match routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const selfMatchRoutes = {} satisfies Record<string, RouteContract>;
