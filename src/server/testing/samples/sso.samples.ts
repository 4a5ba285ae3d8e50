import type { ssoRoutes } from "../../../contracts/sso.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each SSO route that takes one. */
export const ssoSamples: SampleBodiesFor<typeof ssoRoutes> = {
  ssoLookup: { email: "sample@example.test" },
  ssoStart: { email: "sample@example.test" },
  ssoSamlAcs: { SAMLResponse: "PHNhbWxwOlJlc3BvbnNlLz4=" },
  verifySsoDomain: { token: "t".repeat(43) },
  saveOidcConnection: {
    issuer: "https://idp.example.test",
    clientId: "trellis",
    clientSecret: "sample-client-secret",
  },
  saveSamlConnection: { metadataUrl: "https://idp.example.test/metadata" },
  updateSsoRequirement: { requireSso: false },
  addSsoDomain: { domain: "example.test" },
  sendDomainVerification: { localPart: "postmaster" },
};
