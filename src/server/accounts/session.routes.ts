import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { loadMe } from "./load-me.ts";

/** GET /api/session: the signed-out answer is a 200 with signedIn false, not an error. */
export function registerSessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.session, async ({ auth, reply }) => {
    reply.header("cache-control", "no-store");
    if (!auth) return { signedIn: false, me: null };
    return { signedIn: true, me: await loadMe(deps, auth.userId, auth.session) };
  });
}
