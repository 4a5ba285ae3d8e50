import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import {
  createWebhook,
  deleteWebhook,
  loadWebhookSettings,
  pingWebhook,
  updateWebhook,
} from "./webhook-settings.ts";

export function registerWebhookRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.webhookSettings, async ({ membership }) =>
    loadWebhookSettings(deps, membership.orgId),
  );
  defineRoute(app, deps, routes.createWebhook, async ({ membership, body }) =>
    createWebhook(deps, membership, body),
  );
  defineRoute(app, deps, routes.updateWebhook, async ({ membership, params, body }) =>
    updateWebhook(deps, membership, params.endpointId, body),
  );
  defineRoute(app, deps, routes.deleteWebhook, async ({ membership, params }) => {
    await deleteWebhook(deps, membership, params.endpointId);
    return undefined;
  });
  defineRoute(app, deps, routes.pingWebhook, async ({ membership, params }) =>
    pingWebhook(deps, membership, params.endpointId),
  );
}
