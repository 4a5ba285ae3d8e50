import { lookup } from "node:dns/promises";
import type { OrgId } from "../../core/accounts/types.ts";
import type { Database } from "../../db/index.ts";
import { repositories } from "../../db/index.ts";
import { type SsoRepository, ssoRepository } from "../../db/repositories/sso.repository.ts";
import { isPrivateAddress } from "../calendar/ssrf-guard.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { createSecretBox, deriveKey, type SecretBox } from "../security/secret-box.ts";

/** How long a sign-in sent to a provider may take to come back. */
export const SSO_FLOW_MINUTES = 10;
/** Each request to a provider (discovery, token, keys, metadata) is bounded. */
export const PROVIDER_TIMEOUT_MS = 8_000;

const boxes = new WeakMap<object, SecretBox>();
/** The secret box for OIDC client secrets, its key derived from the instance secret. */
export function clientSecretBox(deps: Pick<ServerDeps, "secret" | "config">): SecretBox {
  let box = boxes.get(deps.config);
  if (!box) {
    box = createSecretBox(deriveKey(deps.secret, "sso-client-secret"));
    boxes.set(deps.config, box);
  }
  return box;
}

/** The sealed secret is bound to its organisation: copied to another row it does not open. */
export const secretContext = (orgId: OrgId) => `sso:${orgId}`;

export const sso = (deps: Pick<ServerDeps, "db">): SsoRepository => ssoRepository(deps.db);

/** A transaction with both the shared repositories (audit, users) and the SSO repository. */
export function inSsoTransaction<T>(
  deps: Pick<ServerDeps, "db">,
  work: (repos: ServerDeps["repos"], sso: SsoRepository) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) =>
    work(repositories(tx as unknown as Database), ssoRepository(tx as unknown as Database)),
  );
}

/** An error about what an admin typed: a 400 or 422 naming the field. */
export const fieldError = (
  path: string,
  message: string,
  code: "validation_failed" | "domain_rule" = "domain_rule",
) => new AppError(code, message, [{ path, message }]);

/**
 * Refuses a provider URL an admin typed unless it is https on a public address (the server fetches
 * it: without this an admin could make Trellis read its own network). TRELLIS_SSO_ALLOW_INSECURE
 * lifts both for tests and a provider on the LAN.
 */
export async function checkProviderUrl(
  deps: Pick<ServerDeps, "config">,
  raw: string,
  field: string,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fieldError(field, "must be an https:// address", "validation_failed");
  }
  if (deps.config.sso.allowInsecure) return url;
  if (url.protocol !== "https:") throw fieldError(field, "must be an https:// address", "validation_failed");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    throw fieldError(field, `could not find the host ${host}`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw fieldError(field, "points at a private or loopback address, which this server does not allow");
  }
  return url;
}

/** The domain part of an email address, lower case. */
export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();
