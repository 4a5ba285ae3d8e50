import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { registerAccountRoutes } from "./accounts/accounts.routes.ts";
import { registerSessionRoutes } from "./accounts/session.routes.ts";
import type { ServerDeps } from "./deps.ts";
import { frameworkErrorResponder, installErrorHandling } from "./http/error-handler.ts";
import { installTextGuard } from "./http/text-guard.ts";
import { loggerOptions } from "./http/logging.ts";
import { installOpenApi } from "./http/openapi.ts";
import { installSecurity } from "./http/security.ts";
import { installWebApp } from "./http/web-app.ts";
import { registerOrganisationRoutes } from "./organisations/organisations.routes.ts";
import { registerHealthRoutes } from "./system/health.routes.ts";
import { registerTwoFactorRoutes } from "./identity/two-factor.routes.ts";
import { registerAuditRoutes } from "./identity/audit.routes.ts";
import { registerPersonalDataRoutes } from "./identity/personal-data.routes.ts";
import { registerProgrammeDocumentRoutes } from "./programme-documents/programme-document.routes.ts";
import { registerBulkMatchingRoutes } from "./bulk-matching/bulk-matching.routes.ts";
import { registerCalendarRoutes } from "./calendar/calendar.routes.ts";
import { registerEmailRoutes } from "./email/email.routes.ts";
import { registerEnrolmentRoutes } from "./enrolment/enrolment.routes.ts";
import { registerHomeRoutes } from "./home/home.routes.ts";
import { registerNotificationRoutes } from "./notifications/notifications.routes.ts";
import { registerProfileRoutes } from "./profiles/profiles.routes.ts";
import { registerProgrammeRoutes } from "./programmes/programmes.routes.ts";
import { registerRealtimeRoutes } from "./realtime/realtime.routes.ts";
import { registerRelationshipRoutes } from "./relationships/relationships.routes.ts";
import { registerMentorSearchRoutes } from "./mentor-search/mentor-search.routes.ts";
import { registerRequestsRoutes } from "./requests/requests.routes.ts";
import { registerMentoringSessionRoutes } from "./sessions/sessions.routes.ts";
import { registerSsoRoutes } from "./sso/sso.routes.ts";
import { registerWebhookRoutes } from "./webhooks/webhooks.routes.ts";
import { installMetrics } from "./metrics/metrics.ts";

export interface BuildAppOptions {
  /** Folder of the built web app (dist/web); null serves the API only. */
  webRoot?: string | null;
  logger?: boolean;
  /** Where JSON logs go (stdout by default); tests pass a stream to read them. */
  logStream?: Writable;
}

/** Fastify's compiler factories, typed for Ajv's compilers: ours return the zod ones. */
const zodOnly = {
  compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
} as unknown as FastifyServerOptions["schemaController"];

/** The whole HTTP application, wired to its dependencies. Tests drive it with app.inject(). */
export async function buildApp(deps: ServerDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel, options.logStream),
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    // Long enough for every path parameter the contracts accept (tokens up to 200), so the
    // contract's own validation decides; longer ones get the envelope via frameworkErrors.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    frameworkErrors: frameworkErrorResponder,
    // Zod validates and serialises every route. Naming the compilers here (not only with
    // setValidatorCompiler below) keeps Fastify from loading Ajv and fast-json-stringify at start:
    // about 0.2 s of an idle start-up, three times that on a busy machine.
    schemaController: zodOnly,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
  // GET /metrics and the per-route request histogram, only with TRELLIS_METRICS_TOKEN set.
  let openSockets = () => 0;
  installMetrics(app, deps, () => openSockets());
  installErrorHandling(app);
  installTextGuard(app);
  await app.register(cookie);
  await installSecurity(app, deps);
  await installOpenApi(app);
  registerHealthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerProfileRoutes(app, deps);
  registerProgrammeRoutes(app, deps);
  registerEnrolmentRoutes(app, deps);
  registerMentorSearchRoutes(app, deps);
  registerRequestsRoutes(app, deps);
  registerBulkMatchingRoutes(app, deps);
  registerRelationshipRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  const realtimeHub = await registerRealtimeRoutes(app, deps);
  openSockets = () => realtimeHub.size;
  registerHomeRoutes(app, deps);
  registerEmailRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerMentoringSessionRoutes(app, deps);
  registerSsoRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerTwoFactorRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerPersonalDataRoutes(app, deps);
  registerProgrammeDocumentRoutes(app, deps);
  await installWebApp(app, options.webRoot ?? null);
  return app;
}
