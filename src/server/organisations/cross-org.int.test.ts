import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterResponseSettled } from "../accounts/after-response.ts";
import type { Caller, TestApp } from "../testing/test-app.ts";
import {
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  invite,
  inviteAndAccept,
  setUpOwner,
} from "../testing/test-app.ts";
import { allRoutes, fillPath, isOrgScoped, sampleBody, samplePathIds } from "../testing/route-samples.ts";

/**
 * Organisation A (set up through the API) and organisation B (created as the CLI does). Nobody in
 * A may learn anything about B: every org-scoped route of the contract table answers 404, the same
 * 404 as for an organisation that does not exist, and B is left untouched.
 */
describe("cross-organisation access", () => {
  let t: TestApp;
  let callersOfA: Record<string, Caller>;
  let orgA: string;
  let orgB: string;
  let ownerB: Caller;
  let memberOfB: string;
  let invitationOfB: string;
  let tokenOfB: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ownerA = await setUpOwner(t.app);
    orgA = ownerA.me.currentOrgId!;
    callersOfA = {
      owner: ownerA,
      admin: await inviteAndAccept(t, ownerA, orgA, { email: "admin@acme.test", role: "admin" }),
      member: await inviteAndAccept(t, ownerA, orgA, { email: "member@acme.test", role: "member" }),
    };
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    ownerB = b.owner;
    memberOfB = (await inviteAndAccept(t, ownerB, orgB, { email: "bea@beta.test", role: "member" })).userId;
    const pending = await invite(t, ownerB, orgB, { email: "pending@beta.test", role: "admin" });
    invitationOfB = pending.invitation.id;
    tokenOfB = pending.token;
  });
  afterAll(() => t.close());

  const orgRoutes = allRoutes.filter(([, contract]) => isOrgScoped(contract));

  it("the contract table has org-scoped routes to check", () => {
    expect(orgRoutes.map(([name]) => name)).toEqual(
      expect.arrayContaining(["listMembers", "updateMember", "listInvitations", "listSentEmails"]),
    );
  });

  const request = (
    name: string,
    path: string,
    method: string,
    caller: Caller,
    values: Record<string, string>,
  ) =>
    t.app.inject({
      method: method as "GET",
      url: fillPath(path, values),
      headers: caller.headers,
      ...(sampleBody(name as never) === undefined ? {} : { payload: sampleBody(name as never) as object }),
    });

  for (const role of ["owner", "admin", "member"]) {
    it(`an ${role} of A gets 404 on every org-scoped route of B`, async () => {
      for (const [name, contract] of orgRoutes) {
        const values = { ...samplePathIds, orgId: orgB, userId: memberOfB, invitationId: invitationOfB };
        const response = await request(name, contract.path, contract.method, callersOfA[role], values);
        expect(response.statusCode, `${contract.method} ${contract.path}: ${response.body}`).toBe(404);
        expect(response.json().error.code).toBe("not_found");

        const nowhere = await request(name, contract.path, contract.method, callersOfA[role], {
          ...values,
          orgId: "00000000-0000-4000-8000-00000000000b",
        });
        expect(nowhere.statusCode).toBe(404);
        expect(nowhere.json().error.message, "B's 404 must look like a missing organisation's").toBe(
          response.json().error.message,
        );
      }
    });
  }

  it("A's admins cannot reach B's members or invitations through A's own path either (404)", async () => {
    for (const [name, contract] of orgRoutes) {
      if (!/:userId|:invitationId/.test(contract.path)) continue;
      const values = { ...samplePathIds, orgId: orgA, userId: memberOfB, invitationId: invitationOfB };
      const response = await request(name, contract.path, contract.method, callersOfA.owner, values);
      expect(response.statusCode, `${contract.method} ${contract.path}: ${response.body}`).toBe(404);
    }
  });

  it("A's lists show nothing of B", async () => {
    const owner = callersOfA.owner;
    const members = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgA}/members`,
      headers: owner.headers,
    });
    expect(members.json().members.map((member: { email: string }) => member.email)).not.toContain(
      "bea@beta.test",
    );
    const invitations = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgA}/invitations`,
      headers: owner.headers,
    });
    expect(invitations.json().invitations.map((item: { id: string }) => item.id)).not.toContain(
      invitationOfB,
    );
    const emails = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgA}/emails`,
      headers: owner.headers,
    });
    const addresses = emails.json().emails.map((email: { to: string }) => email.to);
    expect(addresses).not.toContain("pending@beta.test");
    expect(addresses).not.toContain("bea@beta.test");
  });

  it("switching to B is 404 for a member of A", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/me/current-org",
      headers: callersOfA.owner.headers,
      payload: { orgId: orgB },
    });
    expect(response.statusCode).toBe(404);
  });

  it("B is untouched: its member, its pending invitation (and link) and its email are as they were", async () => {
    const members = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgB}/members`,
      headers: ownerB.headers,
    });
    expect(members.json().members).toContainEqual(
      expect.objectContaining({ userId: memberOfB, role: "member", status: "active" }),
    );
    const invitations = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgB}/invitations`,
      headers: ownerB.headers,
    });
    expect(invitations.json().invitations).toContainEqual(
      expect.objectContaining({ id: invitationOfB, status: "pending" }),
    );
    expect((await t.app.inject({ method: "GET", url: `/api/invitations/${tokenOfB}` })).statusCode).toBe(200);
    expect(await emailsTo(t, "pending@beta.test")).toHaveLength(1);
    expect(await emailsTo(t, "invitee@example.test")).toHaveLength(0);
  });

  it("an owner of A never sees account emails (reset links) of someone who is also in B", async () => {
    const ownerA = callersOfA.owner;
    await inviteAndAccept(t, ownerA, orgA, { email: "bea@beta.test", role: "member", name: "" });
    for (const email of ["bea@beta.test", "owner@acme.test"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email },
      });
      expect(response.statusCode).toBe(202);
    }
    const seen = async (caller: Caller, orgId: string) =>
      (await t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/emails`, headers: caller.headers }))
        .json()
        .emails.filter((email: { subject: string }) => /reset/i.test(email.subject))
        .map((email: { to: string }) => email.to);
    await afterResponseSettled(t.deps);
    expect(await seen(ownerA, orgA)).toEqual(["owner@acme.test"]);
    expect(await seen(ownerB, orgB)).toEqual([]);
    expect(await seen(callersOfA.admin, orgA)).toEqual([]);
  });
});
