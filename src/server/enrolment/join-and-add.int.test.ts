import { readNotifications } from "../testing/read-notifications.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { emailTokens } from "../../db/schema.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  callerFrom,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  latestEmailTo,
  linkFromEmail,
  setUpOwner,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";

describe("joining by link, and being added by email", () => {
  let t: TestApp;
  let orgId: OrgId;
  let owner: Caller;
  let member: Caller;
  let programme: ProgrammeRecord;

  const programmeUrl = (suffix: string, id = programme.id) => `/api/orgs/${orgId}/programmes/${id}${suffix}`;
  const call = (caller: Caller, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: caller.headers, ...(payload ? { payload } : {}) });
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    programme = await createProgramme(t, orgId, {
      name: "Open cohort",
      status: "registration_open",
      registrationForm: [
        { id: "goal", kind: "text", label: "Your goal", required: true, usedInMatching: false },
      ],
    });
    await addPeople(t, orgId, null, [{ email: "mo@acme.test", name: "Mo Member" }]);
    member = await signInFixture(t, "mo@acme.test");
  });
  afterAll(() => t.close());

  describe("join link", () => {
    let token: string;

    it("an admin creates a link (shown once; only its hash is kept), and sees that one is active", async () => {
      expect((await call(owner, "GET", programmeUrl("/join-link"))).json()).toEqual({ active: false });
      const created = await call(owner, "POST", programmeUrl("/join-link"));
      expect(created.statusCode, created.body).toBe(201);
      const { url } = created.json();
      expect(url).toMatch(/^http:\/\/trellis\.test\/join\/[\w-]{43}$/);
      token = tokenOf(url);
      expect((await call(owner, "GET", programmeUrl("/join-link"))).json()).toEqual({ active: true });
      const stored = await t.deps.repos.enrolments.findProgrammeByJoinTokenHash(token);
      expect(stored, "the token itself is not stored").toBeNull();
    });

    it("a member opening the link sees the programme and registers through it", async () => {
      const preview = await call(member, "GET", `/api/join/${token}`);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        orgId,
        orgName: "Acme Mentoring",
        programme: { id: programme.id, name: "Open cohort", registrationOpen: true },
        enrolment: null,
      });
      const bad = await call(member, "POST", `/api/join/${token}`, { role: "mentee" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([{ path: "body.answers.goal", message: "is required" }]);
      const joined = await call(member, "POST", `/api/join/${token}`, {
        role: "mentee",
        answers: [{ questionId: "goal", value: "Lead a team" }],
      });
      expect(joined.statusCode, joined.body).toBe(201);
      expect(joined.json()).toMatchObject({
        orgId,
        enrolment: { role: "mentee", status: "active", source: "invite" },
      });
      expect((await call(member, "GET", `/api/join/${token}`)).json().enrolment).toMatchObject({
        role: "mentee",
      });
      expect(
        (
          await call(member, "POST", `/api/join/${token}`, {
            role: "mentee",
            answers: [{ questionId: "goal", value: "x" }],
          })
        ).statusCode,
      ).toBe(409);
    });

    it("someone outside the organisation gets 404; a replaced or disabled link no longer works (410)", async () => {
      const b = await createSecondOrganisation(t);
      const outsider = await call(b.owner, "GET", `/api/join/${token}`);
      expect(outsider.statusCode).toBe(404);
      expect((await call(b.owner, "POST", `/api/join/${token}`, { role: "mentee" })).statusCode).toBe(404);

      const rotated = (await call(owner, "POST", programmeUrl("/join-link"))).json().url;
      const old = await call(member, "GET", `/api/join/${token}`);
      expect(old.statusCode).toBe(410);
      expect(old.json().error.code).toBe("token_invalid");
      expect((await call(member, "GET", `/api/join/${tokenOf(rotated)}`)).statusCode).toBe(200);

      expect((await call(owner, "DELETE", programmeUrl("/join-link"))).statusCode).toBe(204);
      expect((await call(member, "GET", `/api/join/${tokenOf(rotated)}`)).statusCode).toBe(410);
      expect((await call(owner, "GET", programmeUrl("/join-link"))).json()).toEqual({ active: false });
      expect((await t.app.inject({ method: "GET", url: `/api/join/${tokenOf(rotated)}` })).statusCode).toBe(
        401,
      );
    });

    it("a link to a programme whose registration is closed shows it, and registering is refused (422)", async () => {
      const closed = await createProgramme(t, orgId, { status: "draft", name: "Later cohort" });
      const { url } = (await call(owner, "POST", programmeUrl("/join-link", closed.id))).json();
      const preview = await call(member, "GET", `/api/join/${tokenOf(url)}`);
      expect(preview.json().programme).toMatchObject({ name: "Later cohort", registrationOpen: false });
      expect((await call(member, "POST", `/api/join/${tokenOf(url)}`, { role: "mentee" })).statusCode).toBe(
        422,
      );
    });
  });

  describe("add by email", () => {
    let existingOutsider: UserId;
    let deactivated: UserId;

    beforeAll(async () => {
      await addPeople(t, orgId, null, [{ email: "kim@acme.test", name: "Kim Known" }]);
      const b = await createSecondOrganisation(t, { email: "owner2@beta.test", organisationName: "Gamma" });
      existingOutsider = b.owner.me.user.id as UserId;
      deactivated = (await addPeople(t, orgId, null, [{ email: "gone@acme.test" }]))["gone@acme.test"];
      await t.deps.repos.organisations.updateMember(orgId, deactivated, {
        role: "member",
        status: "deactivated",
      });
    });

    it("enrols members, accounts from elsewhere and unknown emails; refuses deactivated members", async () => {
      const response = await call(owner, "POST", programmeUrl("/participants"), {
        emails:
          "Kim@acme.test; owner2@beta.test\nnew.person@acme.test, gone@acme.test mo@acme.test kim@acme.test",
        role: "mentor",
        mentorCapacity: 2,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(
        response
          .json()
          .results.map((result: { email: string; outcome: string }) => [result.email, result.outcome]),
      ).toEqual([
        ["kim@acme.test", "enrolled"],
        ["owner2@beta.test", "enrolled"],
        ["new.person@acme.test", "account_created"],
        ["gone@acme.test", "refused"],
        ["mo@acme.test", "already_enrolled"],
      ]);
      const listed = (await call(owner, "GET", programmeUrl("/participants?role=mentor"))).json()
        .participants;
      expect(listed.map((participant: { email: string }) => participant.email).sort()).toEqual([
        "kim@acme.test",
        "new.person@acme.test",
        "owner2@beta.test",
      ]);
      expect(listed[0]).toMatchObject({
        status: "active",
        mentorCapacity: 2,
        source: "admin",
        answersComplete: false,
      });
      // Mo keeps the place they chose.
      expect((await call(member, "GET", programmeUrl("/enrolment"))).json().enrolment).toMatchObject({
        role: "mentee",
      });
      // The account from another organisation became a member here.
      expect((await t.deps.repos.organisations.findMember(orgId, existingOutsider))?.status).toBe("active");
      expect((await t.deps.repos.organisations.findMember(orgId, deactivated))?.status).toBe("deactivated");
    });

    it("members are told with a link to complete their registration", async () => {
      const email = await latestEmailTo(t, "kim@acme.test");
      expect(email.subject).toBe("You were added to Open cohort");
      expect(email.text).toContain(`http://trellis.test/programmes/${programme.id}/register`);
      const kim = await signInFixture(t, "kim@acme.test");
      const notices = await readNotifications(t, orgId, kim.me.user.id as UserId, { limit: 5 });
      expect(notices[0]).toMatchObject({
        kind: "enrolment.added",
        link: `/programmes/${programme.id}/register`,
      });
    });

    it("an unknown email gets an account with no usable password and a set-your-password link that signs them in", async () => {
      expect(
        (
          await t.app.inject({
            method: "POST",
            url: "/api/auth/sign-in",
            payload: { email: "new.person@acme.test", password: "!unset" },
          })
        ).statusCode,
      ).toBe(401);
      const email = await latestEmailTo(t, "new.person@acme.test");
      expect(email.subject).toBe("You were added to Open cohort at Acme Mentoring");
      const link = linkFromEmail(email.text, "/reset-password?token=");
      const token = new URL(link).searchParams.get("token")!;
      const user = await t.deps.repos.users.findByEmailWithHash("new.person@acme.test");
      expect(user?.passwordHash).toBe("!unset");
      const [stored] = await t.database.db.select().from(emailTokens).where(eq(emailTokens.userId, user!.id));
      expect(stored.purpose).toBe("password_reset");
      expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
      const reset = await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset/confirm",
        payload: { token, password: "my own password" },
      });
      expect(reset.statusCode, reset.body).toBe(200);
      const person = callerFrom(reset);
      expect(person.me).toMatchObject({
        user: { name: "New Person", emailVerified: true },
        currentOrgId: orgId,
      });
      const mine = await call(person, "GET", programmeUrl("/enrolment"));
      expect(mine.json().enrolment).toMatchObject({
        role: "mentor",
        status: "active",
        answersComplete: false,
      });
      const completed = await call(person, "PATCH", programmeUrl("/enrolment"), {
        answers: [{ questionId: "goal", value: "Give back" }],
      });
      expect(completed.json().answersComplete).toBe(true);
      await signIn(t.app, "new.person@acme.test", "my own password");
    });
    it("refuses bad lists, naming body.emails, and roles the programme does not offer", async () => {
      for (const emails of [
        "",
        "  ",
        "not-an-email, ok@acme.test",
        Array.from({ length: 201 }, (_, i) => `p${i}@x.test`).join(","),
      ]) {
        const response = await call(owner, "POST", programmeUrl("/participants"), { emails, role: "mentee" });
        expect(response.statusCode, emails.slice(0, 30)).toBe(400);
        expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toEqual([
          "body.emails",
        ]);
      }
      const menteesOnly = await createProgramme(t, orgId, { rolesOffered: ["mentee"] });
      const response = await call(owner, "POST", programmeUrl("/participants", menteesOnly.id), {
        emails: "kim@acme.test",
        role: "mentor",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].path).toBe("body.role");
      expect(await emailsTo(t, "p0@x.test")).toEqual([]);
    });
  });
});
