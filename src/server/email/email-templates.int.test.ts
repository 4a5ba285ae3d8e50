import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITABLE_EMAIL_KINDS } from "../../core/email/email-kinds.ts";
import { renderOrgEmail } from "./render.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  latestEmailTo,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

describe("email templates", () => {
  let t: TestApp;
  let owner: Caller;
  const path = (kind = "invitation") => `/api/orgs/${owner.me.currentOrgId}/email-templates/${kind}`;

  async function inviteSomeone(email: string) {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${owner.me.currentOrgId}/invitations`,
      headers: owner.headers,
      payload: { email, role: "member" },
    });
    expect(response.statusCode).toBe(201);
    return latestEmailTo(t, email);
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
  });
  afterAll(() => t.close());

  it("lists every kind an organisation may reword, with its variables, default wording first", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${owner.me.currentOrgId}/email-templates`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    const { templates } = response.json();
    expect(templates.map((template: { kind: string }) => template.kind)).toEqual(EDITABLE_EMAIL_KINDS);
    const invitation = templates.find((template: { kind: string }) => template.kind === "invitation");
    expect(invitation).toMatchObject({
      customised: false,
      updatedAt: null,
      subject: invitation.defaultSubject,
    });
    expect(invitation.variables).toContainEqual(
      expect.objectContaining({ name: "inviterName", sample: expect.any(String) }),
    );
  });

  it("refuses an unknown variable with 400 naming it and the field", async () => {
    const response = await t.app.inject({
      method: "PUT",
      url: path(),
      headers: owner.headers,
      payload: { subject: "Welcome", body: "Hello {{recipientName}}\n\n[Join]({{url}})" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "validation_failed",
      details: [{ path: "body.body", message: expect.stringContaining("{{recipientName}}") }],
    });
  });

  it("an unknown kind is a 400 naming params.kind", async () => {
    const response = await t.app.inject({
      method: "PUT",
      url: path("nonsense"),
      headers: owner.headers,
      payload: { subject: "a", body: "b" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("params.kind");
  });

  it("a saved wording is used for the next invitation, values escaped in HTML; reset brings the default back", async () => {
    const saved = await t.app.inject({
      method: "PUT",
      url: path(),
      headers: owner.headers,
      payload: {
        subject: "{{orgName}} would like you on board",
        body: "# Welcome aboard\n\n{{inviterName}} says hello & welcome.\n\n[Say yes]({{url}})",
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ customised: true, updatedByName: "Olivia Owner" });

    const email = await inviteSomeone("aboard@acme.test");
    expect(email.subject).toBe("Acme Mentoring would like you on board");
    expect(email.text).toMatch(
      /^Welcome aboard\n\nOlivia Owner says hello & welcome\.\n\nSay yes: http:\/\/trellis\.test\/invitations\//,
    );
    expect(email.html).toContain("hello &#38; welcome");

    const reset = await t.app.inject({ method: "DELETE", url: path(), headers: owner.headers });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ customised: false, subject: reset.json().defaultSubject });
    const again = await inviteSomeone("default@acme.test");
    expect(again.subject).toBe("Olivia Owner invited you to Acme Mentoring on Trellis");
  });

  it("one organisation's wording never reaches another's emails; a member may not edit (403)", async () => {
    await t.app.inject({
      method: "PUT",
      url: path("notice"),
      headers: owner.headers,
      payload: { subject: "Acme: {{title}}", body: "{{body}}" },
    });
    const other = await createSecondOrganisation(t);
    const theirs = await renderOrgEmail(t.deps.repos, other.orgId, "notice", {
      name: "N",
      orgName: "Other",
      title: "T",
      body: "B",
      actionLabel: "Open",
      url: "http://trellis.test/",
    });
    expect(theirs.subject).toBe("T");
    const foreign = await t.app.inject({
      method: "PUT",
      url: path("notice"),
      headers: other.owner.headers,
      payload: { subject: "x", body: "y" },
    });
    expect(foreign.statusCode).toBe(404);

    const member = await inviteAndAccept(t, owner, owner.me.currentOrgId!, {
      email: "member@acme.test",
      role: "member",
    });
    const refused = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${owner.me.currentOrgId}/email-templates`,
      headers: member.headers,
    });
    expect(refused.statusCode).toBe(403);
  });
});
