import type { RouteContract } from "./route-contract.ts";

/** The notifications routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const notificationRoutes = {} satisfies Record<string, RouteContract>;
