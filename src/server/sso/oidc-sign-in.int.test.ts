import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { cookieBrowser, startOidcProvider, type TestOidcProvider } from "../testing/oidc-test-provider.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { verifyDomainByOperator } from "./domain-verification.ts";
import { OIDC_CALLBACK_PATH } from "./oidc.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(address.port));
    });
  });
}

describe("SSO with a real OpenID provider (oidc-provider on loopback)", () => {
  let t: TestApp;
  let owner: Caller;
  let provider: TestOidcProvider;
  let base: string;
  let orgId: OrgId;

  beforeAll(async () => {
    provider = await startOidcProvider({ autoLogin: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ publicUrl: base, sso: { allowInsecure: true } });
    await t.app.listen({ port, host: "127.0.0.1" });
    provider.allowRedirect(`${base}${OIDC_CALLBACK_PATH}`);
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    provider.accounts.set("mia", {
      sub: "mia-sub",
      email: "mia@acme.test",
      email_verified: true,
      name: "Mia Chen",
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const saveOidc = (body: object) =>
    t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/sso/oidc`,
      headers: owner.headers,
      payload: body,
    });

  /** Starts at Trellis, follows every redirect through the provider back to our callback. */
  async function signInThroughProvider(email: string) {
    const browser = cookieBrowser();
    const started = await browser.request(`${base}/api/auth/sso/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
    expect(started.status, await started.clone().text()).toBe(200);
    const { redirectUrl } = (await started.json()) as { redirectUrl: string };
    return { browser, redirectUrl };
  }

  it("refuses bad settings with a 4xx naming the field, an unreachable issuer with a clear message", async () => {
    const notUrl = await saveOidc({ issuer: "not a url", clientId: "x", clientSecret: "y" });
    expect(notUrl.statusCode).toBe(400);
    expect(notUrl.json().error.details[0].path).toBe("body.issuer");
    const missing = await saveOidc({ issuer: provider.issuer, clientSecret: "y" });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details)).toContain("body.clientId");
    const closed = await saveOidc({
      issuer: `http://127.0.0.1:${await freePort()}`,
      clientId: "x",
      clientSecret: "y",
    });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.details[0].path).toBe("body.issuer");
    expect(closed.json().error.message).toMatch(/Could not reach the provider/);
    const noSecret = await saveOidc({ issuer: provider.issuer, clientId: "trellis" });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().error.details[0].path).toBe("body.clientSecret");
  });

  it("an admin connects the provider (discovery checked, secret sealed, audit entry)", async () => {
    const saved = await saveOidc({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().connection).toMatchObject({
      protocol: "oidc",
      issuer: provider.issuer,
      hasClientSecret: true,
    });
    expect(saved.body).not.toContain(provider.clientSecret);
    const stored = await t.deps.db.execute(sql`select oidc_client_secret_sealed as s from sso_connections`);
    const sealed = (stored as unknown as { rows: { s: string }[] }).rows[0]?.s ?? "";
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain(provider.clientSecret);
    const audit = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/audit-log`,
      headers: owner.headers,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().entries[0]).toMatchObject({
      action: "sso.connection_saved",
      actorId: owner.me.user.id,
      details: { protocol: "oidc", issuer: provider.issuer, clientSecretChanged: true },
    });
    expect(audit.body).not.toContain(provider.clientSecret);

    const added = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/sso/domains`,
      headers: owner.headers,
      payload: { domain: "Acme.test" },
    });
    expect(added.statusCode, added.body).toBe(201);
    // Not verified yet: the sign-in page does not offer SSO for the domain.
    const before = await t.app.inject({
      method: "POST",
      url: "/api/auth/sso/lookup",
      payload: { email: "mia@acme.test" },
    });
    expect(before.json()).toMatchObject({ sso: false });
    await verifyDomainByOperator(t.deps, orgId, "acme.test");
    const after = await t.app.inject({
      method: "POST",
      url: "/api/auth/sso/lookup",
      payload: { email: "mia@acme.test" },
    });
    expect(after.json()).toMatchObject({ sso: true, orgName: "Acme Mentoring", required: false });
  });

  it("code flow end to end: a new person is created with a membership (member) in that organisation only, then found again by (issuer, subject)", async () => {
    provider.signInAs = "mia";
    const { browser, redirectUrl } = await signInThroughProvider("mia@acme.test");
    expect(redirectUrl).toContain("code_challenge_method=S256");
    const { visited, last } = await browser.follow(redirectUrl);
    expect(visited.some((url) => url.startsWith(`${base}${OIDC_CALLBACK_PATH}?code=`))).toBe(true);
    expect(visited.at(-1)).toBe(`${base}/`);
    expect(last.status).toBe(404); // no web app in this test: the redirect target itself
    const me = await browser.request(`${base}/api/me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      user: { email: string; id: string };
      memberships: { orgId: string; role: string }[];
    };
    expect(body.user.email).toBe("mia@acme.test");
    expect(body.memberships).toEqual([expect.objectContaining({ orgId, role: "member" })]);

    const again = await signInThroughProvider("mia@acme.test");
    await again.browser.follow(again.redirectUrl);
    const meAgain = (await (await again.browser.request(`${base}/api/me`)).json()) as {
      user: { id: string };
    };
    expect(meAgain.user.id).toBe(body.user.id);
  });

  it("a known identity does not join another organisation using the same issuer outside its domains", async () => {
    const beta = await createSecondOrganisation(t);
    const headers = beta.owner.headers;
    const saved = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${beta.orgId}/sso/oidc`,
      headers,
      payload: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await t.app.inject({
      method: "POST",
      url: `/api/orgs/${beta.orgId}/sso/domains`,
      headers,
      payload: { domain: "beta.test" },
    });
    await verifyDomainByOperator(t.deps, beta.orgId, "beta.test");
    // Mia (linked to Acme) types a beta.test address but signs in at the provider as herself.
    provider.signInAs = "mia";
    const { browser, redirectUrl } = await signInThroughProvider("someone@beta.test");
    const { visited } = await browser.follow(redirectUrl);
    expect(visited.at(-1)).toBe(`${base}/sign-in?sso=email_outside_domains`);
    const mia = await t.deps.repos.users.findByEmailWithHash("mia@acme.test");
    expect(await t.deps.repos.organisations.findMember(beta.orgId, mia?.id as UserId)).toBeNull();
  });

  it("a callback whose state does not match is refused (no session)", async () => {
    provider.signInAs = "mia";
    const { browser, redirectUrl } = await signInThroughProvider("mia@acme.test");
    const { visited } = await browser.follow(redirectUrl, (location) =>
      location.includes(OIDC_CALLBACK_PATH),
    );
    const callback = new URL(visited.at(-1) as string);
    callback.searchParams.set("state", "forged-state-value");
    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/sign-in?sso=failed");
    expect((await browser.request(`${base}/api/me`)).status).toBe(401);
  });

  it("an ID token whose nonce does not match is refused", async () => {
    provider.signInAs = "mia";
    const { browser, redirectUrl } = await signInThroughProvider("mia@acme.test");
    const { visited } = await browser.follow(redirectUrl, (location) =>
      location.includes(OIDC_CALLBACK_PATH),
    );
    await t.deps.db.execute(sql`update sso_flows set nonce = 'another-nonce-than-sent'`);
    const answer = await browser.request(visited.at(-1) as string);
    expect(answer.headers.get("location")).toBe("/sign-in?sso=failed");
    expect((await browser.request(`${base}/api/me`)).status).toBe(401);
  });

  it("a callback without the browser's flow cookie is refused", async () => {
    provider.signInAs = "mia";
    const { browser, redirectUrl } = await signInThroughProvider("mia@acme.test");
    const { visited } = await browser.follow(redirectUrl, (location) =>
      location.includes(OIDC_CALLBACK_PATH),
    );
    const stranger = cookieBrowser();
    const answer = await stranger.request(visited.at(-1) as string);
    expect(answer.headers.get("location")).toBe("/sign-in?sso=expired");
  });

  it("an unverified email never links to an existing account", async () => {
    // The owner (owner@acme.test) has a password account; someone at the provider claims the address unverified.
    provider.accounts.set("mallory", {
      sub: "mallory-sub",
      email: owner.me.user.email,
      email_verified: false,
      name: "Mallory",
    });
    provider.signInAs = "mallory";
    const { browser, redirectUrl } = await signInThroughProvider(owner.me.user.email);
    const { visited } = await browser.follow(redirectUrl);
    expect(visited.at(-1)).toBe(`${base}/sign-in?sso=email_unverified`);
    expect((await browser.request(`${base}/api/me`)).status).toBe(401);
    const links = await t.deps.db.execute(
      sql`select count(*)::int as n from sso_identities where subject = 'mallory-sub'`,
    );
    expect((links as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);

    // Verified by the provider, the same address links to the existing account.
    provider.accounts.set("mallory", {
      sub: "mallory-sub",
      email: owner.me.user.email,
      email_verified: true,
      name: "Mallory",
    });
    const second = await signInThroughProvider(owner.me.user.email);
    await second.browser.follow(second.redirectUrl);
    const me = (await (await second.browser.request(`${base}/api/me`)).json()) as { user: { id: string } };
    expect(me.user.id).toBe(owner.me.user.id);
  });

  it("an organisation requiring SSO refuses its members' passwords (owners keep theirs)", async () => {
    const required = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/sso/requirement`,
      headers: owner.headers,
      payload: { requireSso: true },
    });
    expect(required.statusCode, required.body).toBe(200);
    // Mia has no password of her own; give her one to show it is refused.
    const { hashPassword } = await import("../security/passwords.ts");
    await t.deps.db.execute(
      sql`update users set password_hash = ${await hashPassword("mia-password-1")} where email = 'mia@acme.test'`,
    );
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "mia@acme.test", password: "mia-password-1" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("sso_required");
    expect(refused.json().error.message).toMatch(/single sign-on/);
    const ownerIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: owner.me.user.email, password: "owner-password-1" },
    });
    expect(ownerIn.statusCode).toBe(200);
  });
});
