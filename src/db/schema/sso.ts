import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, organisations, users } from "../schema.ts";

/**
 * An organisation's identity provider: one per organisation, OpenID Connect or SAML 2.0. The OIDC
 * client secret is sealed with the secret box (`server/security/secret-box.ts`, purpose
 * "sso-client-secret", bound to the organisation id), never stored in the clear. For SAML the
 * IdP's signing certificates (PEM bodies, one per line) are kept as read from its metadata.
 * `requireSso`: members whose email is at one of the organisation's verified domains may not sign
 * in with a password.
 */
export const ssoConnections = pgTable("sso_connections", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  orgId: uuid("org_id")
    .notNull()
    .unique("sso_connections_org_key")
    .references(() => organisations.id, { onDelete: "cascade" }),
  protocol: text("protocol", { enum: ["oidc", "saml"] }).notNull(),
  oidcIssuer: text("oidc_issuer"),
  oidcClientId: text("oidc_client_id"),
  oidcClientSecretSealed: text("oidc_client_secret_sealed"),
  samlEntityId: text("saml_entity_id"),
  samlSsoUrl: text("saml_sso_url"),
  samlCertificates: text("saml_certificates"),
  samlMetadataUrl: text("saml_metadata_url"),
  requireSso: boolean("require_sso").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Email domains an organisation claims. A domain sends people to the organisation's provider and
 * links accounts by email only once verified (`verifiedAt`); a verified domain belongs to one
 * organisation on the instance. Verification: a link emailed to a role address at the domain
 * (only its HMAC kept in `tokenHash`), or the operator's `trellis verify-domain` (ADR 0005).
 */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verificationAddress: text("verification_address"),
    tokenHash: text("token_hash"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("sso_domains_org_domain_key").on(table.orgId, table.domain),
    uniqueIndex("sso_domains_verified_domain_key").on(table.domain).where(sql`verified_at is not null`),
    uniqueIndex("sso_domains_token_hash_key").on(table.tokenHash),
  ],
);

/**
 * Who a person is at an identity provider: (issuer, subject) for OIDC, (IdP entity id, NameID) for
 * SAML. Accounts are found by this pair, never by email alone.
 */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("sso_identities_issuer_subject_key").on(table.issuer, table.subject),
    index("sso_identities_user_idx").on(table.userId),
  ],
);

/**
 * A sign-in sent to a provider and not yet back: the browser holds a cookie whose HMAC is
 * `tokenHash`; the row holds what the answer must match (OIDC state, nonce and PKCE verifier;
 * SAML request id). Used once, short-lived.
 */
export const ssoFlows = pgTable(
  "sso_flows",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text("token_hash").notNull(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => ssoConnections.id, { onDelete: "cascade" }),
    state: text("state"),
    nonce: text("nonce"),
    codeVerifier: text("code_verifier"),
    samlRequestId: text("saml_request_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("sso_flows_token_hash_key").on(table.tokenHash),
    uniqueIndex("sso_flows_saml_request_key").on(table.samlRequestId),
  ],
);

/** SAML assertion ids already accepted, kept until the assertion expires: a replay is refused. */
export const ssoUsedAssertions = pgTable(
  "sso_used_assertions",
  {
    issuer: text("issuer").notNull(),
    assertionId: text("assertion_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("sso_used_assertions_key").on(table.issuer, table.assertionId),
    index("sso_used_assertions_expires_idx").on(table.expiresAt),
  ],
);
