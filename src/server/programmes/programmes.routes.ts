import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the programmes routes of the contract table. */
export function registerProgrammeRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
