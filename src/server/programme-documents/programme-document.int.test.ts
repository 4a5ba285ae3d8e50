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

describe("programme as code: one versioned JSON document", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let beta: Awaited<ReturnType<typeof createSecondOrganisation>>;
  let programmeId: string;

  const importInto = (caller: Caller, org: string, document: string) =>
    t.app.inject({
      method: "POST",
      url: `/api/orgs/${org}/programmes/import`,
      headers: caller.headers,
      payload: { document },
    });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    beta = await createSecondOrganisation(t);
    const created = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/programmes`,
      headers: owner.headers,
      payload: {
        name: "Spring onboarding",
        startsOn: "2027-03-01",
        registrationForm: [
          { id: "goal", kind: "text", label: "Your goal", required: true, usedInMatching: false },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    programmeId = created.json().id;
  });
  afterAll(() => t.close());

  it("exports a programme and imports it into another organisation as a draft with the same settings", async () => {
    const exported = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/programmes/${programmeId}/document`,
      headers: owner.headers,
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-disposition"]).toBe(
      'attachment; filename="spring-onboarding.trellis-programme.json"',
    );
    const document = exported.json();
    expect(document).toMatchObject({
      format: "trellis-programme",
      version: 1,
      programme: { name: "Spring onboarding" },
    });

    const imported = await importInto(beta.owner, beta.orgId, exported.body);
    expect(imported.statusCode, imported.body).toBe(201);
    const again = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${beta.orgId}/programmes/${imported.json().programmeId}/document`,
      headers: beta.owner.headers,
    });
    expect(again.json()).toEqual(document);
    const programme = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${beta.orgId}/programmes/${imported.json().programmeId}`,
      headers: beta.owner.headers,
    });
    expect(programme.json().status).toBe("draft");
  });

  it("names the line and column of JSON that does not parse", async () => {
    const response = await importInto(
      owner,
      orgId,
      '{\n  "format": "trellis-programme",\n  "version": 1,,\n}',
    );
    expect(response.statusCode).toBe(400);
    const [detail] = response.json().error.details;
    expect(detail.path).toBe("body.document");
    expect(detail.message).toMatch(/^line 3, column 16: is not valid JSON/);
  });

  it("names the line and path of each problem", async () => {
    const text = `{
  "format": "trellis-programme",
  "version": 2,
  "programme": {
    "name": "Broken",
    "defaultMentorCapacity": "three",
    "registrationForm": [
      { "id": "goal", "kind": "text", "label": "Your goal", "required": true, "usedInMatching": false },
      { "id": "goal", "kind": "text", "label": "Again", "required": true, "usedInMatching": false }
    ],
    "unknownSetting": true
  }
}`;
    const response = await importInto(owner, orgId, text);
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: string; message: string }[];
    const byPath = Object.fromEntries(details.map((detail) => [detail.path, detail.message]));
    expect(byPath["body.document.version"]).toMatch(/^line 3: version must be 1/);
    expect(byPath["body.document.programme.defaultMentorCapacity"]).toMatch(/^line 6: /);
    expect(byPath["body.document.programme"]).toMatch(/^line 4: .*unknownSetting/);
    expect(
      details.some((detail) => detail.path.startsWith("body.document.programme.registrationForm.1")),
    ).toBe(true);
    const formProblem = details.find((detail) =>
      detail.path.startsWith("body.document.programme.registrationForm.1"),
    );
    expect(formProblem?.message).toMatch(/^line 9: /);
  });

  it("applies the settings rules, naming the line", async () => {
    const text = JSON.stringify(
      {
        format: "trellis-programme",
        version: 1,
        programme: { name: "Dates", startsOn: "2027-05-01", endsOn: "2027-04-01" },
      },
      null,
      2,
    );
    const response = await importInto(owner, orgId, text);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      {
        path: "body.document.programme.endsOn",
        message: "line 7: programme.endsOn must be after the start date",
      },
    ]);
  });

  it("is for admins: a member gets 403, another organisation 404", async () => {
    const member = await inviteAndAccept(t, owner, orgId, {
      email: "mia@acme.test",
      role: "member",
      name: "Mia",
    });
    const sample = JSON.stringify({ format: "trellis-programme", version: 1, programme: { name: "X" } });
    expect((await importInto(member, orgId, sample)).statusCode).toBe(403);
    const foreign = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/programmes/${programmeId}/document`,
      headers: beta.owner.headers,
    });
    expect(foreign.statusCode).toBe(404);
  });
});
