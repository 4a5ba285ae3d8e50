import { randomBytes, randomUUID } from "node:crypto";
import { EVENT_KINDS } from "../../contracts/events.ts";
import type { WebhookDelivery, WebhookEndpoint, WebhookSettings } from "../../contracts/webhooks.routes.ts";
import type { Membership, OrgId } from "../../core/accounts/types.ts";
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from "../../db/repositories/webhooks.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { recordAudit } from "../identity/audit.ts";
import { deliverDueWebhooks } from "./deliver.ts";
import {
  checkWebhookUrl,
  inWebhookTransaction,
  type Lookup,
  secretContext,
  webhookBox,
  webhooks,
} from "./webhook-deps.ts";

const RECENT_DELIVERIES = 50;

export const presentEndpoint = (row: WebhookEndpointRecord): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  kinds: row.kinds,
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

function presentDelivery(row: WebhookDeliveryRecord, tries: WebhookAttemptRecord[]): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    tries: tries.map((attempt) => ({
      at: attempt.at.toISOString(),
      statusCode: attempt.statusCode,
      responseBody: attempt.responseBody,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}

async function presentDeliveries(
  deps: ServerDeps,
  rows: WebhookDeliveryRecord[],
): Promise<WebhookDelivery[]> {
  const attempts = await webhooks(deps).attemptsOf(rows.map((row) => row.id));
  return rows.map((row) =>
    presentDelivery(
      row,
      attempts.filter((attempt) => attempt.deliveryId === row.id),
    ),
  );
}

export async function loadWebhookSettings(deps: ServerDeps, orgId: OrgId): Promise<WebhookSettings> {
  const repo = webhooks(deps);
  const [endpoints, deliveries] = await Promise.all([
    repo.listEndpoints(orgId),
    repo.recentDeliveries(orgId, RECENT_DELIVERIES),
  ]);
  return {
    endpoints: endpoints.map(presentEndpoint),
    kinds: [...EVENT_KINDS],
    deliveries: await presentDeliveries(deps, deliveries),
  };
}

/** A new endpoint with a fresh secret (`whsec_` + 32 random bytes), sealed; the secret is answered once. */
export async function createWebhook(
  deps: ServerDeps & { lookup?: Lookup },
  actor: Membership,
  input: { url: string; description: string; kinds: string[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = (await checkWebhookUrl(deps, input.url, deps.lookup)).href;
  const id = randomUUID();
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const now = deps.now();
  const kinds = [...new Set(input.kinds)];
  const endpoint = await inWebhookTransaction(deps, async (repos, hooks) => {
    const row = await hooks.createEndpoint({
      id,
      orgId: actor.orgId,
      url,
      description: input.description,
      kinds,
      secretSealed: webhookBox(deps).seal(secret, secretContext(id)),
      now,
    });
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "webhook.endpoint_created",
        subjectId: id,
        details: { url, kinds },
      },
    ]);
    return row;
  });
  return { endpoint: presentEndpoint(endpoint), secret };
}

export async function updateWebhook(
  deps: ServerDeps & { lookup?: Lookup },
  actor: Membership,
  endpointId: string,
  input: { url?: string; description?: string; kinds?: string[]; enabled?: boolean },
): Promise<WebhookEndpoint> {
  const changes = { ...input };
  if (input.url !== undefined) changes.url = (await checkWebhookUrl(deps, input.url, deps.lookup)).href;
  if (input.kinds !== undefined) changes.kinds = [...new Set(input.kinds)];
  const now = deps.now();
  const row = await inWebhookTransaction(deps, async (repos, hooks) => {
    const updated = await hooks.updateEndpoint(actor.orgId, endpointId, changes, now);
    if (!updated) throw notFound("No such webhook endpoint.");
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "webhook.endpoint_changed",
        subjectId: endpointId,
        details: changes,
      },
    ]);
    return updated;
  });
  return presentEndpoint(row);
}

export async function deleteWebhook(deps: ServerDeps, actor: Membership, endpointId: string): Promise<void> {
  const now = deps.now();
  await inWebhookTransaction(deps, async (repos, hooks) => {
    const endpoint = await hooks.findEndpoint(actor.orgId, endpointId);
    if (!endpoint || !(await hooks.deleteEndpoint(actor.orgId, endpointId))) {
      throw notFound("No such webhook endpoint.");
    }
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "webhook.endpoint_deleted",
        subjectId: endpointId,
        details: { url: endpoint.url },
      },
    ]);
  });
}

/** Sends a signed `ping` now (one try; retried like any delivery if it fails) and answers it. */
export async function pingWebhook(
  deps: ServerDeps,
  actor: Membership,
  endpointId: string,
): Promise<WebhookDelivery> {
  const repo = webhooks(deps);
  const endpoint = await repo.findEndpoint(actor.orgId, endpointId);
  if (!endpoint) throw notFound("No such webhook endpoint.");
  const now = deps.now();
  const [delivery] = await repo.addDeliveries(
    [
      {
        endpointId,
        orgId: actor.orgId,
        eventId: null,
        kind: "ping",
        body: JSON.stringify({
          id: randomUUID(),
          kind: "ping",
          occurredAt: now.toISOString(),
          orgId: actor.orgId,
          payload: { endpointId },
        }),
      },
    ],
    now,
  );
  if (!delivery) throw new Error("the ping was not recorded");
  await deliverDueWebhooks(deps, [delivery.id]);
  const [row] = (await repo.recentDeliveries(actor.orgId, 1, endpointId)).filter((d) => d.id === delivery.id);
  const [presented] = await presentDeliveries(deps, [row ?? delivery]);
  return presented as WebhookDelivery;
}
