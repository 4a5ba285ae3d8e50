import type { RouteContract } from "./route-contract.ts";

/** The programmes routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const programmeRoutes = {} satisfies Record<string, RouteContract>;
