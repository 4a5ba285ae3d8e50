import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
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

/** Without SMTP (the outbox): where an owner could read a member's reset link before. */
describe("resets without SMTP", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let admin: Caller & { userId: string };
  let member: Caller & { userId: string };
  let member2: Caller & { userId: string };
  beforeAll(async () => {
    t = await createTestApp();
    expect(t.deps.mailer.delivery).toBe("outbox");
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    admin = await inviteAndAccept(t, owner, orgId, {
      email: "ada@acme.test",
      role: "admin",
      name: "Ada Admin",
    });
    member = await inviteAndAccept(t, owner, orgId, { email: "mia@acme.test", role: "member", name: "Mia" });
    member2 = await inviteAndAccept(t, owner, orgId, { email: "max@acme.test", role: "member", name: "Max" });
  });
  afterAll(() => t.close());

  const sentEmails = async (caller: Caller) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/emails`,
      headers: caller.headers,
    });
    expect(response.statusCode).toBe(200);
    return response;
  };
  const issue = (caller: Caller, userId: string, org: string = orgId) =>
    t.app.inject({
      method: "POST",
      url: `/api/orgs/${org}/members/${userId}/reset-link`,
      headers: caller.headers,
    });
  const confirm = (token: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password } });

  it("anyone may request a member's reset, but the owner sees the email with its link hidden", async () => {
    const requested = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "mia@acme.test" },
    });
    expect(requested.statusCode).toBe(202);
    const token = await tokenFromLatestEmail(t, "mia@acme.test", "/reset-password?token=");
    const response = await sentEmails(owner);
    expect(response.body).not.toContain(token);
    const reset = response
      .json()
      .emails.find(
        (email: { to: string; subject: string }) =>
          email.to === "mia@acme.test" && /reset/i.test(email.subject),
      );
    expect(reset.text).toContain("/reset-password?token=[hidden]");
    expect(reset.html).toContain("token=[hidden]");
    // The real link still works for its recipient (with SMTP it reaches their inbox).
    expect((await confirm(token, "mia-new-password-1")).statusCode).toBe(200);
  });

  it("the recipient themself still reads their own link (an owner reading their own reset)", async () => {
    await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "owner@acme.test" },
    });
    const token = await tokenFromLatestEmail(t, "owner@acme.test", "/reset-password?token=");
    expect((await sentEmails(owner)).body).toContain(token);
  });

  it("a set-password link of an account nobody has claimed yet (made by an import) stays readable", async () => {
    const made = await t.deps.repos.users.create({
      email: "imp@acme.test",
      name: "Imp",
      passwordHash: "!unset",
    });
    if (!made) throw new Error("no user");
    await t.deps.repos.organisations.addMember(orgId, made.id, "member");
    const link = "http://trellis.test/reset-password?token=unclaimed-token-123";
    await t.deps.mailer.send({
      to: "imp@acme.test",
      orgId: null,
      email: { subject: "Set your password", text: `Open ${link}`, html: `<a href="${link}">x</a>` },
    });
    expect((await sentEmails(owner)).body).toContain("unclaimed-token-123");
  });

  it("an admin issues a one-time link for a member: shown once, the member told in the app and by email", async () => {
    const response = await issue(admin, member2.userId);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers["cache-control"]).toBe("no-store");
    const { url, expiresAt } = response.json() as { url: string; expiresAt: string };
    expect(url).toMatch(/^http:\/\/trellis\.test\/reset-password\?token=[\w-]{43}$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const token = new URL(url).searchParams.get("token") as string;

    // Told in the app, naming the admin.
    const notices = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/notifications`,
      headers: member2.headers,
    });
    expect(notices.body).toContain("Ada Admin issued a password reset link for your account");
    // Told by email; that email is the organisation's record in Sent email, without the link.
    const [told] = await emailsTo(t, "max@acme.test");
    expect(told.orgId).toBe(orgId);
    expect(told.text).toContain("Ada Admin");
    expect(told.text).not.toContain(token);
    const listed = await sentEmails(owner);
    expect(listed.body).toContain("Ada Admin issued a password reset link");
    expect(listed.body).not.toContain(token);
    expect((await sentEmails(admin)).body).not.toContain(token);

    // The member (or whoever holds the link) can use it once.
    expect((await confirm(token, "max-new-password-1")).statusCode).toBe(200);
    expect((await confirm(token, "max-other-password-2")).statusCode).toBe(410);
    await signIn(t.app, "max@acme.test", "max-new-password-1");
  });

  it("refuses a non-admin (403), an admin for an owner or another admin (403), and yourself (403)", async () => {
    member = { ...(await signIn(t.app, "mia@acme.test", "mia-new-password-1")), userId: member.userId };
    expect((await issue(member, member2.userId)).statusCode).toBe(403);
    expect((await issue(admin, owner.me.user.id)).statusCode).toBe(403);
    expect((await issue(owner, owner.me.user.id)).statusCode).toBe(403);
    expect((await issue(owner, admin.userId)).statusCode).toBe(201);
  });

  it("someone only in another organisation is 404; someone in both is refused (409)", async () => {
    const beta = await createSecondOrganisation(t);
    expect((await issue(owner, beta.owner.me.user.id)).statusCode).toBe(404);
    expect((await issue(owner, member.userId, beta.orgId)).statusCode).toBe(404);
    const both = await inviteAndAccept(t, beta.owner, beta.orgId, {
      email: "bo@beta.test",
      role: "member",
      name: "Bo",
    });
    await t.deps.repos.organisations.addMember(orgId, both.userId, "member");
    const refused = await issue(owner, both.userId);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe("conflict");
  });
});

describe("the record of an admin-issued reset", () => {
  it("is a log line naming the organisation, the issuer and the member, never the token", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await createTestApp({ logLevel: "info" }, { logStream: stream });
    try {
      const owner = await setUpOwner(t.app);
      const orgId = owner.me.currentOrgId as string;
      const member = await inviteAndAccept(t, owner, orgId, {
        email: "mo@acme.test",
        role: "member",
        name: "Mo",
      });
      const response = await t.app.inject({
        method: "POST",
        url: `/api/orgs/${orgId}/members/${member.userId}/reset-link`,
        headers: owner.headers,
      });
      const token = new URL(response.json().url).searchParams.get("token") as string;
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries).toContainEqual(
        expect.objectContaining({
          event: "admin_reset_issued",
          orgId,
          byUserId: owner.me.user.id,
          forUserId: member.userId,
        }),
      );
      expect(lines.join("")).not.toContain(token);
    } finally {
      await t.close();
    }
  });
});
