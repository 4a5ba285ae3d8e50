import type { StoredDomainEvent } from "../../contracts/events.ts";
import type { WebhookDeliveryRecord } from "../../db/repositories/webhooks.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { postWebhook } from "./sender.ts";
import { WEBHOOK_SIGNATURE_HEADER } from "../../contracts/webhooks.routes.ts";
import { signatureHeader } from "./signature.ts";
import {
  eventBody,
  MAX_WEBHOOK_ATTEMPTS,
  secretContext,
  type WebhookDeps,
  webhookBackoffMs,
  webhookBox,
  webhooks,
} from "./webhook-deps.ts";

/** A try's claim lasts this long (longer than the request timeout); a holder that died lets it lapse. */
const LEASE_MS = 120_000;
const BATCH = 50;

/** Tries one claimed delivery and records the try; a 2xx delivers it, else retried or failed. */
async function tryDelivery(deps: WebhookDeps, delivery: WebhookDeliveryRecord): Promise<void> {
  const repo = webhooks(deps);
  const endpoint = await repo.findEndpointById(delivery.endpointId);
  if (!endpoint) return; // deleted meanwhile: its deliveries went with it
  const at = deps.now();
  const attempt = delivery.attempts + 1;
  const secret = webhookBox(deps).open(endpoint.secretSealed, secretContext(endpoint.id));
  const timestamp = Math.floor(at.getTime() / 1000);
  const result = endpoint.enabled
    ? await postWebhook(deps.config, endpoint.url, delivery.body, {
        [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secret, timestamp, delivery.body),
        "Trellis-Delivery": delivery.id,
        "Trellis-Event": delivery.kind,
      })
    : { statusCode: null, responseBody: "", error: "The endpoint is turned off.", durationMs: 0 };
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await repo.recordAttempt(
    delivery.id,
    { at, ...result },
    ok
      ? { state: "delivered" }
      : attempt >= MAX_WEBHOOK_ATTEMPTS || !endpoint.enabled
        ? { state: "failed" }
        : { state: "pending", nextAttemptAt: new Date(at.getTime() + webhookBackoffMs(attempt)) },
  );
}

/**
 * Sends every due delivery (or only `ids`), each endpoint's tries in parallel, until none is due.
 * Any instance may run it: claims are taken under SKIP LOCKED with a lease.
 */
export async function deliverDueWebhooks(deps: WebhookDeps, ids?: string[]): Promise<number> {
  let total = 0;
  for (;;) {
    const claimed = await webhooks(deps).claimDue(deps.now(), BATCH, LEASE_MS, ids);
    await Promise.all(claimed.map((delivery) => tryDelivery(deps, delivery)));
    total += claimed.length;
    if (ids || claimed.length < BATCH) return total;
  }
}

/**
 * The outbox consumer "webhooks": makes one delivery per subscribed enabled endpoint of the
 * event's own organisation (idempotent: unique per endpoint and event), then tries them at once.
 * Their retries are the deliveries' own (webhooks.deliver job, once a minute), so one slow or
 * failing endpoint never holds up the outbox nor other endpoints.
 */
export async function webhooksConsumer(deps: ServerDeps, event: StoredDomainEvent): Promise<void> {
  const endpoints = await webhooks(deps).subscribers(event.orgId, event.kind);
  if (endpoints.length === 0) return;
  const body = eventBody(event);
  const made = await webhooks(deps).addDeliveries(
    endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      orgId: event.orgId,
      eventId: event.id,
      kind: event.kind,
      body,
    })),
    deps.now(),
  );
  await deliverDueWebhooks(
    deps,
    made.map((delivery) => delivery.id),
  );
}
