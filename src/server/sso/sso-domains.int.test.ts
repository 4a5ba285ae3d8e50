import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";
import { verifyDomainByOperator } from "./domain-verification.ts";

describe("SSO email domains", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
  });
  afterAll(() => t.close());

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object, who = owner) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const actions = async () =>
    (await t.deps.repos.audit.list(orgId, {}, { limit: 100, offset: 0 })).entries.map(
      (entry) => entry.action,
    );

  it("refuses a malformed domain naming body.domain, and the same domain twice (409)", async () => {
    for (const domain of ["not a domain", "acme", "-acme.test", "acme..test"]) {
      const response = await call("POST", `/api/orgs/${orgId}/sso/domains`, { domain });
      expect(response.statusCode, domain).toBe(400);
      expect(response.json().error.details[0].path).toBe("body.domain");
    }
    expect((await call("POST", `/api/orgs/${orgId}/sso/domains`, { domain: "acme.test" })).statusCode).toBe(
      201,
    );
    const again = await call("POST", `/api/orgs/${orgId}/sso/domains`, { domain: "ACME.test" });
    expect(again.statusCode).toBe(409);
    expect(await actions()).toContain("sso.domain_added");
  });

  it("verifies a domain by the link sent to a role address, once; Sent email hides the link's token from admins", async () => {
    const settings = (await call("GET", `/api/orgs/${orgId}/sso`)).json();
    const domain = settings.domains.find((candidate: { domain: string }) => candidate.domain === "acme.test");
    const sent = await call("POST", `/api/orgs/${orgId}/sso/domains/${domain.id}/verification`, {
      localPart: "postmaster",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().domains[0]).toMatchObject({
      verifiedAt: null,
      pendingAddress: "postmaster@acme.test",
    });
    const token = await tokenFromLatestEmail(t, "postmaster@acme.test", "/verify-domain?token=");

    const outbox = await call("GET", `/api/orgs/${orgId}/emails`);
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).not.toContain(token);

    const verified = await t.app.inject({
      method: "POST",
      url: "/api/sso/domains/verify",
      payload: { token },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ domain: "acme.test", orgName: "Acme Mentoring" });
    const reused = await t.app.inject({ method: "POST", url: "/api/sso/domains/verify", payload: { token } });
    expect(reused.statusCode).toBe(410);
    expect((await call("GET", `/api/orgs/${orgId}/sso`)).json().domains[0].verifiedAt).not.toBeNull();
    expect(await actions()).toContain("sso.domain_verified");
  });

  it("a domain verified by one organisation cannot be verified by another", async () => {
    const beta = await createSecondOrganisation(t);
    const added = await call(
      "POST",
      `/api/orgs/${beta.orgId}/sso/domains`,
      { domain: "acme.test" },
      beta.owner,
    );
    expect(added.statusCode).toBe(201);
    await expect(verifyDomainByOperator(t.deps, beta.orgId, "acme.test")).rejects.toThrow(
      /already verified by another organisation/,
    );
    // And the other organisation's domains are a 404 here.
    const betaDomain = added.json().domains[0].id;
    expect((await call("DELETE", `/api/orgs/${orgId}/sso/domains/${betaDomain}`)).statusCode).toBe(404);
  });

  it("members (not admins) cannot change SSO settings; removing a domain is audited", async () => {
    const member = await inviteAndAccept(t, owner, orgId, { email: "pat@elsewhere.test", role: "member" });
    expect((await call("GET", `/api/orgs/${orgId}/sso`, undefined, member)).statusCode).toBe(403);
    const domainId = (await call("GET", `/api/orgs/${orgId}/sso`)).json().domains[0].id;
    expect((await call("DELETE", `/api/orgs/${orgId}/sso/domains/${domainId}`)).statusCode).toBe(204);
    expect(await actions()).toContain("sso.domain_removed");
  });

  it("requiring SSO needs a connected provider (422 naming body.requireSso)", async () => {
    const response = await call("PUT", `/api/orgs/${orgId}/sso/requirement`, { requireSso: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe("body.requireSso");
  });
});
