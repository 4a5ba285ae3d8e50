import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RouteContract } from "../../contracts/routes.ts";
import { allRoutes, fillPath, sampleBody } from "../testing/route-samples.ts";
import {
  type Caller,
  callerFrom,
  createTestApp,
  invite,
  setUpOwner,
  signIn,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";

const writeRoutes = allRoutes.filter(([, contract]) => contract.method !== "GET");
const bodyRoutes = allRoutes.filter(([, contract]) => contract.body !== undefined);

/** The fields of a route's body schema (every body in the table is a zod object). */
function bodyFields(contract: RouteContract): [string, z.ZodType][] {
  const body = contract.body as z.ZodObject;
  return Object.entries(body.shape);
}

describe("bad input on every route", () => {
  let t: TestApp;
  let owner: Caller;
  let values: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    const pending = await invite(t, owner, owner.me.currentOrgId!, {
      email: "pending@acme.test",
      role: "member",
    });
    values = {
      orgId: owner.me.currentOrgId!,
      userId: owner.me.user.id,
      invitationId: pending.invitation.id,
      sessionId: "00000000-0000-4000-8000-000000000000",
      token: pending.token,
    };
  });
  afterAll(() => t.close());

  const send = (contract: RouteContract, payload: string, params = values) =>
    t.app.inject({
      method: contract.method,
      url: fillPath(contract.path, params),
      headers: { ...owner.headers, "content-type": "application/json" },
      payload,
    });

  const expect400 = (
    response: { statusCode: number; body: string; json(): unknown },
    path: string,
    what: string,
  ) => {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    const envelope = response.json() as { error: { code: string; details?: { path: string }[] } };
    expect(envelope.error.code, what).toBe("validation_failed");
    expect(
      envelope.error.details?.map((detail) => detail.path),
      what,
    ).toContain(path);
  };

  it("every route with a body has a valid sample body", () => {
    for (const [name, contract] of bodyRoutes) {
      const parsed = (contract.body as z.ZodType).safeParse(sampleBody(name));
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("a missing required field is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        if (schema.safeParse(undefined).success) continue;
        const { [field]: _dropped, ...rest } = sampleBody(name) as Record<string, unknown>;
        expect400(await send(contract, JSON.stringify(rest)), `body.${field}`, `${name} without ${field}`);
      }
    }
  });

  it("a field of the wrong type is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field] of bodyFields(contract)) {
        for (const wrong of [12345, true, { nested: "object" }, ["a"]]) {
          const payload = { ...(sampleBody(name) as object), [field]: wrong };
          expect400(
            await send(contract, JSON.stringify(payload)),
            `body.${field}`,
            `${name}.${field} = ${JSON.stringify(wrong)}`,
          );
        }
      }
    }
  });

  it("an oversized string is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        const huge = `${"x".repeat(20_000)}@example.test`;
        if (schema.safeParse(huge).success) throw new Error(`${name}.${field} accepts a 20 kB string`);
        const payload = { ...(sampleBody(name) as object), [field]: huge };
        expect400(
          await send(contract, JSON.stringify(payload)),
          `body.${field}`,
          `${name}.${field} oversized`,
        );
      }
    }
  });

  it("an unknown field is a 400 naming it", async () => {
    for (const [name, contract] of bodyRoutes) {
      const payload = { ...(sampleBody(name) as object), isAdmin: true };
      expect400(await send(contract, JSON.stringify(payload)), "body.isAdmin", `${name} with isAdmin`);
    }
  });

  it("malformed JSON, an empty body, or a body that is not an object is a 400 on body", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const payload of ['{"email": ', "", "[]", '"text"', "null", "42"]) {
        expect400(await send(contract, payload), "body", `${name} with ${JSON.stringify(payload)}`);
      }
    }
  });

  it("text that PostgreSQL cannot store (a NUL character) is a 400, not a 500", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        const sample = (sampleBody(name) as Record<string, unknown>)[field];
        if (typeof sample !== "string") continue;
        const poisoned = `${sample.slice(0, 5)}\u0000${sample.slice(5)}`;
        const response = await send(
          contract,
          JSON.stringify({ ...(sampleBody(name) as object), [field]: poisoned }),
        );
        if (schema.safeParse(poisoned).success) {
          expect(response.statusCode, `${name}.${field} with NUL: ${response.body}`).toBeLessThan(500);
        }
        if (response.statusCode === 400) {
          expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(
            `body.${field}`,
          );
        }
      }
    }
    const search = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${values.orgId}/members?q=a%00b`,
      headers: owner.headers,
    });
    expect400(search, "query.q", "member search with NUL");
  });

  it("a malformed path parameter is a 400 naming params.<name>", async () => {
    for (const [name, contract] of allRoutes) {
      for (const param of contract.path.match(/:(\w+)/g) ?? []) {
        const key = param.slice(1);
        for (const bad of ["not-an-id", "x".repeat(250)]) {
          const response = await t.app.inject({
            method: contract.method,
            url: fillPath(contract.path, { ...values, [key]: bad }),
            headers: owner.headers,
            ...(contract.body ? { payload: sampleBody(name as never) as object } : {}),
          });
          expect400(response, `params.${key}`, `${name} with :${key} = ${bad.slice(0, 12)}`);
        }
      }
    }
  });

  it("bad query parameters on the member list are 400s naming query.<name>", async () => {
    const cases: [string, string][] = [
      ["limit=abc", "query.limit"],
      ["limit=0", "query.limit"],
      ["limit=100000", "query.limit"],
      ["offset=-1", "query.offset"],
      ["offset=1.5", "query.offset"],
      ["role=boss", "query.role"],
      ["status=gone", "query.status"],
      [`q=${"x".repeat(201)}`, "query.q"],
      ["q=a&q=b", "query.q"],
      ["bogus=1", "query.bogus"],
    ];
    for (const [query, path] of cases) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/orgs/${values.orgId}/members?${query}`,
        headers: owner.headers,
      });
      expect400(response, path, query);
    }
  });

  it("a URL that does not decode is a 400 with the envelope", async () => {
    for (const url of ["/api/invitations/%E0%A4%A", `/api/invitations/${"t".repeat(5000)}`]) {
      const response = await t.app.inject({ method: "GET", url });
      expect400(response, "params", url.slice(0, 30));
    }
  });

  it("a body that is not JSON is refused with the envelope (400 or 415), and a huge one with 413", async () => {
    const [, signInRoute] = allRoutes.find(([name]) => name === "signIn")!;
    const text = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "text/plain" },
      payload: "email=a&password=b",
    });
    expect400(text, "body", "text/plain body");
    const xml = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "application/xml" },
      payload: "<email>a</email>",
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe("unsupported_media_type");
    const huge = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@b.test", password: "x".repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
  });

  it("random JSON bodies on every write route never cause a 500 (property)", async () => {
    const keysOf = (contract: RouteContract) =>
      contract.body ? bodyFields(contract).map(([key]) => key) : ["x"];
    for (const [name, contract] of writeRoutes) {
      if (name === "setup") continue; // would succeed never (already set up) but costs a hash each time
      const keys = keysOf(contract);
      const bodyArbitrary = fc.oneof(
        fc.jsonValue(),
        fc.dictionary(fc.constantFrom(...keys, "extra"), fc.jsonValue()),
        fc.record(
          Object.fromEntries(
            keys.map((key) => [key, fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer())]),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(bodyArbitrary, async (body) => {
          const response = await send(contract, JSON.stringify(body));
          expect(response.statusCode, `${name} ${JSON.stringify(body)}: ${response.body}`).toBeLessThan(500);
          if (response.statusCode === 400) {
            for (const detail of response.json().error.details ?? [])
              expect(detail.path).toMatch(/^body(\.|$)/);
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});

describe("CSRF", () => {
  let t: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  it("every write made with the session cookie needs the session's X-CSRF-Token (403 csrf_failed)", async () => {
    const values = {
      orgId: owner.me.currentOrgId!,
      userId: owner.me.user.id,
      invitationId: "00000000-0000-4000-8000-000000000000",
      sessionId: "00000000-0000-4000-8000-000000000000",
      token: "t".repeat(43),
    };
    const other = await signIn(t.app, "owner@acme.test", "owner-password-1");
    for (const [name, contract] of writeRoutes) {
      for (const csrf of [undefined, "wrong-token", other.me.csrfToken]) {
        const response = await t.app.inject({
          method: contract.method,
          url: fillPath(contract.path, values),
          headers: { cookie: owner.cookie, ...(csrf ? { "x-csrf-token": csrf } : {}) },
          ...(contract.body ? { payload: sampleBody(name) as object } : {}),
        });
        expect(response.statusCode, `${name} with csrf ${csrf}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe("csrf_failed");
      }
    }
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: owner.headers })).statusCode).toBe(
      200,
    );
  });
});

describe("access", () => {
  let t: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  it("every route that is not public answers 401 not_signed_in without a session", async () => {
    const values = {
      orgId: owner.me.currentOrgId!,
      userId: owner.me.user.id,
      invitationId: "00000000-0000-4000-8000-000000000000",
      sessionId: "00000000-0000-4000-8000-000000000000",
      token: "t".repeat(43),
    };
    const guarded = allRoutes.filter(([, contract]) => contract.access !== "public");
    expect(guarded.length).toBeGreaterThan(10);
    for (const [name, contract] of guarded) {
      for (const cookie of [undefined, "trellis_session=expired-or-forged-token"]) {
        const response = await t.app.inject({
          method: contract.method,
          url: fillPath(contract.path, values),
          headers: cookie ? { cookie } : {},
          ...(contract.body ? { payload: sampleBody(name) as object } : {}),
        });
        expect(response.statusCode, `${name}: ${response.body}`).toBe(401);
        expect(response.json().error.code).toBe("not_signed_in");
      }
    }
  });
});

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
