import { SAML, type CacheProvider, ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import type { SsoConnectionRecord, SsoRepository } from "../../db/repositories/sso.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { fieldError, PROVIDER_TIMEOUT_MS, SSO_FLOW_MINUTES } from "./sso-deps.ts";
import type { ProvenIdentity } from "./sso-sign-in.ts";

export const SAML_ACS_PATH = "/api/auth/sso/saml/acs";
const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

/** Our side as the IdP sees it: one entity for the instance, one ACS URL. */
export function serviceProvider(deps: Pick<ServerDeps, "config">) {
  return {
    entityId: `${deps.config.publicUrl}/saml/metadata`,
    acsUrl: `${deps.config.publicUrl}${SAML_ACS_PATH}`,
  };
}

export function serviceProviderMetadata(deps: Pick<ServerDeps, "config">): string {
  const sp = serviceProvider(deps);
  return new SAML({
    callbackUrl: sp.acsUrl,
    issuer: sp.entityId,
    idpCert: "unused",
    wantAssertionsSigned: true,
  }).generateServiceProviderMetadata(null, null);
}

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

/** Reads an IdP's metadata: its entity id, its HTTP-Redirect SSO URL and signing certificates. */
export function parseIdpMetadata(xml: string, field: string): IdpMetadata {
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, "text/xml");
  const root = document?.documentElement;
  if (errors.length > 0 || !root || root.namespaceURI !== MD || root.localName !== "EntityDescriptor") {
    throw fieldError(field, "is not SAML 2.0 metadata (an md:EntityDescriptor)", "validation_failed");
  }
  const entityId = root.getAttribute("entityID") ?? "";
  const idp = root.getElementsByTagNameNS(MD, "IDPSSODescriptor")[0];
  if (!entityId || !idp)
    throw fieldError(field, "describes no identity provider (IDPSSODescriptor)", "validation_failed");
  const services = Array.from(idp.getElementsByTagNameNS(MD, "SingleSignOnService"));
  const redirect = services.find((service) => service.getAttribute("Binding") === REDIRECT_BINDING);
  const ssoUrl = redirect?.getAttribute("Location") ?? "";
  if (!ssoUrl)
    throw fieldError(field, "has no SingleSignOnService with the HTTP-Redirect binding", "validation_failed");
  const keys = Array.from(idp.getElementsByTagNameNS(MD, "KeyDescriptor")).filter(
    (key) => !key.getAttribute("use") || key.getAttribute("use") === "signing",
  );
  const certificates = keys.flatMap((key) =>
    Array.from(key.getElementsByTagNameNS(DS, "X509Certificate")).map((cert) =>
      (cert.textContent ?? "").replace(/\s+/g, ""),
    ),
  );
  if (certificates.length === 0) throw fieldError(field, "has no signing certificate", "validation_failed");
  return { entityId, ssoUrl, certificates };
}

/** Fetches metadata from a URL (already checked by checkProviderUrl). */
export async function fetchIdpMetadata(url: URL, field: string): Promise<IdpMetadata> {
  let text: string;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      redirect: "error",
    });
    if (!response.ok) throw fieldError(field, `answered ${response.status}, not the metadata`);
    text = await response.text();
  } catch (error) {
    if (error instanceof Error && "code" in error && (error as { code: string }).code === "domain_rule")
      throw error;
    if ((error as { details?: unknown }).details) throw error;
    throw fieldError(field, `Could not reach ${url.href}.`);
  }
  return parseIdpMetadata(text, field);
}

/** Pending SAML requests live in sso_flows (any instance can take the answer). */
function requestCache(
  ssoRepo: SsoRepository,
  connectionId: string,
  now: () => Date,
  tokenHash: string,
): CacheProvider & {
  savedId?: string;
} {
  const cache: CacheProvider & { savedId?: string } = {
    async saveAsync(key, value) {
      cache.savedId = key;
      await ssoRepo.createFlow({
        tokenHash,
        connectionId,
        samlRequestId: key,
        expiresAt: new Date(now().getTime() + SSO_FLOW_MINUTES * 60_000),
      });
      return { value, createdAt: now().getTime() };
    },
    async getAsync(key) {
      // node-saml reads the value as the request's creation time (and checks its age itself).
      const flow = await ssoRepo.findSamlFlow(key, now());
      return flow ? new Date(flow.expiresAt.getTime() - SSO_FLOW_MINUTES * 60_000).toISOString() : null;
    },
    async removeAsync(key) {
      if (key) await ssoRepo.takeSamlFlow(key, now());
      return key;
    },
  };
  return cache;
}

function samlFor(
  deps: Pick<ServerDeps, "config" | "now">,
  connection: SsoConnectionRecord,
  cacheProvider: CacheProvider,
): SAML {
  const sp = serviceProvider(deps);
  return new SAML({
    callbackUrl: sp.acsUrl,
    issuer: sp.entityId,
    audience: sp.entityId,
    entryPoint: connection.samlSsoUrl ?? "",
    idpIssuer: connection.samlEntityId ?? "",
    idpCert: (connection.samlCertificates ?? "").split("\n").filter(Boolean),
    // Every assertion must be signed by the IdP (a signed response alone is not enough).
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SSO_FLOW_MINUTES * 60_000,
    cacheProvider,
    acceptedClockSkewMs: 60_000,
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    disableRequestedAuthnContext: true,
  });
}

/** The IdP's URL for a new sign-in (HTTP-Redirect binding); the request id is kept in sso_flows. */
export async function samlAuthorizationUrl(
  deps: Pick<ServerDeps, "config" | "now">,
  ssoRepo: SsoRepository,
  connection: SsoConnectionRecord,
  tokenHash: string,
): Promise<string> {
  const cache = requestCache(ssoRepo, connection.id, deps.now, tokenHash);
  return samlFor(deps, connection, cache).getAuthorizeUrlAsync("", undefined, {});
}

const firstAttribute = (profile: Record<string, unknown>, names: string[]): string | null => {
  for (const name of names) {
    const value = profile[name];
    if (typeof value === "string" && value) return value;
    if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  }
  return null;
};

/**
 * Validates a posted response with node-saml: the IdP's certificate signed the assertion, the
 * audience is us, the recipient is our ACS URL, NotBefore/NotOnOrAfter hold (60 s skew),
 * InResponseTo names a pending request of ours; then the assertion id is recorded so a replay is
 * refused until the assertion expires. Throws on any failure.
 */
export async function finishSaml(
  deps: Pick<ServerDeps, "config" | "now">,
  ssoRepo: SsoRepository,
  connection: SsoConnectionRecord,
  samlResponse: string,
): Promise<ProvenIdentity> {
  const cache = requestCache(ssoRepo, connection.id, deps.now, "");
  const { profile } = await samlFor(deps, connection, cache).validatePostResponseAsync({
    SAMLResponse: samlResponse,
  });
  if (!profile?.nameID) throw new Error("no NameID");
  const assertionXml = profile.getAssertionXml?.() ?? "";
  const assertion = new DOMParser().parseFromString(assertionXml, "text/xml").documentElement;
  const assertionId = assertion?.getAttribute("ID");
  if (!assertionId) throw new Error("assertion without an ID");
  const times = [...assertionXml.matchAll(/NotOnOrAfter="([^"]+)"/g)]
    .map((match) => Date.parse(match[1] as string))
    .filter((time) => Number.isFinite(time));
  const expiresAt = new Date(Math.max(deps.now().getTime() + 60_000, ...times) + 60_000);
  if (!(await ssoRepo.recordAssertion(connection.samlEntityId ?? "", assertionId, expiresAt))) {
    throw new Error("assertion replayed");
  }
  const email =
    firstAttribute(profile, ["email", "mail", "urn:oid:0.9.2342.19200300.100.1.3", "emailAddress"]) ??
    (profile.nameID.includes("@") ? profile.nameID : null);
  return {
    issuer: connection.samlEntityId ?? profile.issuer,
    subject: profile.nameID,
    email: email?.toLowerCase() ?? null,
    // SAML carries no "verified" claim: the caller trusts the address only at a verified domain.
    emailVerified: true,
    name: firstAttribute(profile, ["name", "displayName", "cn"]),
  };
}

/**
 * Which pending request a posted response answers (its InResponseTo), to find the connection whose
 * certificate must have signed it. node-saml checks the same value again against sso_flows.
 */
export function responseInResponseTo(samlResponse: string): string | null {
  try {
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    const document = new DOMParser({ errorHandler: {} }).parseFromString(xml, "text/xml");
    return document?.documentElement?.getAttribute("InResponseTo") || null;
  } catch {
    return null;
  }
}
