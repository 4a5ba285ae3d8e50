import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the relationships routes of the contract table. */
export function registerRelationshipRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
