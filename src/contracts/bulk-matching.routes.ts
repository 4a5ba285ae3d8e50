import type { RouteContract } from "./route-contract.ts";

/** The bulk-matching routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const bulkMatchingRoutes = {} satisfies Record<string, RouteContract>;
