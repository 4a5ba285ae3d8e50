import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";

/** Registers the handlers of the enrolment routes of the contract table. */
export function registerEnrolmentRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
