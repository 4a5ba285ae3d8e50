import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes, fillPath, sampleBody, samplePathIds } from "../testing/route-samples.ts";
import { type Caller, createTestApp, setUpOwner, signIn, type TestApp } from "../testing/test-app.ts";

const writeRoutes = allRoutes.filter(([, contract]) => contract.method !== "GET");

/** Values for every path parameter of the route table, scoped to the owner's organisation. */
function pathValues(owner: Caller) {
  return {
    ...samplePathIds,
    orgId: owner.me.currentOrgId!,
    userId: owner.me.user.id,
    invitationId: "00000000-0000-4000-8000-000000000000",
    sessionId: "00000000-0000-4000-8000-000000000000",
    token: "t".repeat(43),
  };
}

describe("access to every route", () => {
  let t: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  it("every write made with the session cookie needs the session's X-CSRF-Token (403 csrf_failed)", async () => {
    const values = pathValues(owner);
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

  it("every route that is not public answers 401 not_signed_in without a session", async () => {
    const values = pathValues(owner);
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
