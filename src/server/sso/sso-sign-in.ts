import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { SsoConnectionRecord } from "../../db/repositories/sso.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { hashPassword } from "../security/passwords.ts";
import { newToken } from "../security/tokens.ts";
import { emailDomain, inSsoTransaction, sso } from "./sso-deps.ts";

/** A sign-in the provider vouched for, whichever the protocol. */
export interface ProvenIdentity {
  /** OIDC issuer, or the SAML IdP's entity id. */
  issuer: string;
  /** OIDC `sub`, or the SAML NameID. */
  subject: string;
  email: string | null;
  /**
   * Whether the provider vouches for the address: OIDC `email_verified: true`; SAML assertions
   * carry no such claim, so an address at one of the organisation's verified domains counts.
   */
  emailVerified: boolean;
  name: string | null;
}

/** A refusal shown on the sign-in page: `reason` is a short code the page words. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason:
      | "expired"
      | "failed"
      | "email_unverified"
      | "email_outside_domains"
      | "deactivated"
      | "no_email",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds or makes the person for a proven identity, in the connection's organisation only:
 * 1. a known (issuer, subject) is that person;
 * 2. else, only when the provider vouches for the email and its domain is one the organisation
 *    verified, an account with that email is linked (never on an unverified email: someone who can
 *    set any address at their provider must not take over an existing account);
 * 3. else a new account (no usable password) is made for that verified address.
 * Their membership is made just in time (role member) if missing; a deactivated one refuses.
 * One transaction.
 */
export async function resolveSsoUser(
  deps: ServerDeps,
  connection: SsoConnectionRecord,
  identity: ProvenIdentity,
): Promise<UserId> {
  const orgId = connection.orgId as OrgId;
  const now = deps.now();
  // Hashed outside the transaction (argon2 takes tens of milliseconds); used only for a new account.
  const unusablePassword = await hashPassword(newToken());
  return inSsoTransaction(deps, async (repos, ssoRepo) => {
    let userId: UserId | null =
      (await ssoRepo.findIdentity(identity.issuer, identity.subject))?.userId ?? null;
    // A known identity joins this organisation just in time only on the same terms as a new one
    // (a vouched-for address at its verified domain): several organisations may use one issuer.
    const joining = userId !== null && !(await repos.organisations.findMember(orgId, userId));
    if (!userId || joining) {
      if (!identity.email)
        throw new SsoRefusal("no_email", "Your identity provider did not send an email address.");
      const domain = emailDomain(identity.email);
      if (!(await ssoRepo.isVerifiedDomainOf(orgId, domain))) {
        throw new SsoRefusal(
          "email_outside_domains",
          `Your identity provider gave an address at ${domain}, which is not one of this organisation's domains.`,
        );
      }
      if (!identity.emailVerified) {
        throw new SsoRefusal(
          "email_unverified",
          "Your identity provider has not verified your email address, so it cannot be used to sign you in.",
        );
      }
      const existing = userId ? null : await repos.users.findByEmailWithHash(identity.email);
      if (userId) {
        // Known by (issuer, subject): the checks above were all that joining needs.
      } else if (existing) {
        userId = existing.id;
      } else {
        const created = await repos.users.create({
          email: identity.email,
          name: identity.name?.trim().slice(0, 120) || identity.email.slice(0, identity.email.indexOf("@")),
          passwordHash: unusablePassword,
          emailVerifiedAt: now,
        });
        if (!created) throw new SsoRefusal("failed", "This account was just created elsewhere. Try again.");
        userId = created.id;
      }
    }
    const member = await repos.organisations.findMember(orgId, userId);
    if (member && member.status !== "active") {
      throw new SsoRefusal("deactivated", "Your membership of this organisation has been deactivated.");
    }
    if (!member) await repos.organisations.addMember(orgId, userId, "member");
    await ssoRepo.linkIdentity({ userId, orgId, issuer: identity.issuer, subject: identity.subject, now });
    await repos.users.update(userId, { lastOrgId: orgId });
    return userId;
  });
}

/**
 * Whether password sign-in is refused for this person: their email is at a domain verified by an
 * organisation that requires SSO and they are an active member of it. Owners keep their password
 * (the way back in when the provider is down or misconfigured).
 */
export async function refusePasswordWhenSsoRequired(deps: ServerDeps, userId: UserId): Promise<void> {
  const user = await deps.repos.users.findById(userId);
  if (!user) return;
  const found = await sso(deps).findSsoForDomain(emailDomain(user.email));
  if (!found?.connection.requireSso) return;
  const member = await deps.repos.organisations.findMember(found.connection.orgId, userId);
  if (member?.status !== "active" || member.role === "owner") return;
  throw new AppError(
    "sso_required",
    `${found.orgName} requires you to sign in with single sign-on. Choose "Continue with SSO".`,
  );
}
