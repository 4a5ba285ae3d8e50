import { and, eq, gt, isNotNull, lt, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { organisations } from "../schema.ts";
import { ssoConnections, ssoDomains, ssoFlows, ssoIdentities, ssoUsedAssertions } from "../schema/sso.ts";

export type SsoConnectionRecord = typeof ssoConnections.$inferSelect & { orgId: OrgId };
export type SsoDomainRecord = typeof ssoDomains.$inferSelect & { orgId: OrgId };
export type SsoFlowRecord = typeof ssoFlows.$inferSelect;

export interface NewSsoConnection {
  protocol: "oidc" | "saml";
  oidcIssuer?: string | null;
  oidcClientId?: string | null;
  oidcClientSecretSealed?: string | null;
  samlEntityId?: string | null;
  samlSsoUrl?: string | null;
  samlCertificates?: string | null;
  samlMetadataUrl?: string | null;
}

const asConnection = (row: typeof ssoConnections.$inferSelect) => row as SsoConnectionRecord;
const asDomain = (row: typeof ssoDomains.$inferSelect) => row as SsoDomainRecord;

/** SSO connections, verified domains, linked identities, pending sign-ins and used SAML assertions. */
export function ssoRepository(db: Database) {
  return {
    async findConnection(orgId: OrgId): Promise<SsoConnectionRecord | null> {
      const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.orgId, orgId));
      return row ? asConnection(row) : null;
    },

    async findConnectionById(id: string): Promise<SsoConnectionRecord | null> {
      const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.id, id));
      return row ? asConnection(row) : null;
    },

    /** Creates or replaces the organisation's one connection (a protocol switch clears the other's fields). */
    async saveConnection(orgId: OrgId, input: NewSsoConnection, now: Date): Promise<SsoConnectionRecord> {
      const values = {
        protocol: input.protocol,
        oidcIssuer: input.oidcIssuer ?? null,
        oidcClientId: input.oidcClientId ?? null,
        oidcClientSecretSealed: input.oidcClientSecretSealed ?? null,
        samlEntityId: input.samlEntityId ?? null,
        samlSsoUrl: input.samlSsoUrl ?? null,
        samlCertificates: input.samlCertificates ?? null,
        samlMetadataUrl: input.samlMetadataUrl ?? null,
        updatedAt: now,
      };
      const [row] = await db
        .insert(ssoConnections)
        .values({ orgId, ...values })
        .onConflictDoUpdate({ target: ssoConnections.orgId, set: values })
        .returning();
      return asConnection(row as typeof ssoConnections.$inferSelect);
    },

    async setRequireSso(orgId: OrgId, requireSso: boolean, now: Date): Promise<boolean> {
      const rows = await db
        .update(ssoConnections)
        .set({ requireSso, updatedAt: now })
        .where(eq(ssoConnections.orgId, orgId))
        .returning({ id: ssoConnections.id });
      return rows.length === 1;
    },

    async deleteConnection(orgId: OrgId): Promise<boolean> {
      const rows = await db
        .delete(ssoConnections)
        .where(eq(ssoConnections.orgId, orgId))
        .returning({ id: ssoConnections.id });
      return rows.length === 1;
    },

    async listDomains(orgId: OrgId): Promise<SsoDomainRecord[]> {
      const rows = await db
        .select()
        .from(ssoDomains)
        .where(eq(ssoDomains.orgId, orgId))
        .orderBy(ssoDomains.domain);
      return rows.map(asDomain);
    },

    /** Null when the organisation already lists the domain. */
    async addDomain(orgId: OrgId, domain: string): Promise<SsoDomainRecord | null> {
      const [row] = await db.insert(ssoDomains).values({ orgId, domain }).onConflictDoNothing().returning();
      return row ? asDomain(row) : null;
    },

    async findDomain(orgId: OrgId, id: string): Promise<SsoDomainRecord | null> {
      const [row] = await db
        .select()
        .from(ssoDomains)
        .where(and(eq(ssoDomains.orgId, orgId), eq(ssoDomains.id, id)));
      return row ? asDomain(row) : null;
    },

    async removeDomain(orgId: OrgId, id: string): Promise<SsoDomainRecord | null> {
      const [row] = await db
        .delete(ssoDomains)
        .where(and(eq(ssoDomains.orgId, orgId), eq(ssoDomains.id, id)))
        .returning();
      return row ? asDomain(row) : null;
    },

    async setDomainToken(
      id: string,
      input: { address: string; tokenHash: string; expiresAt: Date },
    ): Promise<void> {
      await db
        .update(ssoDomains)
        .set({
          verificationAddress: input.address,
          tokenHash: input.tokenHash,
          tokenExpiresAt: input.expiresAt,
        })
        .where(eq(ssoDomains.id, id));
    },

    /** Uses a verification token once; null when unknown, used or expired. */
    async consumeDomainToken(tokenHash: string, now: Date): Promise<SsoDomainRecord | null> {
      const [row] = await db
        .update(ssoDomains)
        .set({ tokenHash: null, tokenExpiresAt: null })
        .where(and(eq(ssoDomains.tokenHash, tokenHash), gt(ssoDomains.tokenExpiresAt, now)))
        .returning();
      return row ? asDomain(row) : null;
    },

    /** Marks a domain verified; false when another organisation already verified it (unique index). */
    async markDomainVerified(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(ssoDomains)
        .set({ verifiedAt: now, tokenHash: null, tokenExpiresAt: null })
        .where(
          and(
            eq(ssoDomains.id, id),
            sql`not exists (select 1 from sso_domains other where other.domain = ${ssoDomains.domain} and other.verified_at is not null and other.id <> ${ssoDomains.id})`,
          ),
        )
        .returning({ id: ssoDomains.id });
      return rows.length === 1;
    },

    /** The organisation that verified a domain and has a connection, if any (what the sign-in page asks). */
    async findSsoForDomain(
      domain: string,
    ): Promise<{ connection: SsoConnectionRecord; orgName: string } | null> {
      const [row] = await db
        .select({ connection: ssoConnections, orgName: organisations.name })
        .from(ssoDomains)
        .innerJoin(ssoConnections, eq(ssoConnections.orgId, ssoDomains.orgId))
        .innerJoin(organisations, eq(organisations.id, ssoDomains.orgId))
        .where(and(eq(ssoDomains.domain, domain), isNotNull(ssoDomains.verifiedAt)));
      return row ? { connection: asConnection(row.connection), orgName: row.orgName } : null;
    },

    async isVerifiedDomainOf(orgId: OrgId, domain: string): Promise<boolean> {
      const [row] = await db
        .select({ id: ssoDomains.id })
        .from(ssoDomains)
        .where(
          and(eq(ssoDomains.orgId, orgId), eq(ssoDomains.domain, domain), isNotNull(ssoDomains.verifiedAt)),
        );
      return row !== undefined;
    },

    async findIdentity(issuer: string, subject: string): Promise<{ userId: UserId; orgId: OrgId } | null> {
      const [row] = await db
        .select({ userId: ssoIdentities.userId, orgId: ssoIdentities.orgId })
        .from(ssoIdentities)
        .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
      return row ? { userId: row.userId as UserId, orgId: row.orgId as OrgId } : null;
    },

    async linkIdentity(input: {
      userId: UserId;
      orgId: OrgId;
      issuer: string;
      subject: string;
      now: Date;
    }): Promise<void> {
      await db
        .insert(ssoIdentities)
        .values({ ...input, lastSignInAt: input.now })
        .onConflictDoUpdate({
          target: [ssoIdentities.issuer, ssoIdentities.subject],
          set: { lastSignInAt: input.now },
        });
    },

    async createFlow(input: {
      tokenHash: string;
      connectionId: string;
      state?: string | null;
      nonce?: string | null;
      codeVerifier?: string | null;
      samlRequestId?: string | null;
      expiresAt: Date;
    }): Promise<void> {
      await db.insert(ssoFlows).values(input);
    },

    /** Takes a pending sign-in once (deleted as it is read); null when unknown or expired. */
    async takeFlow(tokenHash: string, now: Date): Promise<SsoFlowRecord | null> {
      const [row] = await db.delete(ssoFlows).where(eq(ssoFlows.tokenHash, tokenHash)).returning();
      return row && row.expiresAt > now ? row : null;
    },

    async findSamlFlow(requestId: string, now: Date): Promise<SsoFlowRecord | null> {
      const [row] = await db
        .select()
        .from(ssoFlows)
        .where(and(eq(ssoFlows.samlRequestId, requestId), gt(ssoFlows.expiresAt, now)));
      return row ?? null;
    },

    /** Takes a pending SAML sign-in by its request id once. */
    async takeSamlFlow(requestId: string, now: Date): Promise<SsoFlowRecord | null> {
      const [row] = await db.delete(ssoFlows).where(eq(ssoFlows.samlRequestId, requestId)).returning();
      return row && row.expiresAt > now ? row : null;
    },

    async deleteExpiredFlows(now: Date): Promise<void> {
      await db.delete(ssoFlows).where(lt(ssoFlows.expiresAt, now));
      await db.delete(ssoUsedAssertions).where(lt(ssoUsedAssertions.expiresAt, now));
    },

    /** Records an assertion id as used; false when it was already (a replay). */
    async recordAssertion(issuer: string, assertionId: string, expiresAt: Date): Promise<boolean> {
      const rows = await db
        .insert(ssoUsedAssertions)
        .values({ issuer, assertionId, expiresAt })
        .onConflictDoNothing()
        .returning({ id: ssoUsedAssertions.assertionId });
      return rows.length === 1;
    },
  };
}

export type SsoRepository = ReturnType<typeof ssoRepository>;
