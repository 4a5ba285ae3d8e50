import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import * as samlify from "samlify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { ssoRepository } from "../../db/repositories/sso.repository.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { verifyDomainByOperator } from "./domain-verification.ts";
import { serviceProvider } from "./saml.ts";

// The IdP's own check of our requests is not under test (node-saml is our side); samlify needs one.
samlify.setSchemaValidator({ validate: async () => "skipped" });

/** A fresh key and self-signed certificate (openssl), as an IdP would have. */
function keyPair(dir: string, name: string) {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      join(dir, `${name}.key`),
      "-out",
      join(dir, `${name}.crt`),
    ],
    { stdio: "ignore" },
  );
  return {
    privateKey: readFileSync(join(dir, `${name}.key`), "utf8"),
    cert: readFileSync(join(dir, `${name}.crt`), "utf8"),
  };
}

const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

describe("SSO with a SAML identity provider (samlify as the IdP)", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let dir: string;
  let idp: ReturnType<typeof samlify.IdentityProvider>;
  let impostor: ReturnType<typeof samlify.IdentityProvider>;
  let sp: ReturnType<typeof samlify.ServiceProvider>;
  const idpEntity = "https://idp.acme.test/saml";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "trellis-saml-"));
    const real = keyPair(dir, "idp");
    const wrong = keyPair(dir, "impostor");
    const settings = {
      entityID: idpEntity,
      singleSignOnService: [{ Binding: REDIRECT, Location: "http://127.0.0.1:9/sso" }],
      wantAuthnRequestsSigned: false,
      isAssertionEncrypted: false,
    };
    idp = samlify.IdentityProvider({ ...settings, privateKey: real.privateKey, signingCert: real.cert });
    // Same entity id, another key: what an attacker without the IdP's key can make.
    impostor = samlify.IdentityProvider({
      ...settings,
      privateKey: wrong.privateKey,
      signingCert: wrong.cert,
    });
    t = await createTestApp({ publicUrl: "http://trellis.test", sso: { allowInsecure: true } });
    const ours = serviceProvider(t.deps);
    sp = samlify.ServiceProvider({
      entityID: ours.entityId,
      assertionConsumerService: [{ Binding: POST, Location: ours.acsUrl }],
      wantAssertionsSigned: true,
    });
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses metadata that is not SAML, naming the field", async () => {
    for (const metadataXml of [
      "<html><body>hello</body></html>",
      "<not-closed",
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>',
    ]) {
      const response = await t.app.inject({
        method: "PUT",
        url: `/api/orgs/${orgId}/sso/saml`,
        headers: owner.headers,
        payload: { metadataXml },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.details[0].path).toBe("body.metadataXml");
    }
    const neither = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/sso/saml`,
      headers: owner.headers,
      payload: {},
    });
    expect(neither.statusCode).toBe(400);
  });

  it("connects from pasted metadata (audit entry) and shows our SP metadata", async () => {
    const response = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/sso/saml`,
      headers: owner.headers,
      payload: { metadataXml: idp.getMetadata() },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().connection).toMatchObject({
      protocol: "saml",
      entityId: idpEntity,
      certificateCount: 1,
    });
    expect(response.json().saml.metadataXml).toContain(serviceProvider(t.deps).acsUrl);
    await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/sso/domains`,
      headers: owner.headers,
      payload: { domain: "acme.test" },
    });
    await verifyDomainByOperator(t.deps, orgId, "acme.test");
  });

  /** Starts a sign-in at Trellis and answers the request id the IdP will see. */
  async function startSignIn(email: string): Promise<string> {
    const started = await t.app.inject({ method: "POST", url: "/api/auth/sso/start", payload: { email } });
    expect(started.statusCode, started.body).toBe(200);
    const url = new URL(started.json().redirectUrl);
    const request = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString(
      "utf8",
    );
    const id = request.match(/ID="([^"]+)"/)?.[1];
    if (!id) throw new Error(`no request id in ${request}`);
    return id;
  }

  async function respond(from: typeof idp, requestId: string, email: string): Promise<string> {
    const { context } = await from.createLoginResponse(
      sp,
      { extract: { request: { id: requestId } } },
      "post",
      { email },
    );
    return context;
  }

  const post = (samlResponse: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/sso/saml/acs",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    });

  it("a signed response is accepted: the person is made a member just in time and signed in", async () => {
    const response = await post(await respond(idp, await startSignIn("sam@acme.test"), "sam@acme.test"));
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe("/");
    const session = response.cookies.find((cookie) => cookie.name === "trellis_session");
    expect(session).toBeDefined();
    const me = await t.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `trellis_session=${session?.value}` },
    });
    expect(me.json().user.email).toBe("sam@acme.test");
    expect(me.json().memberships).toEqual([expect.objectContaining({ orgId, role: "member" })]);
  });

  it("a replayed assertion is refused, even when its request were pending again", async () => {
    const requestId = await startSignIn("sam@acme.test");
    const answer = await respond(idp, requestId, "sam@acme.test");
    expect((await post(answer)).headers.location).toBe("/");
    // Posted again: its request was used up.
    const replay = await post(answer);
    expect(replay.headers.location).toBe("/sign-in?sso=expired");
    expect(replay.cookies.find((cookie) => cookie.name === "trellis_session")).toBeUndefined();
    // Even with a pending request of that id again, the assertion id is kept until it expires.
    const connection = await ssoRepository(t.deps.db).findConnection(orgId);
    await ssoRepository(t.deps.db).createFlow({
      tokenHash: "replay-test",
      connectionId: connection?.id as string,
      samlRequestId: requestId,
      expiresAt: new Date(Date.now() + 600_000),
    });
    const again = await post(answer);
    expect(again.headers.location).toBe("/sign-in?sso=failed");
    expect(again.cookies.find((cookie) => cookie.name === "trellis_session")).toBeUndefined();
  });

  it("a response edited after signing is refused", async () => {
    const answer = await respond(idp, await startSignIn("sam@acme.test"), "sam@acme.test");
    const xml = Buffer.from(answer, "base64").toString("utf8");
    expect(xml).toContain("sam@acme.test");
    const edited = Buffer.from(xml.replaceAll("sam@acme.test", "owner@acme.test")).toString("base64");
    const response = await post(edited);
    expect(response.headers.location).toBe("/sign-in?sso=failed");
    expect(response.cookies.find((cookie) => cookie.name === "trellis_session")).toBeUndefined();
  });

  it("a response signed with another certificate is refused", async () => {
    const response = await post(
      await respond(impostor, await startSignIn("sam@acme.test"), "owner@acme.test"),
    );
    expect(response.headers.location).toBe("/sign-in?sso=failed");
    expect(response.cookies.find((cookie) => cookie.name === "trellis_session")).toBeUndefined();
  });

  it("a deactivated member is refused (SSO never reactivates), an address outside the domains too", async () => {
    const sam = await t.deps.repos.users.findByEmailWithHash("sam@acme.test");
    await t.deps.repos.organisations.updateMember(orgId, sam?.id as UserId, {
      role: "member",
      status: "deactivated",
    });
    const refused = await post(await respond(idp, await startSignIn("sam@acme.test"), "sam@acme.test"));
    expect(refused.headers.location).toBe("/sign-in?sso=deactivated");
    expect((await t.deps.repos.organisations.findMember(orgId, sam?.id as UserId))?.status).toBe(
      "deactivated",
    );
    const outside = await post(await respond(idp, await startSignIn("sam@acme.test"), "sam@elsewhere.test"));
    expect(outside.headers.location).toBe("/sign-in?sso=email_outside_domains");
  });

  it("connects from a metadata URL; an unreachable one is a 422 naming body.metadataUrl", async () => {
    const server = createServer((_request, response) => {
      response.setHeader("content-type", "application/samlmetadata+xml");
      response.end(idp.getMetadata());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const saved = await t.app.inject({
        method: "PUT",
        url: `/api/orgs/${orgId}/sso/saml`,
        headers: owner.headers,
        payload: { metadataUrl: `http://127.0.0.1:${port}/metadata` },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().connection).toMatchObject({
        entityId: idpEntity,
        metadataUrl: `http://127.0.0.1:${port}/metadata`,
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const unreachable = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/sso/saml`,
      headers: owner.headers,
      payload: { metadataUrl: `http://127.0.0.1:${port}/metadata` },
    });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().error.details[0]).toMatchObject({ path: "body.metadataUrl" });
    expect(unreachable.json().error.message).toMatch(/Could not reach/);
  });

  it("an unsolicited response (no pending request of ours) is refused", async () => {
    const response = await post(await respond(idp, "_not-a-request-of-ours", "sam@acme.test"));
    expect(response.headers.location).toBe("/sign-in?sso=expired");
  });
});
