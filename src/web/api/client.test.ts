import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { buildPath, createApiClient } from "./client.ts";

const me = {
  user: {
    id: "5b0c9f4e-2a39-4bde-9f3e-111111111111",
    email: "ada@example.org",
    name: "Ada",
    emailVerified: true,
  },
  memberships: [],
  currentOrgId: null,
  csrfToken: "token-1",
};

interface Recorded {
  url: string;
  init: RequestInit;
}

function fakeFetch(responses: Response[]) {
  const calls: Recorded[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error("no more responses");
    return next;
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("buildPath", () => {
  it("fills and encodes path parameters", () => {
    expect(buildPath("/api/orgs/:orgId/members/:userId", { orgId: "a b", userId: "c/d" })).toBe(
      "/api/orgs/a%20b/members/c%2Fd",
    );
  });

  it("refuses a missing parameter", () => {
    expect(() => buildPath("/api/invitations/:token", {})).toThrow(/token/);
  });
});

describe("the typed API client", () => {
  it("sends the CSRF token on writes only, with the body as JSON and same-origin cookies", async () => {
    const { calls, fetch } = fakeFetch([json(200, me), json(200, me)]);
    const api = createApiClient({ getCsrfToken: () => "token-1", validateResponses: true, fetch });
    await api.call("me");
    await api.call("signIn", { body: { email: "ada@example.org", password: "x" } });
    expect(calls[0].url).toBe("/api/me");
    expect(calls[0].init.method).toBe("GET");
    expect((calls[0].init.headers as Record<string, string>)["X-CSRF-Token"]).toBeUndefined();
    expect(calls[1].url).toBe("/api/auth/sign-in");
    expect(calls[1].init.method).toBe("POST");
    expect(calls[1].init.credentials).toBe("same-origin");
    expect((calls[1].init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("token-1");
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ email: "ada@example.org", password: "x" });
  });

  it("puts the query in the URL, leaving out empty values", async () => {
    const { calls, fetch } = fakeFetch([json(200, { members: [], total: 0 })]);
    const api = createApiClient({ getCsrfToken: () => undefined, validateResponses: true, fetch });
    await api.call("listMembers", {
      params: { orgId: "org-1" },
      query: { q: "ada", role: undefined, offset: 0 },
    });
    expect(calls[0].url).toBe("/api/orgs/org-1/members?q=ada&offset=0");
  });

  it("sends a list in the query as the key repeated, each value whole", async () => {
    const { calls, fetch } = fakeFetch([json(200, { members: [], total: 0 })]);
    const api = createApiClient({ getCsrfToken: () => undefined, validateResponses: false, fetch });
    await api.call("searchMentors", {
      params: { orgId: "org-1", programmeId: "p-1" },
      query: { location: ["London, UK", "Paris"], skill: [] },
    });
    expect(calls[0].url).toBe("/api/orgs/org-1/programmes/p-1/mentors?location=London%2C+UK&location=Paris");
  });

  it("turns the error envelope into an ApiError with field errors by body path", async () => {
    const envelope = {
      error: {
        code: "validation_failed",
        message: "The request is not valid",
        details: [
          { path: "body.email", message: "must be a valid email address" },
          { path: "params.orgId", message: "must be a UUID" },
        ],
      },
    };
    const { fetch } = fakeFetch([json(400, envelope)]);
    const api = createApiClient({ getCsrfToken: () => "t", validateResponses: true, fetch });
    const error = await api
      .call("requestPasswordReset", { body: { email: "nope" } })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation_failed");
    expect(error.fieldErrors()).toEqual({ email: "must be a valid email address" });
    expect(error.otherDetails()).toEqual([{ path: "params.orgId", message: "must be a UUID" }]);
  });

  it("reads Retry-After on a rate limit", async () => {
    const { fetch } = fakeFetch([
      json(429, { error: { code: "rate_limited", message: "Too many requests" } }, { "Retry-After": "30" }),
    ]);
    const api = createApiClient({ getCsrfToken: () => "t", validateResponses: true, fetch });
    const error = await api
      .call("signIn", { body: { email: "a@b.co", password: "x" } })
      .catch((caught) => caught);
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(30);
  });

  it("after csrf_failed, fetches a fresh token and retries once", async () => {
    let token = "stale";
    const { calls, fetch } = fakeFetch([
      json(403, { error: { code: "csrf_failed", message: "CSRF token missing or wrong" } }),
      new Response(null, { status: 204 }),
    ]);
    const api = createApiClient({
      getCsrfToken: () => token,
      refreshCsrfToken: async () => {
        token = "fresh";
        return token;
      },
      validateResponses: true,
      fetch,
    });
    await expect(api.call("signOut")).resolves.toBeNull();
    expect(calls.map((call) => (call.init.headers as Record<string, string>)["X-CSRF-Token"])).toEqual([
      "stale",
      "fresh",
    ]);
  });

  it("reports a response that breaks its contract when validating", async () => {
    const { fetch } = fakeFetch([json(200, { needsSetup: "yes" })]);
    const api = createApiClient({ getCsrfToken: () => undefined, validateResponses: true, fetch });
    const original = console.error;
    console.error = () => undefined;
    try {
      await expect(api.call("setupStatus")).rejects.toMatchObject({ code: "contract_mismatch" });
    } finally {
      console.error = original;
    }
  });

  it("says so when the server cannot be reached, or answers without an envelope", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    const offline = createApiClient({
      getCsrfToken: () => undefined,
      validateResponses: true,
      fetch: failing,
    });
    await expect(offline.call("health")).rejects.toMatchObject({ code: "network_error", status: 0 });

    const { fetch } = fakeFetch([new Response("Bad gateway", { status: 502 })]);
    const proxied = createApiClient({ getCsrfToken: () => undefined, validateResponses: true, fetch });
    await expect(proxied.call("health")).rejects.toMatchObject({ code: "internal_error", status: 502 });
  });
});
