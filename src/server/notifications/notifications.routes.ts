import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the notifications routes of the contract table. */
export function registerNotificationRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
