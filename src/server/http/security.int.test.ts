import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callerFrom,
  createTestApp,
  invite,
  setUpOwner,
  signIn,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";

describe("rate limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { signInPerMinute: 3, emailPerHour: 2 } });
    await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  const expect429 = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(response.statusCode).toBe(429);
    expect((response.json() as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  };

  it("the 4th sign-in in a minute is 429 with Retry-After, even with the right password", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: {
          email: "owner@acme.test",
          password: attempt === 2 ? "owner-password-1" : "wrong-password",
        },
      });
      expect(response.statusCode).not.toBe(429);
    }
    expect429(
      await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: "owner@acme.test", password: "owner-password-1" },
      }),
    );
  });

  it("the 3rd password-reset request in an hour is 429 with Retry-After", async () => {
    const reset = () =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: "owner@acme.test" },
      });
    expect((await reset()).statusCode).toBe(202);
    expect((await reset()).statusCode).toBe(202);
    expect429(await reset());
  });

  it("invitations are limited per admin (5 × the hourly email limit)", async () => {
    const owner = await signIn(t.app, "owner@acme.test", "owner-password-1").catch(async () => {
      // The sign-in limit of this app may be spent by the test above; another address has its own.
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: "owner@acme.test", password: "owner-password-1" },
        remoteAddress: "10.0.0.7",
      });
      return callerFrom(response);
    });
    const inviteNumber = (n: number) =>
      t.app.inject({
        method: "POST",
        url: `/api/orgs/${owner.me.currentOrgId}/invitations`,
        headers: owner.headers,
        payload: { email: `limit${n}@acme.test`, role: "member" },
      });
    for (let n = 0; n < 10; n++) expect((await inviteNumber(n)).statusCode).toBe(201);
    expect429(await inviteNumber(10));
  });

  it("counts per client address: another address still gets through", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "owner@acme.test" },
      remoteAddress: "10.0.0.9",
    });
    expect(response.statusCode).toBe(202);
  });
});

describe("logs", () => {
  it("a sign-in's logs carry a request id and never the password, cookie, CSRF token or emailed token", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await createTestApp({ logLevel: "trace" }, { logStream: stream });
    try {
      const owner = await setUpOwner(t.app, { password: "super-secret-password-1" });
      const caller = await signIn(t.app, "owner@acme.test", "super-secret-password-1");
      await t.app.inject({ method: "GET", url: "/api/me", headers: caller.headers });
      await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        headers: { ...caller.headers, "x-request-id": "req-abc-123" },
        payload: { email: "owner@acme.test", password: "wrong-secret-password-9" },
      });
      const { token } = await invite(t, owner, owner.me.currentOrgId!, {
        email: "new@acme.test",
        role: "member",
      });
      await t.app.inject({ method: "GET", url: `/api/invitations/${token}` });
      await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: "owner@acme.test" },
      });
      const resetToken = await tokenFromLatestEmail(t, "owner@acme.test", "/reset-password?token=");
      await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset/confirm",
        payload: { token: resetToken, password: "another-secret-password-2" },
      });
      await t.app.inject({ method: "GET", url: `/reset-password?token=${resetToken}` });

      const log = lines.join("");
      expect(lines.length).toBeGreaterThan(5);
      const cookieValue = caller.cookie.split("=")[1];
      for (const secret of [
        "super-secret-password-1",
        "wrong-secret-password-9",
        "another-secret-password-2",
        cookieValue,
        caller.me.csrfToken,
        token,
        resetToken,
      ]) {
        expect(log.includes(secret), `log contains ${secret.slice(0, 8)}…`).toBe(false);
      }
      const entries = lines.map((line) => JSON.parse(line) as { reqId?: string });
      expect(entries.some((entry) => entry.reqId === "req-abc-123")).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe("security headers", () => {
  let t: TestApp;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), "trellis-web-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Trellis</title><div id=root></div>");
    t = await createTestApp({ publicUrl: "https://trellis.example" }, { webRoot });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("sends a CSP and the usual headers on API JSON, the web app's HTML and the API docs", async () => {
    for (const url of ["/api/health", "/", "/members", "/api/docs", "/api/no-such-route"]) {
      const response = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
      expect(response.statusCode, url).toBeLessThan(500);
      const csp = String(response.headers["content-security-policy"]);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
    }
    const html = await t.app.inject({ method: "GET", url: "/members" });
    expect(html.headers["content-type"]).toContain("text/html");
    expect(String(html.headers["content-security-policy"])).toContain("script-src 'self'");
  });

  it("behind an https public URL: HSTS, and the session cookie is Secure", async () => {
    const owner = await t.app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        organisationName: "Secure Org",
        name: "Sam Secure",
        email: "sam@secure.test",
        password: "secure-password-1",
      },
    });
    expect(owner.headers["strict-transport-security"]).toBeDefined();
    expect(owner.cookies.find((cookie) => cookie.name === "trellis_session")?.secure).toBe(true);
  });
});
