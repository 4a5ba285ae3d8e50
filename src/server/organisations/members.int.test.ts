import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { hashPassword } from "../security/passwords.ts";
import {
  type Caller,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";

/** 30 people added straight through the repositories (hashing one password for all keeps it fast). */
async function addPeople(t: TestApp, orgId: OrgId): Promise<void> {
  const passwordHash = await hashPassword("people-password-1");
  for (let index = 0; index < 30; index++) {
    const role = index % 10 === 0 ? "admin" : "member";
    const name = `${index % 2 === 0 ? "Alex" : "Jordan"} Person${String(index).padStart(2, "0")}`;
    const user = await t.deps.repos.users.create({
      email: `person${index}@acme.test`,
      name,
      passwordHash,
    });
    await t.deps.repos.organisations.addMember(orgId, user!.id, role);
    if (index % 7 === 6)
      await t.deps.repos.organisations.updateMember(orgId, user!.id, { role, status: "deactivated" });
  }
}

describe("members", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    await addPeople(t, orgId);
  });
  afterAll(() => t.close());

  const listMembers = async (query = "", caller = owner) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/members${query}`,
      headers: caller.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      members: { userId: string; name: string; email: string; role: string; status: string }[];
      total: number;
    };
  };
  const patch = (userId: string, payload: object, caller = owner) =>
    t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${orgId}/members/${userId}`,
      headers: caller.headers,
      payload,
    });

  it("lists everyone, sorted by name, with a total", async () => {
    const all = await listMembers();
    expect(all.total).toBe(31);
    expect(all.members).toHaveLength(31);
    const names = all.members.map((member) => member.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("searches name and email, case-insensitively; LIKE wildcards are literal", async () => {
    expect((await listMembers("?q=jordan")).total).toBe(15);
    // person1@, person10@ ... person19@ (names are "Person01", so only the emails match)
    expect((await listMembers("?q=PERSON1")).total).toBe(11);
    expect((await listMembers("?q=person7%40acme")).members.map((member) => member.email)).toEqual([
      "person7@acme.test",
    ]);
    expect((await listMembers("?q=%25")).total).toBe(0);
    expect((await listMembers("?q=_")).total).toBe(0);
    expect((await listMembers("?q=%20%20")).total).toBe(31);
  });

  it("filters by role and status, combined with search", async () => {
    expect((await listMembers("?role=owner")).members.map((member) => member.email)).toEqual([
      "owner@acme.test",
    ]);
    expect((await listMembers("?role=admin")).total).toBe(3);
    expect((await listMembers("?status=deactivated")).total).toBe(4);
    expect((await listMembers("?status=active")).total).toBe(27);
    // 15 Alexes; 3 of them admins (0, 10, 20); person6 is deactivated.
    expect((await listMembers("?status=active&role=member&q=alex")).total).toBe(11);
  });

  it("pages with limit and offset; total counts every match", async () => {
    const first = await listMembers("?limit=10&offset=0");
    const second = await listMembers("?limit=10&offset=10");
    const last = await listMembers("?limit=10&offset=30");
    expect(first.members).toHaveLength(10);
    expect(second.members).toHaveLength(10);
    expect(last.members).toHaveLength(1);
    expect(first.total).toBe(31);
    const seen = new Set([...first.members, ...second.members].map((member) => member.userId));
    expect(seen.size).toBe(20);
    expect((await listMembers("?offset=1000")).members).toEqual([]);
  });

  it("changes a member's role", async () => {
    const { members } = await listMembers("?q=person3%40");
    const response = await patch(members[0].userId, { role: "admin" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ userId: members[0].userId, role: "admin", status: "active" });
    expect((await listMembers("?q=person3%40")).members[0].role).toBe("admin");
  });

  it("refuses an empty change, and 404s someone who is not a member", async () => {
    const { members } = await listMembers("?q=person5%40");
    const empty = await patch(members[0].userId, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe("validation_failed");
    const stranger = await patch("00000000-0000-4000-8000-000000000000", { role: "admin" });
    expect(stranger.statusCode).toBe(404);
  });

  it("a deactivated member gets 404 on the organisation's routes and loses it from /api/me; reactivating restores it", async () => {
    const admin = await inviteAndAccept(t, owner, orgId, {
      email: "dee@acme.test",
      role: "admin",
      password: "dee-password-1",
    });
    const deactivated = await patch(admin.userId, { status: "deactivated" });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().status).toBe("deactivated");

    for (const url of [
      `/api/orgs/${orgId}/members`,
      `/api/orgs/${orgId}/invitations`,
      `/api/orgs/${orgId}/emails`,
    ]) {
      const response = await t.app.inject({ method: "GET", url, headers: admin.headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: admin.headers });
    expect(me.json()).toMatchObject({ memberships: [], currentOrgId: null });
    const switched = await t.app.inject({
      method: "POST",
      url: "/api/me/current-org",
      headers: admin.headers,
      payload: { orgId },
    });
    expect(switched.statusCode).toBe(404);

    expect((await patch(admin.userId, { status: "active" })).statusCode).toBe(200);
    const back = await signIn(t.app, "dee@acme.test", "dee-password-1");
    expect(back.me.memberships).toEqual([{ orgId, orgName: "Acme Mentoring", role: "admin" }]);
  });

  it("the last owner can be neither demoted nor deactivated (422 last_owner); with two owners one may step down", async () => {
    const ownerId = owner.me.user.id as UserId;
    for (const change of [
      { role: "admin" },
      { status: "deactivated" },
      { role: "member", status: "deactivated" },
    ]) {
      const response = await patch(ownerId, change);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe("last_owner");
    }
    const second = await inviteAndAccept(t, owner, orgId, { email: "co@acme.test", role: "owner" });
    expect((await patch(ownerId, { role: "admin" })).statusCode).toBe(200);
    // Now `second` is the last owner.
    const refused = await patch(ownerId, { role: "owner" });
    expect(refused.statusCode).toBe(403);
    const demoteLast = await patch(second.userId, { role: "member" }, second);
    expect(demoteLast.statusCode).toBe(422);
    expect((await patch(ownerId, { role: "owner" }, second)).statusCode).toBe(200);
  });

  it("an admin cannot make someone an owner, nor change an owner (403)", async () => {
    const admin = await inviteAndAccept(t, owner, orgId, { email: "ada@acme.test", role: "admin" });
    const { members } = await listMembers("?q=person9%40");
    const promote = await patch(members[0].userId, { role: "owner" }, admin);
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe("forbidden");
    const demoteOwner = await patch(owner.me.user.id, { role: "member" }, admin);
    expect(demoteOwner.statusCode).toBe(403);
    const ordinary = await patch(members[0].userId, { role: "admin" }, admin);
    expect(ordinary.statusCode).toBe(200);
  });

  it("two owners demoting each other at once cannot leave the organisation without an owner", async () => {
    const other = await inviteAndAccept(t, owner, orgId, { email: "race@acme.test", role: "owner" });
    for (const member of (await listMembers("?role=owner")).members)
      if (member.userId !== owner.me.user.id && member.userId !== other.userId)
        expect((await patch(member.userId, { role: "admin" })).statusCode).toBe(200);
    expect((await listMembers("?role=owner&status=active")).total).toBe(2);
    const responses = await Promise.all([
      patch(other.userId, { role: "admin" }),
      patch(owner.me.user.id, { role: "admin" }, other),
    ]);
    // One wins; the other is refused as the last owner (422), or as no longer an owner (403).
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 422]).toContain(statuses[1]);
    expect((await listMembers("?role=owner&status=active")).total).toBe(1);
  });
});
