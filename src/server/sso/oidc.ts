import * as client from "openid-client";
import type { SsoConnectionRecord } from "../../db/repositories/sso.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { clientSecretBox, fieldError, PROVIDER_TIMEOUT_MS, secretContext } from "./sso-deps.ts";

export const OIDC_CALLBACK_PATH = "/api/auth/sso/oidc/callback";
export const oidcRedirectUri = (deps: Pick<ServerDeps, "config">) =>
  `${deps.config.publicUrl}${OIDC_CALLBACK_PATH}`;

/** What the provider said about the person, once the code, state, nonce and PKCE checks passed. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Why a provider could not be used, in words for the admin (or the sign-in page). */
function describeFailure(error: unknown, issuer: string): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  const code = (error as { code?: string })?.code ?? cause?.code;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError" || code === "UND_ERR_CONNECT_TIMEOUT")
    return `The provider at ${issuer} did not answer in time.`;
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "ECONNRESET" ||
    (error instanceof TypeError && /fetch failed/.test(error.message))
  )
    return `Could not reach the provider at ${issuer}.`;
  if (code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED" || /issuer/i.test(String((error as Error)?.message)))
    return `${issuer} answered, but its discovery document names another issuer.`;
  return `${issuer} did not answer as an OpenID Connect provider (no valid /.well-known/openid-configuration).`;
}

const configurations = new Map<string, Promise<client.Configuration>>();

/**
 * Discovers the provider and builds a client configuration (client_secret_post... as the provider
 * allows: openid-client picks client_secret_basic by default with a secret). Refusals name
 * `body.issuer` for the settings form.
 */
export async function discoverOidc(
  deps: Pick<ServerDeps, "config">,
  input: { issuer: string; clientId: string; clientSecret: string },
): Promise<client.Configuration> {
  try {
    return await client.discovery(
      new URL(input.issuer),
      input.clientId,
      { client_secret: input.clientSecret },
      client.ClientSecretBasic(input.clientSecret),
      {
        timeout: PROVIDER_TIMEOUT_MS / 1000,
        ...(deps.config.sso.allowInsecure ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (error) {
    throw fieldError("body.issuer", describeFailure(error, input.issuer));
  }
}

/** The configuration of a saved connection, discovered once per connection version and kept. */
export function oidcConfiguration(
  deps: Pick<ServerDeps, "config" | "secret">,
  connection: SsoConnectionRecord,
): Promise<client.Configuration> {
  const key = `${connection.id}:${connection.updatedAt.getTime()}`;
  let found = configurations.get(key);
  if (!found) {
    const clientSecret = clientSecretBox(deps).open(
      connection.oidcClientSecretSealed ?? "",
      secretContext(connection.orgId),
    );
    found = discoverOidc(deps, {
      issuer: connection.oidcIssuer ?? "",
      clientId: connection.oidcClientId ?? "",
      clientSecret,
    });
    configurations.set(key, found);
    // A failed discovery is tried again next time.
    found.catch(() => configurations.delete(key));
  }
  return found;
}

/** The provider's authorization URL for a new sign-in, with PKCE (S256), state and nonce. */
export async function oidcAuthorizationUrl(
  deps: Pick<ServerDeps, "config" | "secret">,
  connection: SsoConnectionRecord,
  loginHint: string,
): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
  const configuration = await oidcConfiguration(deps, connection);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUri(deps),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: loginHint,
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * Exchanges the code: openid-client checks the state, the issuer, PKCE, the ID token's signature,
 * audience, expiry and nonce. Throws on any mismatch (the caller turns it into a refusal).
 */
export async function finishOidc(
  deps: Pick<ServerDeps, "config" | "secret">,
  connection: SsoConnectionRecord,
  callbackQuery: string,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcIdentity> {
  const configuration = await oidcConfiguration(deps, connection);
  const current = new URL(`${oidcRedirectUri(deps)}${callbackQuery}`);
  const tokens = await client.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("no ID token");
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof claims.email === "string" ? claims.email.toLowerCase() : null,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : null,
  };
}
