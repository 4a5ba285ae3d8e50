import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the bulk-matching routes of the contract table. */
export function registerBulkMatchingRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
