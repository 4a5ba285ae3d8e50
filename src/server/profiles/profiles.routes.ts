import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the profiles routes of the contract table. */
export function registerProfileRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
