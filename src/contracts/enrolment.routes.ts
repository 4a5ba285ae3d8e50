import type { RouteContract } from "./route-contract.ts";

/** The enrolment routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const enrolmentRoutes = {} satisfies Record<string, RouteContract>;
