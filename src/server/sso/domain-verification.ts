import type { DOMAIN_ROLE_ADDRESSES, SsoSettings } from "../../contracts/sso.routes.ts";
import type { Membership, OrgId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { recordAudit } from "../identity/audit.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { inSsoTransaction, sso } from "./sso-deps.ts";
import { loadSsoSettings } from "./sso-settings.ts";

/** A domain verification link works this long. */
export const DOMAIN_LINK_HOURS = 72;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const domainTokenHash = (deps: Pick<ServerDeps, "secret">, token: string) =>
  hashToken(deps.secret, `sso-domain:${token}`);

/**
 * Emails a verification link to a role address at the domain (admin@, postmaster@, ...: the
 * addresses certificate authorities use, which ordinary people at a company cannot have). Only the
 * link's HMAC is kept. Without SMTP the email lands in the outbox, where Sent email hides its
 * token from everyone but the recipient (ADR 0003): then the operator verifies (ADR 0005).
 */
export async function sendDomainVerification(
  deps: ServerDeps,
  actor: Membership,
  domainId: string,
  localPart: (typeof DOMAIN_ROLE_ADDRESSES)[number],
): Promise<SsoSettings> {
  const domain = await sso(deps).findDomain(actor.orgId, domainId);
  if (!domain) throw notFound("Domain not found.");
  if (domain.verifiedAt) {
    throw new AppError("conflict", `${domain.domain} is already verified.`);
  }
  const token = newToken();
  const address = `${localPart}@${domain.domain}`;
  const now = deps.now();
  await sso(deps).setDomainToken(domain.id, {
    address,
    tokenHash: domainTokenHash(deps, token),
    expiresAt: new Date(now.getTime() + DOMAIN_LINK_HOURS * 3_600_000),
  });
  const org = await deps.repos.organisations.findById(actor.orgId);
  const orgName = org?.name ?? "An organisation";
  const url = `${deps.config.publicUrl}/verify-domain?token=${token}`;
  await deps.mailer.send({
    to: address,
    orgId: actor.orgId,
    email: {
      subject: `Confirm that ${orgName} may use ${domain.domain} for single sign-on`,
      text: `${orgName} on Trellis asks to verify ${domain.domain}. Once verified, people with an address at ${domain.domain} will sign in through ${orgName}'s identity provider, and their existing Trellis accounts may be linked to it.\n\nIf you manage ${domain.domain} and agree, open this link within ${DOMAIN_LINK_HOURS} hours:\n${url}\n\nIf you did not expect this, ignore this email.`,
      html: `<p>${escapeHtml(orgName)} on Trellis asks to verify <strong>${escapeHtml(domain.domain)}</strong>. Once verified, people with an address at ${escapeHtml(domain.domain)} will sign in through ${escapeHtml(orgName)}'s identity provider, and their existing Trellis accounts may be linked to it.</p><p>If you manage ${escapeHtml(domain.domain)} and agree, open this link within ${DOMAIN_LINK_HOURS} hours:</p><p><a href="${url}">${url}</a></p><p>If you did not expect this, ignore this email.</p>`,
    },
  });
  return loadSsoSettings(deps, actor.orgId);
}

async function markVerified(
  deps: Pick<ServerDeps, "db" | "now">,
  orgId: OrgId,
  domainId: string,
  domain: string,
  actorId: Membership["userId"] | null,
  how: string,
) {
  const now = deps.now();
  await inSsoTransaction(deps, async (repos, ssoRepo) => {
    if (!(await ssoRepo.markDomainVerified(domainId, now))) {
      throw new AppError("conflict", `${domain} is already verified by another organisation.`);
    }
    await recordAudit(repos, now, [
      {
        orgId,
        actorId,
        action: "sso.domain_verified",
        subjectId: domainId,
        details: { domain, how },
      },
    ]);
  });
}

/** Follows a verification link (whoever holds the mailbox; no session needed). */
export async function verifyDomainByToken(
  deps: ServerDeps,
  token: string,
): Promise<{ domain: string; orgName: string }> {
  const domain = await sso(deps).consumeDomainToken(domainTokenHash(deps, token), deps.now());
  if (!domain) throw new AppError("token_invalid", "This verification link is invalid, used or expired.");
  await markVerified(deps, domain.orgId, domain.id, domain.domain, null, "email");
  const org = await deps.repos.organisations.findById(domain.orgId);
  return { domain: domain.domain, orgName: org?.name ?? "" };
}

/**
 * The operator's way (`trellis verify-domain <org id> <domain>`): for deployments without SMTP, or
 * a domain whose role addresses do not receive mail. The operator runs the instance and is trusted
 * with every organisation's data already.
 */
export async function verifyDomainByOperator(
  deps: Pick<ServerDeps, "db" | "now">,
  orgId: OrgId,
  domainName: string,
): Promise<void> {
  const domain = (await sso(deps).listDomains(orgId)).find(
    (candidate) => candidate.domain === domainName.toLowerCase(),
  );
  if (!domain)
    throw notFound(`${domainName} is not listed by that organisation (add it in Settings → Single sign-on).`);
  if (domain.verifiedAt) return;
  await markVerified(deps, orgId, domain.id, domain.domain, null, "operator");
}
