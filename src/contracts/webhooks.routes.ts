import { z } from "zod";
import { IdSchema, NoContentSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { EVENT_KINDS, type EventKind } from "./events.ts";
import { route } from "./route-contract.ts";

/** The header carrying a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = "Trellis-Signature";

const UrlSchema = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(500, { error: "must be at most 500 characters" });
const KindsSchema = z
  .array(z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]))
  .min(1, { error: "choose at least one event" })
  .max(EVENT_KINDS.length);

export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  url: z.string(),
  description: z.string(),
  kinds: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookAttemptSchema = z.object({
  at: TimestampSchema,
  /** Null: no answer (refused, timed out). */
  statusCode: z.number().int().nullable(),
  /** The start of the answer's body (at most 1,000 characters). */
  responseBody: z.string(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  endpointId: IdSchema,
  eventId: IdSchema.nullable(),
  kind: z.string(),
  state: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  nextAttemptAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  tries: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookSettingsSchema = z.object({
  endpoints: z.array(WebhookEndpointSchema),
  /** The event kinds an endpoint may subscribe to. */
  kinds: z.array(z.string()),
  /** The latest deliveries of every endpoint, newest first. */
  deliveries: z.array(WebhookDeliverySchema),
});
export type WebhookSettings = z.infer<typeof WebhookSettingsSchema>;

export const CreateWebhookRequestSchema = z.strictObject({
  url: UrlSchema,
  description: z.string().trim().max(200).default(""),
  kinds: KindsSchema,
});
export const UpdateWebhookRequestSchema = z.strictObject({
  url: UrlSchema.optional(),
  description: z.string().trim().max(200).optional(),
  kinds: KindsSchema.optional(),
  enabled: z.boolean().optional(),
});
export const CreatedWebhookSchema = z.object({
  endpoint: WebhookEndpointSchema,
  /** The signing secret, shown this once. */
  secret: z.string(),
});
export const WebhookParamsSchema = z.strictObject({ orgId: IdSchema, endpointId: IdSchema });

/** Signed webhooks: an organisation's endpoints, subscribed to event kinds, and their deliveries. */
export const webhookRoutes = {
  webhookSettings: route({
    method: "GET",
    path: "/api/orgs/:orgId/webhooks",
    summary:
      "The organisation's webhook endpoints (never their secrets) and recent deliveries with every try",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: WebhookSettingsSchema,
  }),
  createWebhook: route({
    method: "POST",
    path: "/api/orgs/:orgId/webhooks",
    summary: "Subscribe an https endpoint to event kinds; answers its signing secret once (audited)",
    tag: "organisations",
    access: "org-admin",
    status: 201,
    params: OrgIdParamsSchema,
    body: CreateWebhookRequestSchema,
    response: CreatedWebhookSchema,
  }),
  updateWebhook: route({
    method: "PATCH",
    path: "/api/orgs/:orgId/webhooks/:endpointId",
    summary: "Change an endpoint's address, events, or turn it off and on (audited)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: WebhookParamsSchema,
    body: UpdateWebhookRequestSchema,
    response: WebhookEndpointSchema,
  }),
  deleteWebhook: route({
    method: "DELETE",
    path: "/api/orgs/:orgId/webhooks/:endpointId",
    summary: "Delete an endpoint and its deliveries (audited)",
    tag: "organisations",
    access: "org-admin",
    status: 204,
    params: WebhookParamsSchema,
    response: NoContentSchema,
  }),
  pingWebhook: route({
    method: "POST",
    path: "/api/orgs/:orgId/webhooks/:endpointId/ping",
    summary: "Send a signed test ping to the endpoint now; answers the delivery with its try",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: WebhookParamsSchema,
    response: WebhookDeliverySchema,
  }),
};
