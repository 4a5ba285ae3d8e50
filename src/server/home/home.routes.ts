import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { loadHome } from "./load-home.ts";

/** Registers the Home route of the contract table. */
export function registerHomeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.home, async ({ membership }) => loadHome(deps, membership));
}
