import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { SESSION_COOKIE } from "../http/session-cookie.ts";
import { hotp, totpStep } from "../security/totp.ts";
import {
  type Caller,
  callerFrom,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";

/** A clock that moves only when told, so a test never straddles a 30-second step by accident. */
function steppedClock(start: string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advanceSeconds(seconds: number) {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
}

describe("two-factor sign-in (TOTP)", () => {
  const clock = steppedClock("2026-12-08T10:00:05Z");
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let secret: string;
  let recoveryCodes: string[];

  const post = (url: string, payload: object, caller?: Caller) =>
    t.app.inject({ method: "POST", url, payload, headers: caller?.headers });
  const codeAt = (offsetSteps: number) => hotp(secret, totpStep(clock.now()) + offsetSteps);
  const passwordStep = (email = "owner@acme.test", password = "owner-password-1") =>
    post("/api/auth/sign-in", { email, password });
  const challenge = async (email?: string, password?: string) => {
    const response = await passwordStep(email, password);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.twoFactorRequired).toBe(true);
    return body.pendingToken as string;
  };
  const sendCode = (pendingToken: string, code: string) =>
    post("/api/auth/sign-in/two-factor", { pendingToken, code });

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
  });
  afterAll(() => t.close());

  it("turns on with a QR code and a first code; the seed is sealed at rest", async () => {
    const before = await t.app.inject({ method: "GET", url: "/api/me/two-factor", headers: owner.headers });
    expect(before.json()).toMatchObject({ enabled: false, recoveryCodesLeft: 0, requiredBy: [] });

    const setUp = await post("/api/me/two-factor/set-up", {}, owner);
    expect(setUp.statusCode).toBe(201);
    expect(setUp.headers["cache-control"]).toBe("no-store");
    const body = setUp.json();
    secret = body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toBe(
      `otpauth://totp/Trellis:owner%40acme.test?secret=${secret}&issuer=Trellis&algorithm=SHA1&digits=6&period=30`,
    );
    expect(body.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);

    const stored = await t.database.db.execute(sql`select secret_sealed from two_factor_credentials`);
    const sealed = (stored as unknown as { rows: { secret_sealed: string }[] }).rows[0].secret_sealed;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret);

    const wrong = await post("/api/me/two-factor/confirm", { code: codeAt(3) }, owner);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe("body.code");

    const confirmed = await post("/api/me/two-factor/confirm", { code: codeAt(0) }, owner);
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored2 = await t.database.db.execute(sql`select code_hash from two_factor_recovery_codes`);
    const hashes = (stored2 as unknown as { rows: { code_hash: string }[] }).rows.map((row) => row.code_hash);
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(hashes.join(" ")).not.toContain(code.replace("-", ""));

    const after = await t.app.inject({ method: "GET", url: "/api/me/two-factor", headers: owner.headers });
    expect(after.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // A second set-up while on is refused (it would replace the working seed).
    expect((await post("/api/me/two-factor/set-up", {}, owner)).statusCode).toBe(409);
  });

  it("asks for the code after the password, with a pending sign-in that is not a session", async () => {
    clock.advanceSeconds(60);
    const response = await passwordStep();
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toBeUndefined();
    const body = response.json();
    expect(body).toEqual({
      twoFactorRequired: true,
      pendingToken: expect.any(String),
      expiresAt: new Date(clock.now().getTime() + 5 * 60_000).toISOString(),
    });
    // The pending token does nothing as a session cookie.
    const me = await t.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `${SESSION_COOKIE}=${body.pendingToken}` },
    });
    expect(me.statusCode).toBe(401);

    const signedIn = await sendCode(body.pendingToken, codeAt(0));
    expect(signedIn.statusCode).toBe(200);
    expect(callerFrom(signedIn).me.user.email).toBe("owner@acme.test");
    // The pending sign-in is used up.
    expect((await sendCode(body.pendingToken, codeAt(1))).statusCode).toBe(410);
  });

  it("accepts a code one step either side, never two, and never a code already used (or older)", async () => {
    clock.advanceSeconds(300);
    const pending = await challenge();
    expect((await sendCode(pending, codeAt(-2))).statusCode).toBe(401);
    expect((await sendCode(pending, codeAt(2))).statusCode).toBe(401);
    expect((await sendCode(pending, codeAt(-1))).statusCode).toBe(200);

    const again = await challenge();
    // The same code again: refused (the step is recorded), and so is the one before it.
    const reused = await sendCode(again, codeAt(-1));
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.details).toEqual([
      { path: "body.code", message: "is not right, or was already used" },
    ]);
    expect((await sendCode(again, codeAt(-2))).statusCode).toBe(401);
    expect((await sendCode(again, codeAt(0))).statusCode).toBe(200);

    const third = await challenge();
    expect((await sendCode(third, codeAt(0))).statusCode).toBe(401);
    expect((await sendCode(third, codeAt(1))).statusCode).toBe(200);
  });

  it("takes a recovery code once, and shows how many are left", async () => {
    clock.advanceSeconds(300);
    const pending = await challenge();
    const used = await sendCode(pending, recoveryCodes[0].toUpperCase());
    expect(used.statusCode).toBe(200);
    const me = callerFrom(used);
    const status = await t.app.inject({ method: "GET", url: "/api/me/two-factor", headers: me.headers });
    expect(status.json().recoveryCodesLeft).toBe(9);
    const again = await challenge();
    expect((await sendCode(again, recoveryCodes[0])).statusCode).toBe(401);
    expect((await sendCode(again, recoveryCodes[1].replace("-", ""))).statusCode).toBe(200);
  });

  it("ends a pending sign-in after 5 minutes, and after 5 wrong codes", async () => {
    clock.advanceSeconds(300);
    const pending = await challenge();
    clock.advanceSeconds(5 * 60 + 1);
    const late = await sendCode(pending, codeAt(0));
    expect(late.statusCode).toBe(410);

    const guessed = await challenge();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await sendCode(guessed, "000000")).statusCode).toBe(401);
    }
    expect((await sendCode(guessed, "000000")).statusCode).toBe(410);
    expect((await sendCode(guessed, codeAt(0))).statusCode).toBe(410);
  });

  it("a password reset link does not skip the code", async () => {
    clock.advanceSeconds(300);
    await post("/api/auth/password-reset", { email: "owner@acme.test" });
    const token = await tokenFromLatestEmail(t, "owner@acme.test", "/reset-password?token=");
    const reset = await post("/api/auth/password-reset/confirm", { token, password: "owner-password-2" });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().twoFactorRequired).toBe(true);
    expect(reset.cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toBeUndefined();
    const signedIn = await sendCode(reset.json().pendingToken, codeAt(0));
    expect(signedIn.statusCode).toBe(200);
    owner = callerFrom(signedIn);
  });

  it("an organisation requires two-factor of admins: admins without it are refused admin routes", async () => {
    clock.advanceSeconds(300);
    const admin = await inviteAndAccept(t, owner, orgId, {
      email: "ada@acme.test",
      role: "admin",
      name: "Ada",
    });
    const member = await inviteAndAccept(t, owner, orgId, {
      email: "mia@acme.test",
      role: "member",
      name: "Mia",
    });
    const put = (caller: Caller, value: boolean) =>
      t.app.inject({
        method: "PUT",
        url: `/api/orgs/${orgId}/security`,
        headers: caller.headers,
        payload: { requireTwoFactorForAdmins: value },
      });
    expect((await put(admin, true)).statusCode).toBe(403);
    expect((await put(member, true)).statusCode).toBe(403);
    const on = await put(owner, true);
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ requireTwoFactorForAdmins: true });

    const members = () =>
      t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/members`, headers: admin.headers });
    const refused = await members();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("two_factor_required");
    // Member routes still work (the web app sends the admin to set it up).
    const home = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/home`,
      headers: admin.headers,
    });
    expect(home.statusCode).toBe(200);
    const status = await t.app.inject({ method: "GET", url: "/api/me/two-factor", headers: admin.headers });
    expect(status.json().requiredBy).toEqual([{ orgId, orgName: "Acme Mentoring" }]);
    // The owner has it on, so is not refused.
    const ownerMembers = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/members`,
      headers: owner.headers,
    });
    expect(ownerMembers.statusCode).toBe(200);

    const setUp = (await post("/api/me/two-factor/set-up", {}, admin)).json();
    const adminCode = hotp(setUp.secret, totpStep(clock.now()));
    expect((await post("/api/me/two-factor/confirm", { code: adminCode }, admin)).statusCode).toBe(200);
    expect((await members()).statusCode).toBe(200);

    const audit = await t.database.db.execute(
      sql`select action, actor_id, details from audit_log where org_id = ${orgId}`,
    );
    expect((audit as unknown as { rows: unknown[] }).rows).toEqual([
      {
        action: "security.two_factor_requirement_changed",
        actor_id: owner.me.user.id,
        details: { requireTwoFactorForAdmins: true },
      },
    ]);
    // Setting it to what it is records nothing more; turning it off does.
    expect((await put(owner, true)).statusCode).toBe(200);
    expect((await put(owner, false)).statusCode).toBe(200);
    const count = await t.database.db.execute(sql`select count(*)::int as n from audit_log`);
    expect((count as unknown as { rows: { n: number }[] }).rows[0].n).toBe(2);
  });

  it("turning off needs the password; then the password alone signs in", async () => {
    clock.advanceSeconds(300);
    const wrong = await post("/api/me/two-factor/disable", { password: "not-my-password" }, owner);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details[0].path).toBe("body.password");
    expect(
      (await post("/api/me/two-factor/disable", { password: "owner-password-2" }, owner)).statusCode,
    ).toBe(204);
    const response = await passwordStep("owner@acme.test", "owner-password-2");
    expect(response.statusCode).toBe(200);
    expect(callerFrom(response).me.user.email).toBe("owner@acme.test");
    const left = await t.database.db.execute(sql`select count(*)::int as n from two_factor_recovery_codes
      where user_id = ${owner.me.user.id}`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
  });

  it("an owner without two-factor cannot require it of admins", async () => {
    const refused = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/security`,
      headers: owner.headers,
      payload: { requireTwoFactorForAdmins: true },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].path).toBe("body.requireTwoFactorForAdmins");
  });
});

describe("two-factor codes are rate limited with the account's shared sign-in budget", () => {
  it("answers 429 once the account's budget at this address is spent", async () => {
    const clock = steppedClock("2026-12-08T11:00:05Z");
    const t = await createTestApp(
      { rateLimits: { signInPerMinute: 3, emailPerHour: 100 } },
      { now: clock.now },
    );
    try {
      const owner = await setUpOwner(t.app);
      const { secret } = (
        await t.app.inject({ method: "POST", url: "/api/me/two-factor/set-up", headers: owner.headers })
      ).json();
      await t.app.inject({
        method: "POST",
        url: "/api/me/two-factor/confirm",
        headers: owner.headers,
        payload: { code: hotp(secret, totpStep(clock.now())) },
      });
      clock.advanceSeconds(60);
      const pending = (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { email: "owner@acme.test", password: "owner-password-1" },
        })
      ).json().pendingToken;
      const code = (value: string) =>
        t.app.inject({
          method: "POST",
          url: "/api/auth/sign-in/two-factor",
          payload: { pendingToken: pending, code: value },
        });
      expect((await code("000000")).statusCode).toBe(401);
      expect((await code("000001")).statusCode).toBe(401);
      const limited = await code(hotp(secret, totpStep(clock.now())));
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["retry-after"]).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
