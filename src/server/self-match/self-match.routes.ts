import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the self-match routes of the contract table. */
export function registerSelfMatchRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
