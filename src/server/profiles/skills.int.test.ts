import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Skill } from "../../contracts/profiles.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

describe("the organisation's skill list", () => {
  let t: TestApp;
  let owner: Caller;
  let admin: Caller;
  let member: Caller;
  let orgId: OrgId;
  let orgB: OrgId;
  let ownerB: Caller;

  const list = async (caller: Caller, org: string = orgId) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${org}/skills`,
      headers: caller.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().skills as Skill[];
  };
  const create = (caller: Caller, payload: object, org: string = orgId) =>
    t.app.inject({ method: "POST", url: `/api/orgs/${org}/skills`, headers: caller.headers, payload });
  const update = (caller: Caller, skillId: string, payload: object, org: string = orgId) =>
    t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${org}/skills/${skillId}`,
      headers: caller.headers,
      payload,
    });
  const remove = (caller: Caller, skillId: string, org: string = orgId) =>
    t.app.inject({ method: "DELETE", url: `/api/orgs/${org}/skills/${skillId}`, headers: caller.headers });
  const expect400 = (response: { statusCode: number; json(): unknown }, path: string) => {
    expect(response.statusCode).toBe(400);
    const error = (response.json() as { error: { code: string; details: { path: string }[] } }).error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((detail) => detail.path)).toContain(path);
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    admin = await inviteAndAccept(t, owner, orgId, { email: "admin@acme.test", role: "admin" });
    member = await inviteAndAccept(t, owner, orgId, { email: "member@acme.test", role: "member" });
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    ownerB = b.owner;
  });
  afterAll(() => t.close());

  it("starts empty", async () => {
    expect(await list(member)).toEqual([]);
  });

  it("admins add skills (201), trimmed, with an optional category; everyone lists them by name, ignoring case", async () => {
    const typescript = await create(admin, { name: "  TypeScript ", category: "Engineering" });
    expect(typescript.statusCode, typescript.body).toBe(201);
    expect(typescript.json()).toEqual({
      id: expect.any(String),
      name: "TypeScript",
      category: "Engineering",
    });
    expect((await create(owner, { name: "coaching" })).statusCode).toBe(201);
    expect((await create(owner, { name: "Architecture", category: "  " })).json().category).toBeNull();
    expect((await create(owner, { name: "SQL", category: null })).statusCode).toBe(201);
    const names = (await list(member)).map((skill) => skill.name);
    expect(names).toEqual(["Architecture", "coaching", "SQL", "TypeScript"]);
  });

  it("a name already on the list, in any case, is 409 conflict naming body.name", async () => {
    for (const name of ["TypeScript", "typescript", " TYPESCRIPT "]) {
      const response = await create(admin, { name });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({
        code: "conflict",
        details: [{ path: "body.name", message: "is already on the skill list" }],
      });
    }
    expect(await list(member)).toHaveLength(4);
  });

  it("two admins adding the same name at once: one 201, one 409", async () => {
    const [first, second] = await Promise.all([create(owner, { name: "Go" }), create(admin, { name: "go" })]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect((await list(member)).filter((skill) => skill.name.toLowerCase() === "go")).toHaveLength(1);
  });

  it("refuses bad names and categories with a 400 naming the field", async () => {
    expect400(await create(admin, { name: "" }), "body.name");
    expect400(await create(admin, { name: "   " }), "body.name");
    expect400(await create(admin, { name: "x".repeat(81) }), "body.name");
    expect400(await create(admin, { name: "Rust", category: "c".repeat(61) }), "body.category");
    expect400(await create(admin, {}), "body.name");
  });

  it("admins rename a skill or change its category; null clears the category", async () => {
    const sql = (await list(member)).find((skill) => skill.name === "SQL")!;
    const renamed = await update(admin, sql.id, { name: "PostgreSQL", category: "Data" });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ id: sql.id, name: "PostgreSQL", category: "Data" });
    expect((await update(owner, sql.id, { category: null })).json()).toEqual({
      id: sql.id,
      name: "PostgreSQL",
      category: null,
    });
    // Changing only the case of its own name is fine.
    expect((await update(owner, sql.id, { name: "postgreSQL" })).json().name).toBe("postgreSQL");
  });

  it("renaming onto another skill's name is 409; an empty change is 400; an unknown id is 404", async () => {
    const skills = await list(member);
    const coaching = skills.find((skill) => skill.name === "coaching")!;
    const clash = await update(admin, coaching.id, { name: "TYPESCRIPT" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details).toEqual([
      { path: "body.name", message: "is already on the skill list" },
    ]);
    expect((await update(admin, coaching.id, {})).statusCode).toBe(400);
    expect400(await update(admin, coaching.id, { name: "" }), "body.name");
    const unknown = await update(admin, "00000000-0000-4000-8000-00000000abcd", { name: "Nope" });
    expect(unknown.statusCode).toBe(404);
    expect((await list(member)).find((skill) => skill.id === coaching.id)?.name).toBe("coaching");
  });

  it("admins delete a skill (204); again is 404", async () => {
    const go = (await list(member)).find((skill) => skill.name.toLowerCase() === "go")!;
    expect((await remove(admin, go.id)).statusCode).toBe(204);
    expect((await list(member)).map((skill) => skill.id)).not.toContain(go.id);
    expect((await remove(admin, go.id)).statusCode).toBe(404);
  });

  it("a member may list but not add, rename or delete (403 forbidden)", async () => {
    const [first] = await list(member);
    for (const response of [
      await create(member, { name: "Leadership" }),
      await update(member, first.id, { name: "Hacked" }),
      await remove(member, first.id),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    }
    expect((await list(member))[0]).toEqual(first);
  });

  it("another organisation's skills: 404 through their path and through ours, and both lists stay apart", async () => {
    const created = await create(ownerB, { name: "Negotiation" }, orgB);
    expect(created.statusCode).toBe(201);
    const skillOfB = created.json().id as string;
    // A's admin, A's path, B's skill id.
    expect((await update(admin, skillOfB, { name: "Taken over" })).statusCode).toBe(404);
    expect((await remove(admin, skillOfB)).statusCode).toBe(404);
    // A's admin, B's path.
    for (const response of [
      await t.app.inject({ method: "GET", url: `/api/orgs/${orgB}/skills`, headers: admin.headers }),
      await create(admin, { name: "Intrusion" }, orgB),
      await update(admin, skillOfB, { name: "Taken over" }, orgB),
      await remove(admin, skillOfB, orgB),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    // B may also add a name A has.
    expect((await create(ownerB, { name: "TypeScript" }, orgB)).statusCode).toBe(201);
    expect((await list(ownerB, orgB)).map((skill) => skill.name)).toEqual(["Negotiation", "TypeScript"]);
    expect((await list(member)).map((skill) => skill.name)).not.toContain("Negotiation");
  });
});
