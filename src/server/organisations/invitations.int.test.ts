import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  callerFrom,
  createTestApp,
  emailsTo,
  invite,
  inviteAndAccept,
  latestEmailTo,
  linkFromEmail,
  movableClock,
  setUpOwner,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";

describe("invitations", () => {
  const clock = movableClock();
  let t: TestApp;
  let owner: Caller;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId!;
  });
  afterAll(() => t.close());

  const preview = (token: string) => t.app.inject({ method: "GET", url: `/api/invitations/${token}` });
  const accept = (token: string, payload: object) =>
    t.app.inject({ method: "POST", url: `/api/invitations/${token}/accept`, payload });
  const list = async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/invitations`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json().invitations as { id: string; email: string; status: string; role: string }[];
  };

  it("creates an invitation, emails a working link, and lists it as pending", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations`,
      headers: owner.headers,
      payload: { email: "Newcomer@Acme.test", role: "admin" },
    });
    expect(response.statusCode).toBe(201);
    const invitation = response.json();
    expect(invitation).toMatchObject({
      email: "newcomer@acme.test",
      role: "admin",
      status: "pending",
      invitedByName: "Olivia Owner",
    });

    const email = await latestEmailTo(t, "newcomer@acme.test");
    expect(email.orgId).toBe(orgId);
    expect(email.subject).toContain("Acme Mentoring");
    const link = linkFromEmail(email.text, "/invitations/");
    expect(link.startsWith("http://trellis.test/invitations/")).toBe(true);
    expect(email.html).toContain(link);

    const token = link.split("/").pop()!;
    const shown = await preview(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      orgName: "Acme Mentoring",
      email: "newcomer@acme.test",
      role: "admin",
      hasAccount: false,
    });

    expect(await list()).toContainEqual(expect.objectContaining({ id: invitation.id, status: "pending" }));
  });

  it("admins see the invitation email in the org's sent email", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/emails`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().delivery).toBe("outbox");
    expect(response.json().emails).toContainEqual(expect.objectContaining({ to: "newcomer@acme.test" }));
  });

  it("a new person accepts with a name and password: signed in, a member with the role, email verified", async () => {
    const { token } = await invite(t, owner, orgId, { email: "nina@acme.test", role: "admin" });
    const missingName = await accept(token, { password: "nina-password-1" });
    expect(missingName.statusCode).toBe(400);
    expect(missingName.json().error.details).toEqual([{ path: "body.name", message: "is required" }]);

    const accepted = await accept(token, { name: "Nina New", password: "nina-password-1" });
    expect(accepted.statusCode).toBe(200);
    const nina = callerFrom(accepted);
    expect(nina.me.user).toMatchObject({ email: "nina@acme.test", name: "Nina New", emailVerified: true });
    expect(nina.me.memberships).toEqual([{ orgId, orgName: "Acme Mentoring", role: "admin" }]);
    expect(nina.me.currentOrgId).toBe(orgId);

    const members = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/members?q=nina`,
      headers: owner.headers,
    });
    expect(members.json().members).toEqual([
      expect.objectContaining({ email: "nina@acme.test", role: "admin", status: "active" }),
    ]);
    await signIn(t.app, "nina@acme.test", "nina-password-1");

    const twice = await accept(token, { name: "Nina Again", password: "nina-password-2" });
    expect(twice.statusCode).toBe(410);
    expect(twice.json().error.code).toBe("token_invalid");
    expect((await preview(token)).statusCode).toBe(410);
    expect(await list()).toContainEqual(
      expect.objectContaining({ email: "nina@acme.test", status: "accepted" }),
    );
  });

  it("someone with an account accepts with their existing password (a wrong one is refused)", async () => {
    const existing = await inviteAndAccept(t, owner, orgId, {
      email: "ezra@acme.test",
      role: "member",
      password: "ezra-password-1",
    });
    // Ezra leaves (deactivated), then is invited back as an admin.
    await t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${orgId}/members/${existing.userId}`,
      headers: owner.headers,
      payload: { status: "deactivated" },
    });
    const { token } = await invite(t, owner, orgId, { email: "ezra@acme.test", role: "admin" });
    expect((await preview(token)).json().hasAccount).toBe(true);

    const wrong = await accept(token, { password: "not-ezras-password" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_credentials");

    const accepted = await accept(token, { password: "ezra-password-1" });
    expect(accepted.statusCode).toBe(200);
    const ezra = callerFrom(accepted);
    expect(ezra.me.user.name).toBe("New Person");
    expect(ezra.me.memberships).toEqual([{ orgId, orgName: "Acme Mentoring", role: "admin" }]);
  });

  it("refuses to invite someone who is already an active member (409 naming body.email)", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations`,
      headers: owner.headers,
      payload: { email: "nina@acme.test", role: "member" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([{ path: "body.email", message: "is already a member" }]);
  });

  it("inviting the same email again refreshes the one pending invitation (the old link stops working)", async () => {
    const first = await invite(t, owner, orgId, { email: "twice@acme.test", role: "member" });
    const second = await invite(t, owner, orgId, { email: "twice@acme.test", role: "admin" });
    expect(second.invitation.id).toBe(first.invitation.id);
    expect(second.invitation.role).toBe("admin");
    expect((await list()).filter((invitation) => invitation.email === "twice@acme.test")).toHaveLength(1);
    expect((await preview(first.token)).statusCode).toBe(410);
    expect((await preview(second.token)).statusCode).toBe(200);
  });

  it("resends with a fresh link: the old link stops working, the new one works", async () => {
    const { invitation, token: oldToken } = await invite(t, owner, orgId, {
      email: "resend@acme.test",
      role: "member",
    });
    const sentBefore = (await emailsTo(t, "resend@acme.test")).length;
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations/${invitation.id}/resend`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: invitation.id, status: "pending" });
    const emails = await emailsTo(t, "resend@acme.test");
    expect(emails.length).toBe(sentBefore + 1);
    const newToken = linkFromEmail(emails[0].text, "/invitations/").split("/").pop()!;
    expect(newToken).not.toBe(oldToken);
    expect((await preview(oldToken)).statusCode).toBe(410);
    expect((await accept(oldToken, { name: "Old Link", password: "resend-password-1" })).statusCode).toBe(
      410,
    );
    expect((await accept(newToken, { name: "Rita Resend", password: "resend-password-1" })).statusCode).toBe(
      200,
    );

    const again = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations/${invitation.id}/resend`,
      headers: owner.headers,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe("domain_rule");
  });

  it("revokes: the link stops working and the invitation shows as revoked", async () => {
    const { invitation, token } = await invite(t, owner, orgId, {
      email: "revoke@acme.test",
      role: "member",
    });
    const response = await t.app.inject({
      method: "DELETE",
      url: `/api/orgs/${orgId}/invitations/${invitation.id}`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(204);
    expect((await preview(token)).statusCode).toBe(410);
    expect((await accept(token, { name: "Too Late", password: "revoke-password-1" })).statusCode).toBe(410);
    expect(await list()).toContainEqual(expect.objectContaining({ id: invitation.id, status: "revoked" }));

    const resend = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations/${invitation.id}/resend`,
      headers: owner.headers,
    });
    expect(resend.statusCode).toBe(422);
  });

  it("refuses to revoke an accepted invitation, and 404s an unknown one", async () => {
    const accepted = (await list()).find((invitation) => invitation.status === "accepted")!;
    const refused = await t.app.inject({
      method: "DELETE",
      url: `/api/orgs/${orgId}/invitations/${accepted.id}`,
      headers: owner.headers,
    });
    expect(refused.statusCode).toBe(422);
    for (const method of ["DELETE", "POST"] as const) {
      const unknown = await t.app.inject({
        method,
        url: `/api/orgs/${orgId}/invitations/00000000-0000-4000-8000-000000000000${method === "POST" ? "/resend" : ""}`,
        headers: owner.headers,
      });
      expect(unknown.statusCode).toBe(404);
    }
  });

  it("an unknown token is 410 for preview and accept", async () => {
    const token = "u".repeat(43);
    expect((await preview(token)).statusCode).toBe(410);
    expect((await accept(token, { name: "Nobody", password: "nobody-password-1" })).statusCode).toBe(410);
  });

  it("an admin cannot invite an owner (403); a member cannot invite at all (403)", async () => {
    const admin = await inviteAndAccept(t, owner, orgId, { email: "adam@acme.test", role: "admin" });
    const asAdmin = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/invitations`,
      headers: admin.headers,
      payload: { email: "boss@acme.test", role: "owner" },
    });
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().error.code).toBe("forbidden");

    const member = await inviteAndAccept(t, owner, orgId, { email: "mo@acme.test", role: "member" });
    for (const request of [
      { method: "GET" as const, url: `/api/orgs/${orgId}/invitations` },
      {
        method: "POST" as const,
        url: `/api/orgs/${orgId}/invitations`,
        payload: { email: "x@acme.test", role: "member" },
      },
      { method: "GET" as const, url: `/api/orgs/${orgId}/emails` },
      { method: "GET" as const, url: `/api/orgs/${orgId}/members` },
    ]) {
      const response = await t.app.inject({ ...request, headers: member.headers });
      expect(response.statusCode, request.url).toBe(403);
    }
  });

  it("an expired invitation is 410 and shows as expired; resending revives it", async () => {
    const { invitation, token } = await invite(t, owner, orgId, { email: "late@acme.test", role: "member" });
    clock.advanceDays(15);
    try {
      expect((await preview(token)).statusCode).toBe(410);
      const accepted = await accept(token, { name: "Lou Late", password: "late-password-1" });
      expect(accepted.statusCode).toBe(410);
      expect(accepted.json().error.code).toBe("token_invalid");
      expect(await list()).toContainEqual(expect.objectContaining({ id: invitation.id, status: "expired" }));

      const resent = await t.app.inject({
        method: "POST",
        url: `/api/orgs/${orgId}/invitations/${invitation.id}/resend`,
        headers: owner.headers,
      });
      expect(resent.statusCode).toBe(200);
      expect(resent.json().status).toBe("pending");
      const fresh = linkFromEmail((await latestEmailTo(t, "late@acme.test")).text, "/invitations/")
        .split("/")
        .pop()!;
      expect((await accept(fresh, { name: "Lou Late", password: "late-password-1" })).statusCode).toBe(200);
    } finally {
      clock.advanceDays(-15);
    }
  });

  it("accepting an invitation never lowers the role of someone who is already an active member", async () => {
    const { token } = await invite(t, owner, orgId, { email: "cleo@acme.test", role: "member" });
    // Meanwhile the person became an owner another way (as `trellis create-admin` does).
    const { hashPassword } = await import("../security/passwords.ts");
    const user = await t.deps.repos.users.create({
      email: "cleo@acme.test",
      name: "Cleo Cli",
      passwordHash: await hashPassword("cleo-password-1"),
    });
    await t.deps.repos.organisations.addMember(orgId as never, user!.id, "owner");

    const accepted = await accept(token, { password: "cleo-password-1" });
    expect(accepted.statusCode).toBe(200);
    expect(callerFrom(accepted).me.memberships).toEqual([
      { orgId, orgName: "Acme Mentoring", role: "owner" },
    ]);
  });
});
