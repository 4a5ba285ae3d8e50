import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

function steppedClock(start: string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advanceMinutes(minutes: number) {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}

describe("audit log", () => {
  const clock = steppedClock("2026-12-08T09:00:00Z");
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let ada: Caller & { userId: string };
  let mia: Caller & { userId: string };

  const get = (caller: Caller, url: string) => t.app.inject({ method: "GET", url, headers: caller.headers });
  const patchMember = (caller: Caller, userId: string, payload: object) =>
    t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${orgId}/members/${userId}`,
      headers: caller.headers,
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    ada = await inviteAndAccept(t, owner, orgId, { email: "ada@acme.test", role: "member", name: "Ada" });
    mia = await inviteAndAccept(t, owner, orgId, { email: "mia@acme.test", role: "member", name: "Mia" });
  });
  afterAll(() => t.close());

  it("records role changes, deactivations and issued reset links in the transaction of the change", async () => {
    clock.advanceMinutes(1);
    expect((await patchMember(owner, ada.userId, { role: "admin" })).statusCode).toBe(200);
    clock.advanceMinutes(1);
    expect((await patchMember(ada, mia.userId, { status: "deactivated" })).statusCode).toBe(200);
    clock.advanceMinutes(1);
    expect((await patchMember(owner, mia.userId, { status: "active" })).statusCode).toBe(200);
    clock.advanceMinutes(1);
    const reset = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/members/${mia.userId}/reset-link`,
      headers: owner.headers,
    });
    expect(reset.statusCode).toBe(201);
    // A refused change (the last owner demoting themselves) records nothing.
    expect((await patchMember(owner, owner.me.user.id, { role: "member" })).statusCode).toBe(422);

    const list = await get(owner, `/api/orgs/${orgId}/audit-log`);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBe(4);
    expect(
      body.entries.map(
        (entry: { action: string; actorName: string; subjectName: string; details: object }) => [
          entry.action,
          entry.actorName,
          entry.subjectName,
          entry.details,
        ],
      ),
    ).toEqual([
      ["member.reset_link_issued", "Olivia Owner", "Mia", { expiresAt: expect.any(String) }],
      ["member.reactivated", "Olivia Owner", "Mia", { role: "member" }],
      ["member.deactivated", "Ada", "Mia", { role: "member" }],
      ["member.role_changed", "Olivia Owner", "Ada", { from: "member", to: "admin" }],
    ]);
    expect(body.entries[3].at).toBe("2026-12-08T09:01:00.000Z");
    expect(body.actors).toEqual([
      { id: ada.userId, name: "Ada" },
      { id: owner.me.user.id, name: "Olivia Owner" },
    ]);
    // No names or email addresses are stored in the log itself.
    const raw = await t.database.db.execute(sql`select details::text as d from audit_log`);
    for (const row of (raw as unknown as { rows: { d: string }[] }).rows) {
      expect(row.d).not.toMatch(/Mia|Ada|Olivia|@/);
    }
  });

  it("filters by actor, action and time range, and pages", async () => {
    const url = (query: string) => `/api/orgs/${orgId}/audit-log?${query}`;
    const byAda = (await get(owner, url(`actorId=${ada.userId}`))).json();
    expect(byAda.entries.map((entry: { action: string }) => entry.action)).toEqual(["member.deactivated"]);
    const roles = (await get(owner, url("action=member.role_changed"))).json();
    expect(roles.total).toBe(1);
    const range = (
      await get(
        owner,
        url(
          `from=${encodeURIComponent("2026-12-08T09:02:00Z")}&to=${encodeURIComponent("2026-12-08T09:04:00Z")}`,
        ),
      )
    ).json();
    expect(range.entries.map((entry: { action: string }) => entry.action)).toEqual([
      "member.reactivated",
      "member.deactivated",
    ]);
    const page2 = (await get(owner, url("limit=3&offset=3"))).json();
    expect(page2.total).toBe(4);
    expect(page2.entries.map((entry: { action: string }) => entry.action)).toEqual(["member.role_changed"]);
    const bad = await get(owner, url("action=made.up"));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe("query.action");
  });

  it("exports CSV, and the export is itself recorded", async () => {
    clock.advanceMinutes(1);
    const response = await get(owner, `/api/orgs/${orgId}/audit-log/export?action=member.role_changed`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="audit-log-2026-12-08.csv"');
    const lines = response.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("time (UTC),actor,actor id,action,what,subject,subject id,details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `Olivia Owner,${owner.me.user.id},member.role_changed,Changed a member's role,Ada`,
    );
    const exports = (await get(owner, `/api/orgs/${orgId}/audit-log?action=export.audit_log`)).json();
    expect(exports.entries).toHaveLength(1);
    expect(exports.entries[0].details).toEqual({ filter: { action: "member.role_changed" } });
  });

  it("is for admins only: a member gets 403, another organisation's admin sees nothing of it", async () => {
    expect((await get(mia, `/api/orgs/${orgId}/audit-log`)).statusCode).toBe(403);
    expect((await get(mia, `/api/orgs/${orgId}/audit-log/export`)).statusCode).toBe(403);
    const beta = await createSecondOrganisation(t);
    expect((await get(beta.owner, `/api/orgs/${orgId}/audit-log`)).statusCode).toBe(404);
    expect((await get(beta.owner, `/api/orgs/${orgId}/audit-log/export`)).statusCode).toBe(404);
    const own = (await get(beta.owner, `/api/orgs/${beta.orgId}/audit-log`)).json();
    expect(own).toEqual({ entries: [], total: 0, actors: [] });
    // Filtering by a person of the other organisation finds nothing either.
    const cross = (
      await get(beta.owner, `/api/orgs/${beta.orgId}/audit-log?actorId=${owner.me.user.id}`)
    ).json();
    expect(cross.total).toBe(0);
  });

  it("lists an action recorded before (or after) this version listed it, as recorded", async () => {
    const beta = await createSecondOrganisation(t, { email: "owner@gamma.test", organisationName: "Gamma" });
    await t.deps.repos.audit.append([
      { orgId: beta.orgId, actorId: null, action: "future.kind_of_change", at: clock.now() },
    ]);
    const list = await get(beta.owner, `/api/orgs/${beta.orgId}/audit-log`);
    expect(list.statusCode).toBe(200);
    expect(list.json().entries[0]).toMatchObject({ action: "future.kind_of_change", actorName: null });
    const csv = await get(beta.owner, `/api/orgs/${beta.orgId}/audit-log/export`);
    expect(csv.body).toContain(",future.kind_of_change,future.kind_of_change,");
  });

  it("cannot be edited: UPDATE, DELETE and TRUNCATE raise", async () => {
    const db = t.database.db;
    const refusal = async (statement: ReturnType<typeof sql>) => {
      try {
        await db.execute(statement);
        return "allowed";
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause;
        return cause?.message ?? (error as Error).message;
      }
    };
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(/audit_log is append-only: UPDATE/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/audit_log is append-only: DELETE/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/audit_log is append-only: TRUNCATE/);
    const count = await db.execute(sql`select count(*)::int as n from audit_log`);
    expect((count as unknown as { rows: { n: number }[] }).rows[0].n).toBe(7);
  });
});
