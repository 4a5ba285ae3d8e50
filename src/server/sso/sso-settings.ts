import type { SaveOidcRequest, SaveSamlRequest, SsoSettings } from "../../contracts/sso.routes.ts";
import type { Membership, OrgId } from "../../core/accounts/types.ts";
import type { SsoConnectionRecord, SsoDomainRecord } from "../../db/repositories/sso.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { recordAudit } from "../identity/audit.ts";
import { discoverOidc, oidcRedirectUri } from "./oidc.ts";
import { fetchIdpMetadata, parseIdpMetadata, serviceProvider, serviceProviderMetadata } from "./saml.ts";
import {
  checkProviderUrl,
  clientSecretBox,
  fieldError,
  inSsoTransaction,
  secretContext,
  sso,
} from "./sso-deps.ts";

function presentConnection(connection: SsoConnectionRecord | null): SsoSettings["connection"] {
  if (!connection) return null;
  if (connection.protocol === "oidc") {
    return {
      protocol: "oidc",
      issuer: connection.oidcIssuer ?? "",
      clientId: connection.oidcClientId ?? "",
      hasClientSecret: Boolean(connection.oidcClientSecretSealed),
      requireSso: connection.requireSso,
      updatedAt: connection.updatedAt.toISOString(),
    };
  }
  return {
    protocol: "saml",
    entityId: connection.samlEntityId ?? "",
    ssoUrl: connection.samlSsoUrl ?? "",
    metadataUrl: connection.samlMetadataUrl,
    certificateCount: (connection.samlCertificates ?? "").split("\n").filter(Boolean).length,
    requireSso: connection.requireSso,
    updatedAt: connection.updatedAt.toISOString(),
  };
}

const presentDomain = (domain: SsoDomainRecord) => ({
  id: domain.id,
  domain: domain.domain,
  verifiedAt: domain.verifiedAt?.toISOString() ?? null,
  pendingAddress: domain.tokenHash ? domain.verificationAddress : null,
});

/** The settings page's one read: connection (never its secret), domains, what to register at the provider. */
export async function loadSsoSettings(deps: ServerDeps, orgId: OrgId): Promise<SsoSettings> {
  const repo = sso(deps);
  const [connection, domains] = await Promise.all([repo.findConnection(orgId), repo.listDomains(orgId)]);
  const sp = serviceProvider(deps);
  return {
    connection: presentConnection(connection),
    domains: domains.map(presentDomain),
    oidcRedirectUri: oidcRedirectUri(deps),
    saml: { ...sp, metadataXml: serviceProviderMetadata(deps) },
  };
}

/**
 * Connects an OpenID provider: the issuer must pass discovery (an unreachable or wrong issuer is a
 * 422 naming body.issuer) before anything is saved; the secret is sealed, bound to the organisation.
 */
export async function saveOidcConnection(
  deps: ServerDeps,
  actor: Membership,
  input: SaveOidcRequest,
): Promise<SsoSettings> {
  const issuer = (await checkProviderUrl(deps, input.issuer, "body.issuer")).href.replace(/\/$/, "");
  const existing = await sso(deps).findConnection(actor.orgId);
  let clientSecret = input.clientSecret;
  if (clientSecret === undefined) {
    if (existing?.protocol !== "oidc" || !existing.oidcClientSecretSealed) {
      throw fieldError("body.clientSecret", "is required", "validation_failed");
    }
    clientSecret = clientSecretBox(deps).open(existing.oidcClientSecretSealed, secretContext(actor.orgId));
  }
  const configuration = await discoverOidc(deps, { issuer, clientId: input.clientId, clientSecret });
  const discoveredIssuer = configuration.serverMetadata().issuer;
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    await ssoRepo.saveConnection(
      actor.orgId,
      {
        protocol: "oidc",
        oidcIssuer: discoveredIssuer,
        oidcClientId: input.clientId,
        oidcClientSecretSealed: clientSecretBox(deps).seal(clientSecret, secretContext(actor.orgId)),
      },
      now,
    );
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.connection_saved",
        details: {
          protocol: "oidc",
          issuer: discoveredIssuer,
          clientId: input.clientId,
          clientSecretChanged: input.clientSecret !== undefined,
        },
      },
    ]);
  });
  return loadSsoSettings(deps, actor.orgId);
}

/** Connects a SAML IdP from its metadata (fetched from the URL, or pasted). */
export async function saveSamlConnection(
  deps: ServerDeps,
  actor: Membership,
  input: SaveSamlRequest,
): Promise<SsoSettings> {
  const metadata = input.metadataUrl
    ? await fetchIdpMetadata(
        await checkProviderUrl(deps, input.metadataUrl, "body.metadataUrl"),
        "body.metadataUrl",
      )
    : parseIdpMetadata(input.metadataXml ?? "", "body.metadataXml");
  await checkProviderUrl(deps, metadata.ssoUrl, input.metadataUrl ? "body.metadataUrl" : "body.metadataXml");
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    await ssoRepo.saveConnection(
      actor.orgId,
      {
        protocol: "saml",
        samlEntityId: metadata.entityId,
        samlSsoUrl: metadata.ssoUrl,
        samlCertificates: metadata.certificates.join("\n"),
        samlMetadataUrl: input.metadataUrl ?? null,
      },
      now,
    );
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.connection_saved",
        details: {
          protocol: "saml",
          entityId: metadata.entityId,
          certificates: metadata.certificates.length,
        },
      },
    ]);
  });
  return loadSsoSettings(deps, actor.orgId);
}

export async function deleteSsoConnection(deps: ServerDeps, actor: Membership): Promise<void> {
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    if (!(await ssoRepo.deleteConnection(actor.orgId))) throw notFound("No identity provider is connected.");
    await recordAudit(repos, now, [
      { orgId: actor.orgId, actorId: actor.userId, action: "sso.connection_removed" },
    ]);
  });
}

export async function updateSsoRequirement(
  deps: ServerDeps,
  actor: Membership,
  requireSso: boolean,
): Promise<SsoSettings> {
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    const connection = await ssoRepo.findConnection(actor.orgId);
    if (!connection) {
      throw new AppError("domain_rule", "Connect an identity provider first.", [
        { path: "body.requireSso", message: "needs a connected identity provider" },
      ]);
    }
    if (connection.requireSso === requireSso) return;
    await ssoRepo.setRequireSso(actor.orgId, requireSso, now);
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.requirement_changed",
        details: { requireSso },
      },
    ]);
  });
  return loadSsoSettings(deps, actor.orgId);
}

export async function addSsoDomain(
  deps: ServerDeps,
  actor: Membership,
  domain: string,
): Promise<SsoSettings> {
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    const added = await ssoRepo.addDomain(actor.orgId, domain);
    if (!added) {
      throw new AppError("conflict", `${domain} is already listed.`, [
        { path: "body.domain", message: "is already listed" },
      ]);
    }
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.domain_added",
        subjectId: added.id,
        details: { domain },
      },
    ]);
  });
  return loadSsoSettings(deps, actor.orgId);
}

export async function removeSsoDomain(deps: ServerDeps, actor: Membership, domainId: string): Promise<void> {
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    const removed = await ssoRepo.removeDomain(actor.orgId, domainId);
    if (!removed) throw notFound("Domain not found.");
    await recordAudit(repos, now, [
      {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.domain_removed",
        subjectId: removed.id,
        details: { domain: removed.domain, wasVerified: removed.verifiedAt !== null },
      },
    ]);
  });
}
