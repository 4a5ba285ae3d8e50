import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import { pingDatabase } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";

export const TRELLIS_VERSION = "0.1.0";

export function registerHealthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.health, async ({ reply }) => {
    const started = performance.now();
    let isUp = true;
    try {
      await pingDatabase(deps.db);
    } catch {
      isUp = false;
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    if (!isUp) reply.status(503);
    return {
      status: isUp ? ("ok" as const) : ("degraded" as const),
      database: { status: isUp ? ("ok" as const) : ("down" as const), kind: deps.databaseKind, latencyMs },
      version: TRELLIS_VERSION,
    };
  });
}
