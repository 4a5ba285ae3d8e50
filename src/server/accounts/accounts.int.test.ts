import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  inviteAndAccept,
  setUpOwner,
  signIn,
  type TestApp,
  tokenFromLatestEmail,
} from "../testing/test-app.ts";

const OWNER = { email: "owner@acme.test", password: "owner-password-1" };

describe("first-run set-up", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("reports that set-up is needed, creates the organisation and owner, then refuses a second set-up", async () => {
    const before = await t.app.inject({ method: "GET", url: "/api/setup" });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ needsSetup: true });

    const owner = await setUpOwner(t.app);
    expect(owner.me.user).toMatchObject({ email: OWNER.email, name: "Olivia Owner", emailVerified: false });
    expect(owner.me.memberships).toEqual([
      { orgId: owner.me.currentOrgId, orgName: "Acme Mentoring", role: "owner" },
    ]);

    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: owner.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(OWNER.email);

    const after = await t.app.inject({ method: "GET", url: "/api/setup" });
    expect(after.json()).toEqual({ needsSetup: false });

    const again = await t.app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        organisationName: "Second",
        name: "Someone Else",
        email: "else@acme.test",
        password: "else-password-1",
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_set_up");
  });

  it("sets a session cookie that is httpOnly and SameSite=Lax", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: OWNER });
    const cookie = response.cookies.find((item) => item.name === "trellis_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
  });

  it("resends the verification link while the address is unverified", async () => {
    const owner = await signIn(t.app, OWNER.email, OWNER.password);
    const before = await emailsTo(t, OWNER.email);
    expect(before.map((email) => email.subject)).toEqual(["Confirm your email address for Trellis"]);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/me/verify-email",
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(202);
    expect(await emailsTo(t, OWNER.email)).toHaveLength(2);
  });

  it("sends the owner a verification email whose link verifies the address once", async () => {
    const token = await tokenFromLatestEmail(t, OWNER.email, "/verify-email?token=");
    const verify = () => t.app.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token } });
    expect((await verify()).statusCode).toBe(204);
    const owner = await signIn(t.app, OWNER.email, OWNER.password);
    expect(owner.me.user.emailVerified).toBe(true);
    const second = await verify();
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe("token_invalid");
  });

  it("sends no verification link once the address is verified", async () => {
    const owner = await signIn(t.app, OWNER.email, OWNER.password);
    const count = (await emailsTo(t, OWNER.email)).length;
    const response = await t.app.inject({
      method: "POST",
      url: "/api/me/verify-email",
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: true });
    expect((await emailsTo(t, OWNER.email)).length).toBe(count);
  });
});

describe("two set-ups at once", () => {
  it("creates exactly one organisation", async () => {
    const t = await createTestApp();
    try {
      const attempt = (n: number) =>
        t.app.inject({
          method: "POST",
          url: "/api/setup",
          payload: {
            organisationName: `Org ${n}`,
            name: `Owner ${n}`,
            email: `owner${n}@race.test`,
            password: "race-password-1",
          },
        });
      const responses = await Promise.all([attempt(1), attempt(2), attempt(3)]);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409]);
      expect(await t.deps.repos.organisations.countOrganisations()).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe("sign-in, sessions and passwords", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId!;
  });
  afterAll(() => t.close());

  it("signs in case-insensitively by email, and refuses a wrong password or unknown email alike", async () => {
    const caller = await signIn(t.app, "OWNER@Acme.test", OWNER.password);
    expect(caller.me.user.email).toBe(OWNER.email);
    for (const payload of [
      { email: OWNER.email, password: "wrong-password-1" },
      { email: "nobody@acme.test", password: OWNER.password },
    ]) {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/sign-in", payload });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("invalid_credentials");
      expect(response.cookies).toHaveLength(0);
    }
  });

  it("answers 401 not_signed_in on signed-in routes without a valid cookie", async () => {
    for (const cookie of [
      undefined,
      "trellis_session=not-a-real-token",
      `trellis_session=${"x".repeat(500)}`,
    ]) {
      const response = await t.app.inject({
        method: "GET",
        url: "/api/me",
        headers: cookie ? { cookie } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("not_signed_in");
    }
  });

  it("signs out: the cookie is cleared and the session stops working", async () => {
    const caller = await signIn(t.app, OWNER.email, OWNER.password);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: caller.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((item) => item.name === "trellis_session");
    expect(cleared?.value).toBe("");
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: caller.headers });
    expect(me.statusCode).toBe(401);
    const again = await t.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: caller.headers });
    expect(again.statusCode).toBe(401);
  });

  it("changes my name", async () => {
    const response = await t.app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: owner.headers,
      payload: { name: "  Olivia O. Owner  " },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.name).toBe("Olivia O. Owner");
  });

  it("lists my sessions, marks the current one, and revokes another", async () => {
    const other = await signIn(t.app, OWNER.email, OWNER.password);
    const list = await t.app.inject({ method: "GET", url: "/api/me/sessions", headers: owner.headers });
    expect(list.statusCode).toBe(200);
    const sessions = list.json().sessions as { id: string; current: boolean }[];
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const otherSession = (
      await t.app.inject({ method: "GET", url: "/api/me/sessions", headers: other.headers })
    )
      .json()
      .sessions.find((session: { current: boolean }) => session.current);

    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/me/sessions/${otherSession.id}`,
      headers: owner.headers,
    });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: other.headers })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: owner.headers })).statusCode).toBe(
      200,
    );

    const gone = await t.app.inject({
      method: "DELETE",
      url: `/api/me/sessions/${otherSession.id}`,
      headers: owner.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it("cannot revoke someone else's session (404)", async () => {
    const member = await inviteAndAccept(t, owner, orgId, { email: "sam@acme.test", role: "member" });
    const memberSessions = (
      await t.app.inject({ method: "GET", url: "/api/me/sessions", headers: member.headers })
    ).json().sessions;
    const response = await t.app.inject({
      method: "DELETE",
      url: `/api/me/sessions/${memberSessions[0].id}`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: member.headers })).statusCode).toBe(
      200,
    );
  });

  it("revoking my own current session signs me out", async () => {
    const caller = await signIn(t.app, OWNER.email, OWNER.password);
    const mine = (await t.app.inject({ method: "GET", url: "/api/me/sessions", headers: caller.headers }))
      .json()
      .sessions.find((session: { current: boolean }) => session.current);
    const response = await t.app.inject({
      method: "DELETE",
      url: `/api/me/sessions/${mine.id}`,
      headers: caller.headers,
    });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((item) => item.name === "trellis_session")?.value).toBe("");
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: caller.headers })).statusCode).toBe(
      401,
    );
  });

  it("changes my password: a wrong current one is a 400 on body.currentPassword; others are signed out", async () => {
    const person = await inviteAndAccept(t, owner, orgId, {
      email: "pat@acme.test",
      role: "member",
      password: "pat-password-1",
    });
    const elsewhere = await signIn(t.app, "pat@acme.test", "pat-password-1");

    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: person.headers,
      payload: { currentPassword: "not-my-password", newPassword: "pat-password-2" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: "validation_failed",
      details: [{ path: "body.currentPassword" }],
    });

    const tooShort = await t.app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: person.headers,
      payload: { currentPassword: "pat-password-1", newPassword: "short" },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details[0].path).toBe("body.newPassword");

    const changed = await t.app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: person.headers,
      payload: { currentPassword: "pat-password-1", newPassword: "pat-password-2" },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: person.headers })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ method: "GET", url: "/api/me", headers: elsewhere.headers })).statusCode,
    ).toBe(401);
    await expect(signIn(t.app, "pat@acme.test", "pat-password-1")).rejects.toThrow(/401/);
    await signIn(t.app, "pat@acme.test", "pat-password-2");
  });
});

describe("switching organisation", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("a person in two organisations switches between them; not into one they are not in", async () => {
    const owner = await setUpOwner(t.app);
    const acme = owner.me.currentOrgId!;
    const beta = await createSecondOrganisation(t);
    const both = await inviteAndAccept(t, owner, acme, {
      email: "dual@acme.test",
      role: "admin",
      name: "Dana Dual",
      password: "dual-password-1",
    });
    expect(both.me.currentOrgId).toBe(acme);
    await inviteAndAccept(t, beta.owner, beta.orgId, {
      email: "dual@acme.test",
      role: "member",
      name: "",
      password: "dual-password-1",
    });
    const dual = await signIn(t.app, "dual@acme.test", "dual-password-1");
    expect(dual.me.memberships.map((membership) => membership.role).sort()).toEqual(["admin", "member"]);
    expect(dual.me.currentOrgId).toBe(beta.orgId);

    const switched = await t.app.inject({
      method: "POST",
      url: "/api/me/current-org",
      headers: dual.headers,
      payload: { orgId: acme },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().currentOrgId).toBe(acme);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: dual.headers });
    expect(me.json().currentOrgId).toBe(acme);

    const refused = await t.app.inject({
      method: "POST",
      url: "/api/me/current-org",
      headers: owner.headers,
      payload: { orgId: beta.orgId },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe("not_found");
  });
});
