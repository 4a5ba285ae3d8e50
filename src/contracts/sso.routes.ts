import { z } from "zod";
import { TokenSchema } from "./accounts.ts";
import { EmailSchema, IdSchema, NoContentSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { route } from "./route-contract.ts";

/** Role addresses a domain's verification link may go to (the CA/Browser Forum's constructed addresses). */
export const DOMAIN_ROLE_ADDRESSES = [
  "admin",
  "administrator",
  "hostmaster",
  "postmaster",
  "webmaster",
] as const;

const DomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "must be a domain name such as example.org",
  });

const HttpUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: "must be an https:// address" },
  );

export const SsoDomainSchema = z.object({
  id: IdSchema,
  domain: z.string(),
  verifiedAt: TimestampSchema.nullable(),
  /** Where the last verification link went, while it waits. */
  pendingAddress: z.string().nullable(),
});
export type SsoDomain = z.infer<typeof SsoDomainSchema>;

export const SsoConnectionSchema = z.discriminatedUnion("protocol", [
  z.object({
    protocol: z.literal("oidc"),
    issuer: z.string(),
    clientId: z.string(),
    /** The secret itself is never sent back. */
    hasClientSecret: z.boolean(),
    requireSso: z.boolean(),
    updatedAt: TimestampSchema,
  }),
  z.object({
    protocol: z.literal("saml"),
    entityId: z.string(),
    ssoUrl: z.string(),
    metadataUrl: z.string().nullable(),
    certificateCount: z.number().int(),
    requireSso: z.boolean(),
    updatedAt: TimestampSchema,
  }),
]);
export type SsoConnection = z.infer<typeof SsoConnectionSchema>;

export const SsoSettingsSchema = z.object({
  connection: SsoConnectionSchema.nullable(),
  domains: z.array(SsoDomainSchema),
  /** What to register at the provider. */
  oidcRedirectUri: z.string(),
  saml: z.object({ entityId: z.string(), acsUrl: z.string(), metadataXml: z.string() }),
});
export type SsoSettings = z.infer<typeof SsoSettingsSchema>;

export const SaveOidcRequestSchema = z.strictObject({
  issuer: HttpUrlSchema,
  clientId: z.string().trim().min(1, { error: "is required" }).max(300),
  /** Leave out to keep the stored secret (changing only the issuer or client id). */
  clientSecret: z.string().min(1, { error: "is required" }).max(1000).optional(),
});
export type SaveOidcRequest = z.infer<typeof SaveOidcRequestSchema>;

export const SaveSamlRequestSchema = z
  .strictObject({
    metadataUrl: HttpUrlSchema.optional(),
    metadataXml: z
      .string()
      .trim()
      .min(1)
      .max(200_000)
      .regex(/^</, { error: "must be XML (SAML metadata starts with <)" })
      .optional(),
  })
  .refine((value) => (value.metadataUrl === undefined) !== (value.metadataXml === undefined), {
    error: "give either the metadata URL or the metadata XML",
    path: ["metadataUrl"],
  });
export type SaveSamlRequest = z.infer<typeof SaveSamlRequestSchema>;

export const SsoRequirementSchema = z.strictObject({ requireSso: z.boolean() });
export const AddSsoDomainRequestSchema = z.strictObject({ domain: DomainNameSchema });
export const SsoDomainParamsSchema = z.strictObject({ orgId: IdSchema, domainId: IdSchema });
export const SendDomainVerificationRequestSchema = z.strictObject({
  localPart: z.enum(DOMAIN_ROLE_ADDRESSES),
});
export const VerifyDomainRequestSchema = z.strictObject({ token: TokenSchema });
export const VerifiedDomainSchema = z.object({ domain: z.string(), orgName: z.string() });

export const SsoLookupRequestSchema = z.strictObject({ email: EmailSchema });
export const SsoLookupSchema = z.object({
  /** Whether this email's domain signs in through an organisation's provider. */
  sso: z.boolean(),
  orgName: z.string().nullable(),
  /** The organisation refuses password sign-in for its members. */
  required: z.boolean(),
});
export type SsoLookup = z.infer<typeof SsoLookupSchema>;
export const SsoStartSchema = z.object({ redirectUrl: z.string() });

/** The provider's answer, as it comes back through the browser. */
export const OidcCallbackQuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  session_state: z.string().max(500).optional(),
});
export const SamlAcsBodySchema = z.strictObject({
  SAMLResponse: z
    .string()
    .min(1, { error: "is required" })
    .max(500_000)
    .regex(/^[A-Za-z0-9+/=\r\n]+$/, { error: "must be a base64 SAML response" }),
  RelayState: z.string().max(500).optional(),
});
export const RedirectSchema = z.null().describe("A redirect (302) to the web app");

/** Single sign-on: an organisation's OIDC or SAML provider, its email domains, and the sign-in through it. */
export const ssoRoutes = {
  ssoLookup: route({
    method: "POST",
    path: "/api/auth/sso/lookup",
    summary: "Whether an email's domain signs in through an organisation's identity provider",
    tag: "accounts",
    access: "public",
    status: 200,
    body: SsoLookupRequestSchema,
    response: SsoLookupSchema,
  }),
  ssoStart: route({
    method: "POST",
    path: "/api/auth/sso/start",
    summary: "Start signing in through the organisation's provider: answers where to send the browser",
    tag: "accounts",
    access: "public",
    status: 200,
    body: SsoLookupRequestSchema,
    response: SsoStartSchema,
  }),
  ssoOidcCallback: route({
    method: "GET",
    path: "/api/auth/sso/oidc/callback",
    summary: "Where the OpenID provider sends the browser back (redirects to the web app)",
    tag: "accounts",
    access: "public",
    status: 302,
    query: OidcCallbackQuerySchema,
    response: RedirectSchema,
  }),
  ssoSamlAcs: route({
    method: "POST",
    path: "/api/auth/sso/saml/acs",
    summary: "SAML assertion consumer service: the IdP posts its signed response (redirects to the web app)",
    tag: "accounts",
    access: "public",
    status: 302,
    body: SamlAcsBodySchema,
    response: RedirectSchema,
  }),
  verifySsoDomain: route({
    method: "POST",
    path: "/api/sso/domains/verify",
    summary: "Verify an email domain with the link sent to one of its role addresses",
    tag: "organisations",
    access: "public",
    status: 200,
    body: VerifyDomainRequestSchema,
    response: VerifiedDomainSchema,
  }),
  ssoSettings: route({
    method: "GET",
    path: "/api/orgs/:orgId/sso",
    summary: "The organisation's identity provider, email domains and what to register at the provider",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: SsoSettingsSchema,
  }),
  saveOidcConnection: route({
    method: "PUT",
    path: "/api/orgs/:orgId/sso/oidc",
    summary: "Connect an OpenID Connect provider (discovery is checked first; recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    body: SaveOidcRequestSchema,
    response: SsoSettingsSchema,
  }),
  saveSamlConnection: route({
    method: "PUT",
    path: "/api/orgs/:orgId/sso/saml",
    summary: "Connect a SAML 2.0 identity provider from its metadata (URL or XML; recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    body: SaveSamlRequestSchema,
    response: SsoSettingsSchema,
  }),
  deleteSsoConnection: route({
    method: "DELETE",
    path: "/api/orgs/:orgId/sso",
    summary: "Disconnect the identity provider (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 204,
    params: OrgIdParamsSchema,
    response: NoContentSchema,
  }),
  updateSsoRequirement: route({
    method: "PUT",
    path: "/api/orgs/:orgId/sso/requirement",
    summary: "Require members at the verified domains to sign in with SSO (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    body: SsoRequirementSchema,
    response: SsoSettingsSchema,
  }),
  addSsoDomain: route({
    method: "POST",
    path: "/api/orgs/:orgId/sso/domains",
    summary: "Claim an email domain (unverified until its link is followed)",
    tag: "organisations",
    access: "org-admin",
    status: 201,
    params: OrgIdParamsSchema,
    body: AddSsoDomainRequestSchema,
    response: SsoSettingsSchema,
  }),
  sendDomainVerification: route({
    method: "POST",
    path: "/api/orgs/:orgId/sso/domains/:domainId/verification",
    summary: "Email a verification link to a role address at the domain (admin@, postmaster@, ...)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: SsoDomainParamsSchema,
    body: SendDomainVerificationRequestSchema,
    response: SsoSettingsSchema,
  }),
  removeSsoDomain: route({
    method: "DELETE",
    path: "/api/orgs/:orgId/sso/domains/:domainId",
    summary: "Remove an email domain (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 204,
    params: SsoDomainParamsSchema,
    response: NoContentSchema,
  }),
};
