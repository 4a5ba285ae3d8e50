import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { MAX_NESTING_DEPTH } from "./text-guard.ts";

/** The finding's payload: about 15 KB of 7,700 arrays inside one another. */
const deepArrays = `${"[".repeat(7_700)}${"]".repeat(7_700)}`;

describe("deeply nested JSON through the real app", () => {
  let t: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  const expectDepth400 = (response: { statusCode: number; body: string; json(): unknown }, path: string) => {
    expect(response.statusCode, response.body).toBe(400);
    const envelope = response.json() as {
      error: { code: string; details: { path: string; message: string }[] };
    };
    expect(envelope.error.code).toBe("validation_failed");
    expect(envelope.error.details[0]).toEqual({
      path,
      message: `nests deeper than ${MAX_NESTING_DEPTH} levels`,
    });
  };

  it("7,700 nested arrays to sign-in (no session) is a 400 naming the body", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: deepArrays,
    });
    expectDepth400(response, "body");
  });

  it("7,700 nested arrays inside a field on an authenticated route is a 400 too", async () => {
    const response = await t.app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: { ...owner.headers, "content-type": "application/json" },
      payload: `{"name":${deepArrays}}`,
    });
    expectDepth400(response, "body");
    // The app still answers normally afterwards.
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: owner.headers });
    expect(me.statusCode).toBe(200);
  });
});
