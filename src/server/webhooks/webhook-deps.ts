import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { StoredDomainEvent } from "../../contracts/events.ts";
import { type Database, repositories } from "../../db/index.ts";
import { type WebhooksRepository, webhooksRepository } from "../../db/repositories/webhooks.repository.ts";
// The address check is generic (loopback, private, link-local, shared, reserved; IPv4 inside IPv6).
import { isPrivateAddress } from "../calendar/ssrf-guard.ts";
import type { Config } from "../config.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { createSecretBox, deriveKey, type SecretBox } from "../security/secret-box.ts";

export type WebhookDeps = Pick<ServerDeps, "db" | "config" | "secret" | "now">;

export const webhooks = (deps: Pick<ServerDeps, "db">): WebhooksRepository => webhooksRepository(deps.db);

/** A transaction with the shared repositories (audit) and the webhooks repository. */
export function inWebhookTransaction<T>(
  deps: Pick<ServerDeps, "db">,
  work: (repos: ServerDeps["repos"], hooks: WebhooksRepository) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) =>
    work(repositories(tx as unknown as Database), webhooksRepository(tx as unknown as Database)),
  );
}

const boxes = new WeakMap<object, SecretBox>();
/** The secret box for endpoint secrets; a sealed secret is bound to its endpoint id. */
export function webhookBox(deps: Pick<ServerDeps, "secret" | "config">): SecretBox {
  let box = boxes.get(deps.config);
  if (!box) {
    box = createSecretBox(deriveKey(deps.secret, "webhook-secret"));
    boxes.set(deps.config, box);
  }
  return box;
}
export const secretContext = (endpointId: string) => `webhook:${endpointId}`;

/** Tries of one delivery before it is recorded failed. */
export const MAX_WEBHOOK_ATTEMPTS = 6;
/** After try n fails: 1 min, 5 min, 25 min, 2 h, 10 h (then failed). */
export function webhookBackoffMs(attempt: number): number {
  return Math.min(60_000 * 5 ** (attempt - 1), 12 * 3_600_000);
}

/**
 * Free text people wrote to each other (a decline reason, a question, a fit-check note) stays in
 * the product: a webhook carries ids, names, dates and statuses only. These keys are dropped from
 * every payload, at any depth.
 */
const PRIVATE_KEYS = new Set(["reason", "question", "note", "message", "body", "text"]);

function withoutPrivateText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrivateText);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !PRIVATE_KEYS.has(key))
        .map(([key, inner]) => [key, withoutPrivateText(inner)]),
    );
  }
  return value;
}

/** The JSON body sent for an event: `{ id, kind, occurredAt, orgId, payload }`. */
export function eventBody(event: StoredDomainEvent): string {
  return JSON.stringify({
    id: event.id,
    kind: event.kind,
    occurredAt: event.occurredAt.toISOString(),
    orgId: event.orgId,
    payload: withoutPrivateText(event.payload),
  });
}

export type Lookup = (hostname: string) => Promise<string[]>;
const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const urlError = (message: string) =>
  new AppError("validation_failed", message, [{ path: "body.url", message }]);

/**
 * An endpoint URL an admin typed: https (http only when the deployment allows private addresses),
 * no credentials in it, a host that resolves, and only public addresses unless
 * TRELLIS_WEBHOOKS_ALLOW_PRIVATE. Checked again at every try (sender.ts), on the connection itself.
 */
export async function checkWebhookUrl(
  deps: { config: Pick<Config, "webhooks"> },
  raw: string,
  lookup: Lookup = systemLookup,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw urlError("must be a full https:// address");
  }
  const allowPrivate = deps.config.webhooks.allowPrivate;
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    throw urlError("must be an https:// address");
  }
  if (url.username || url.password) throw urlError("must not contain a user name or password");
  if (url.hash) throw urlError("must not contain a #fragment");
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await lookup(host);
  } catch {
    throw urlError(`could not find the host ${host}`);
  }
  if (addresses.length === 0) throw urlError(`could not find the host ${host}`);
  if (addresses.some(isPrivateAddress)) {
    throw urlError(
      "points at a private or loopback address, which this server does not send to (TRELLIS_WEBHOOKS_ALLOW_PRIVATE allows it)",
    );
  }
  return url;
}
