import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callerFrom,
  createTestApp,
  emailsTo,
  movableClock,
  setUpOwner,
  signIn,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";

const OWNER = { email: "owner@acme.test", password: "owner-password-1" };

describe("password reset", () => {
  const clock = movableClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  const requestReset = (email: string) =>
    t.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email } });
  const confirm = (token: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password } });

  it("emails a link; confirming it signs in, ends old sessions, refuses the old password, and works once", async () => {
    const old = await signIn(t.app, OWNER.email, OWNER.password);
    const requested = await requestReset("Owner@Acme.test");
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ accepted: true });

    const [email] = await emailsTo(t, OWNER.email);
    expect(email.subject).toMatch(/reset/i);
    expect(email.html).toContain("/reset-password?token=");
    const token = await tokenFromLatestEmail(t, OWNER.email, "/reset-password?token=");

    const confirmed = await confirm(token, "brand-new-password-1");
    expect(confirmed.statusCode).toBe(200);
    const fresh = callerFrom(confirmed);
    expect(fresh.me.user.email).toBe(OWNER.email);
    expect(fresh.me.user.emailVerified).toBe(true);

    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: old.headers })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: fresh.headers })).statusCode).toBe(
      200,
    );
    await expect(signIn(t.app, OWNER.email, OWNER.password)).rejects.toThrow(/401/);
    await signIn(t.app, OWNER.email, "brand-new-password-1");

    const reused = await confirm(token, "another-password-1");
    expect(reused.statusCode).toBe(410);
    expect(reused.json().error.code).toBe("token_invalid");
    await signIn(t.app, OWNER.email, "brand-new-password-1");
  });

  it("using one reset link, or changing the password, makes every other reset link stop working", async () => {
    const password = "brand-new-password-1";
    await requestReset(OWNER.email);
    const first = await tokenFromLatestEmail(t, OWNER.email, "/reset-password?token=");
    await requestReset(OWNER.email);
    const second = await tokenFromLatestEmail(t, OWNER.email, "/reset-password?token=");
    expect(second).not.toBe(first);
    const used = await confirm(second, "second-link-password-1");
    expect(used.statusCode).toBe(200);
    expect((await confirm(first, "first-link-password-1")).statusCode).toBe(410);

    await requestReset(OWNER.email);
    const third = await tokenFromLatestEmail(t, OWNER.email, "/reset-password?token=");
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: callerFrom(used).headers,
      payload: { currentPassword: "second-link-password-1", newPassword: password },
    });
    expect(changed.statusCode).toBe(204);
    expect((await confirm(third, "third-link-password-1")).statusCode).toBe(410);
    await signIn(t.app, OWNER.email, password);
  });

  it("a session ends after 30 days", async () => {
    const caller = await signIn(t.app, OWNER.email, "brand-new-password-1");
    clock.advanceDays(29);
    try {
      expect(
        (await t.app.inject({ method: "GET", url: "/api/me", headers: caller.headers })).statusCode,
      ).toBe(200);
      clock.advanceDays(2);
      const expired = await t.app.inject({ method: "GET", url: "/api/me", headers: caller.headers });
      expect(expired.statusCode).toBe(401);
    } finally {
      clock.advanceDays(-31);
    }
  });

  it("accepts a request for an unknown email the same way, and sends nothing", async () => {
    const response = await requestReset("nobody@acme.test");
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: true });
    expect(await emailsTo(t, "nobody@acme.test")).toHaveLength(0);
  });

  it("refuses an unknown token, and a verification token used as a reset token", async () => {
    expect((await confirm("x".repeat(43), "whatever-password-1")).statusCode).toBe(410);
    const verifyToken = await tokenFromLatestEmail(t, OWNER.email, "/verify-email?token=").catch(() => null);
    if (verifyToken) expect((await confirm(verifyToken, "whatever-password-1")).statusCode).toBe(410);
  });

  it("refuses an expired link", async () => {
    await requestReset(OWNER.email);
    const token = await tokenFromLatestEmail(t, OWNER.email, "/reset-password?token=");
    clock.advanceMinutes(61);
    try {
      const response = await confirm(token, "too-late-password-1");
      expect(response.statusCode).toBe(410);
      expect(response.json().error.code).toBe("token_invalid");
    } finally {
      clock.advanceMinutes(-61);
    }
  });
});
