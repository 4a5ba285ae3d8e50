import type { RouteContract } from "./route-contract.ts";

/** The profiles routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const profileRoutes = {} satisfies Record<string, RouteContract>;
