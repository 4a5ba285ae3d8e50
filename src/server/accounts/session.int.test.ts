import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

describe("GET /api/session: am I signed in?", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("signed out is a 200 saying so (no 401 for the browser to log), never cached", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/session" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ signedIn: false, me: null });
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("signed in it carries the same person as /api/me, with the CSRF token", async () => {
    const owner = await setUpOwner(t.app);
    const session = await t.app.inject({ method: "GET", url: "/api/session", headers: owner.headers });
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: owner.headers });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual({ signedIn: true, me: me.json() });
  });

  it("a cookie of a session that ended reads as signed out", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/session",
      headers: { cookie: "trellis_session=not-a-real-session" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ signedIn: false, me: null });
  });
});
