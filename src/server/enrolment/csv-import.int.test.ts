import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { enrolments, memberships, profiles, users } from "../../db/schema.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, createTestApp, emailsTo, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { importsSettled } from "./run-import.ts";

/** A CSV file the way a spreadsheet exports one: a quoted cell over two lines, a blank line, bad rows. */
const FILE = [
  "Email,Full name,Role,Capacity,Department,Job title,Time zone,Languages,Skills offered,Skills wanted,Topics,Manager email,Track",
  "lead@acme.test,Lee Lead,mentor,3,Platform,Head of platform,Europe/London,en,Go:5,,leadership,,backend", // 2
  'ana@acme.test,"Ana\nLovelace",mentee,,Platform,Engineer,Asia/Kolkata,en; hi,,TypeScript:2; go:1,testing,lead@acme.test,frontend', // 3-4
  "", // 5
  "BEN@acme.test,Ben,mentor,two,Design,,Mars/Base,,,,,,", // 6: bad capacity and zone
  "cy@acme.test,Cy,mentee,,Data,Analyst,UTC,,,,,nobody@acme.test,backend", // 7: unknown manager
  "ana@ACME.test,Ana again,mentee,,,,,,,,,,", // 8: repeated email
  "kim@acme.test,Kim Known,both,1,Ops,,,,React:3,,,lead@acme.test,design", // 9: bad answer
  "gone@acme.test,Gone,mentee,,,,,,,,,,", // 10: deactivated member
  "mo@acme.test,Mo Member,mentor,2,Support,,,fr,,,,,", // 11: existing member, already a mentee
].join("\n");

const MAPPING = [
  { column: 0, field: "email" },
  { column: 1, field: "name" },
  { column: 2, field: "role" },
  { column: 3, field: "mentorCapacity" },
  { column: 4, field: "department" },
  { column: 5, field: "jobTitle" },
  { column: 6, field: "timeZone" },
  { column: 7, field: "languages" },
  { column: 8, field: "skillsOffered" },
  { column: 9, field: "skillsWanted" },
  { column: 10, field: "topics" },
  { column: 11, field: "managerEmail" },
  { column: 12, field: "answer:track" },
];

describe("importing participants from CSV", () => {
  let t: TestApp;
  let orgId: OrgId;
  let owner: Caller;
  let programme: ProgrammeRecord;
  let ids: Record<string, UserId>;

  const base = () => `/api/orgs/${orgId}/programmes/${programme.id}/imports`;
  const post = (url: string, payload: object, caller = owner) =>
    t.app.inject({ method: "POST", url, headers: caller.headers, payload });
  const get = (url: string, caller = owner) => t.app.inject({ method: "GET", url, headers: caller.headers });
  const file = (text: string) => ({ name: "people.csv", text });

  async function importAndWait(text: string, mapping: object[] = MAPPING) {
    const started = await post(base(), { file: file(text), mapping });
    expect(started.statusCode, started.body).toBe(202);
    await importsSettled(t.deps);
    const finished = await get(`${base()}/${started.json().id}`);
    expect(finished.statusCode).toBe(200);
    return { started: started.json(), finished: finished.json() };
  }

  const countOf = async (
    table: typeof users | typeof memberships | typeof profiles | typeof enrolments,
    where?: ReturnType<typeof eq>,
  ) => (await t.database.db.select({ value: count() }).from(table).where(where))[0].value;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    programme = await createProgramme(t, orgId, {
      name: "Imported cohort",
      status: "registration_open",
      defaultMentorCapacity: 2,
      registrationForm: [
        {
          id: "track",
          kind: "single_choice",
          label: "Track",
          required: true,
          usedInMatching: true,
          options: ["frontend", "backend"],
        },
      ],
    });
    ids = await addPeople(t, orgId, programme.id, [
      { email: "mo@acme.test", name: "Mo Member", role: "mentee", answers: { track: "frontend" } },
      { email: "kim@acme.test", name: "Kim Known" },
      { email: "gone@acme.test", name: "Gone" },
    ]);
    await t.deps.repos.organisations.updateMember(orgId, ids["gone@acme.test"], {
      role: "member",
      status: "deactivated",
    });
  });
  afterAll(() => t.close());

  it("previews a file: columns with samples, a suggested mapping, the first rows, every row's problems by line", async () => {
    const response = await post(`${base()}/preview`, { file: file(FILE) });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.columns[1]).toEqual({
      index: 1,
      header: "Full name",
      samples: ["Lee Lead", "Ana\nLovelace", "Ben"],
    });
    expect(preview.mapping).toEqual(MAPPING);
    expect(preview.mappingProblems).toEqual([]);
    expect(preview.targets).toContainEqual({ target: "answer:track", label: "Track", required: false });
    expect(preview.rows.map((row: { line: number }) => row.line)).toEqual([2, 3, 6, 7, 8, 9, 10, 11]);
    expect(preview.totalRows).toBe(8);
    expect(preview.validRows).toBe(5);
    expect(
      preview.problems.map((problem: { line: number; field: string; label: string }) => [
        problem.line,
        problem.label,
      ]),
    ).toEqual([
      [6, "Mentor capacity"],
      [6, "Time zone"],
      [8, "Email"],
      [9, "Track"],
    ]);
    expect(preview.problems[2].message).toBe("ana@acme.test is already on line 3");
    expect(preview.problemCount).toBe(4);
  });

  it("previews with a mapping that cannot be used, saying why", async () => {
    const response = await post(`${base()}/preview`, {
      file: file(FILE),
      mapping: [
        { column: 1, field: "name" },
        { column: 2, field: "name" },
      ],
    });
    expect(response.json().mappingProblems.map((problem: { message: string }) => problem.message)).toEqual([
      "Name is filled by two columns",
      "Choose the column that holds each person's email",
    ]);
    expect(response.json().validRows).toBe(0);
    const started = await post(base(), { file: file(FILE), mapping: [{ column: 1, field: "name" }] });
    expect(started.statusCode).toBe(400);
    expect(started.json().error.details).toEqual([
      { path: "body.mapping", message: "Choose the column that holds each person's email" },
    ]);
    const nobody = await post(base(), { file: file("email\n\n"), mapping: [{ column: 0, field: "email" }] });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.details[0].path).toBe("body.file");
    const unknownQuestion = await post(base(), {
      file: file(FILE),
      mapping: [
        { column: 0, field: "email" },
        { column: 1, field: "answer:nope" },
      ],
    });
    expect(unknownQuestion.statusCode).toBe(400);
  });

  it("imports in the background: accounts, memberships, profiles, enrolments, managers; errors carry line numbers", async () => {
    const { started, finished } = await importAndWait(FILE);
    expect(started).toMatchObject({ totalRows: 8, startedByName: "Olivia Owner" });
    expect(finished).toMatchObject({
      status: "completed",
      totalRows: 8,
      processedRows: 8,
      createdCount: 3,
      updatedCount: 1,
    });
    expect(
      finished.errors.map((error: { line: number; field: string }) => [error.line, error.field]),
    ).toEqual([
      [6, "mentorCapacity"],
      [6, "timeZone"],
      [7, "managerEmail"],
      [8, "email"],
      [9, "answer:track"],
      [10, "email"],
    ]);
    expect(finished.errors.find((error: { line: number }) => error.line === 10).message).toMatch(
      /deactivated/,
    );
    expect(finished.errorCount).toBe(6);

    const ana = (await t.deps.repos.users.findByEmailWithHash("ana@acme.test"))!;
    expect(ana.name).toBe("Ana\nLovelace");
    const lead = (await t.deps.repos.users.findByEmailWithHash("lead@acme.test"))!;
    const [anaProfile] = await t.database.db
      .select()
      .from(profiles)
      .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, ana.id)));
    expect(anaProfile).toMatchObject({
      department: "Platform",
      jobTitle: "Engineer",
      timeZone: "Asia/Kolkata",
      languages: ["en", "hi"],
      skillsWanted: [
        { skill: "TypeScript", level: 2 },
        { skill: "go", level: 1 },
      ],
      topics: ["testing"],
      managerId: lead.id,
      searchText: "testing",
    });
    const anaEnrolment = await t.deps.repos.enrolments.findForUser(orgId, programme.id, ana.id);
    expect(anaEnrolment).toMatchObject({
      role: "mentee",
      status: "active",
      mentorCapacity: 0,
      source: "import",
      answers: { track: "frontend" },
    });
    const leadEnrolment = await t.deps.repos.enrolments.findForUser(orgId, programme.id, lead.id);
    expect(leadEnrolment).toMatchObject({ role: "mentor", mentorCapacity: 3 });
    // Mo was a mentee: the import updates the role and keeps their answers.
    const mo = await t.deps.repos.enrolments.findForUser(orgId, programme.id, ids["mo@acme.test"]);
    expect(mo).toMatchObject({
      role: "mentor",
      mentorCapacity: 2,
      source: "admin",
      answers: { track: "frontend" },
    });
    const cy = (await t.deps.repos.users.findByEmailWithHash("cy@acme.test"))!;
    expect((await t.deps.repos.organisations.findMember(orgId, cy.id))?.status).toBe("active");
    // New accounts got a set-password link; members were told.
    expect((await emailsTo(t, "ana@acme.test"))[0].text).toContain("/reset-password?token=");
    expect(await emailsTo(t, "mo@acme.test")).toHaveLength(0);
    expect(await emailsTo(t, "gone@acme.test")).toHaveLength(0);
  });

  it("re-importing the same file updates and never duplicates users, memberships, profiles or enrolments", async () => {
    const before = {
      users: await countOf(users),
      memberships: await countOf(memberships, eq(memberships.orgId, orgId)),
      profiles: await countOf(profiles, eq(profiles.orgId, orgId)),
      enrolments: await countOf(enrolments, eq(enrolments.programmeId, programme.id)),
      emails: (await emailsTo(t, "ana@acme.test")).length,
    };
    const changed = FILE.replace(
      "lead@acme.test,Lee Lead,mentor,3,Platform",
      "LEAD@acme.test,Lee Lead,mentor,4,Platform",
    );
    const { finished } = await importAndWait(changed);
    expect(finished).toMatchObject({
      status: "completed",
      createdCount: 0,
      updatedCount: 4,
      processedRows: 8,
    });
    expect({
      users: await countOf(users),
      memberships: await countOf(memberships, eq(memberships.orgId, orgId)),
      profiles: await countOf(profiles, eq(profiles.orgId, orgId)),
      enrolments: await countOf(enrolments, eq(enrolments.programmeId, programme.id)),
      emails: (await emailsTo(t, "ana@acme.test")).length,
    }).toEqual(before);
    const lead = (await t.deps.repos.users.findByEmailWithHash("lead@acme.test"))!;
    expect((await t.deps.repos.enrolments.findForUser(orgId, programme.id, lead.id))?.mentorCapacity).toBe(4);
    const list = await get(base());
    expect(
      list
        .json()
        .imports.map((item: { createdCount: number; updatedCount: number }) => [
          item.createdCount,
          item.updatedCount,
        ]),
    ).toEqual([
      [0, 4],
      [3, 1],
    ]);
  });

  it("a thinner file changes only what it gives (empty cells keep what is stored)", async () => {
    await importAndWait("email,role\nana@acme.test,mentee\n", [
      { column: 0, field: "email" },
      { column: 1, field: "role" },
    ]);
    const ana = (await t.deps.repos.users.findByEmailWithHash("ana@acme.test"))!;
    const [profile] = await t.database.db
      .select()
      .from(profiles)
      .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, ana.id)));
    expect(profile).toMatchObject({ department: "Platform", timeZone: "Asia/Kolkata" });
    expect((await t.deps.repos.enrolments.findForUser(orgId, programme.id, ana.id))?.answers).toEqual({
      track: "frontend",
    });
  });

  it("uses the default role for rows without one, refuses a loop of managers, and counts rows with problems", async () => {
    const text = [
      "email,manager",
      "p1@acme.test,p2@acme.test",
      "p2@acme.test,p1@acme.test",
      "lead@acme.test,ana@acme.test",
    ].join("\r\n");
    const started = await post(base(), {
      file: file(text),
      mapping: [
        { column: 0, field: "email" },
        { column: 1, field: "managerEmail" },
      ],
      defaultRole: "mentee",
    });
    expect(started.statusCode, started.body).toBe(202);
    await importsSettled(t.deps);
    const finished = (await get(`${base()}/${started.json().id}`)).json();
    expect(
      finished.errors.map((error: { line: number; field: string }) => [error.line, error.field]),
    ).toEqual([
      [3, "managerEmail"],
      [4, "managerEmail"],
    ]);
    const p1 = (await t.deps.repos.users.findByEmailWithHash("p1@acme.test"))!;
    const p2 = (await t.deps.repos.users.findByEmailWithHash("p2@acme.test"))!;
    const [profile] = await t.database.db.select().from(profiles).where(eq(profiles.userId, p1.id));
    expect(profile.managerId).toBe(p2.id);
    expect((await t.deps.repos.enrolments.findForUser(orgId, programme.id, p2.id))?.role).toBe("mentee");
  });

  it("a file of many rows imports in chunks with progress, and a second import waits for the first", async () => {
    const rows = Array.from(
      { length: 1500 },
      (_, index) => `bulk${index}@acme.test,Person ${index},mentee,backend`,
    );
    const text = ["email,name,role,track", ...rows].join("\n");
    const mapping = [
      { column: 0, field: "email" },
      { column: 1, field: "name" },
      { column: 2, field: "role" },
      { column: 3, field: "answer:track" },
    ];
    const started = await post(base(), { file: file(text), mapping });
    expect(started.statusCode).toBe(202);
    expect(started.json().status).toBe("running");
    const second = await post(base(), { file: file(text), mapping });
    expect(second.statusCode).toBe(409);
    await importsSettled(t.deps);
    const finished = (await get(`${base()}/${started.json().id}`)).json();
    expect(finished).toMatchObject({
      status: "completed",
      processedRows: 1500,
      createdCount: 1500,
      errorCount: 0,
    });
    expect(await countOf(enrolments, eq(enrolments.programmeId, programme.id))).toBeGreaterThanOrEqual(1505);
    await t.deps.events.idle();
    // Told in the app through events (one per chunk), worded when read: none stored as text.
    const notices = await t.database.db.execute(
      sql`select count(*)::int as n from notifications where kind = 'enrolment.added' and event_id is not null`,
    );
    expect((notices as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThanOrEqual(1500);
  });

  it("an import abandoned by a restart is reported as failed", async () => {
    const id = await t.deps.repos.csvImports.create({
      orgId,
      programmeId: programme.id,
      totalRows: 10,
      processedRows: 3,
      errors: [],
      startedBy: owner.me.user.id as UserId,
    });
    await t.database.db.execute(
      sql`update csv_imports set created_at = now() - interval '2 hours' where id = ${id}`,
    );
    const response = (await get(`${base()}/${id}`)).json();
    expect(response.status).toBe("failed");
    expect(response.errors[0].message).toMatch(/stopped before it finished/);
  });

  it("members cannot preview, start or read imports (403)", async () => {
    await addPeople(t, orgId, null, [{ email: "plain@acme.test" }]);
    const member = await signInFixture(t, "plain@acme.test");
    expect((await post(`${base()}/preview`, { file: file(FILE) }, member)).statusCode).toBe(403);
    expect((await post(base(), { file: file(FILE), mapping: MAPPING }, member)).statusCode).toBe(403);
    expect((await get(base(), member)).statusCode).toBe(403);
  });

  it("takes a body larger than the 1 MiB default on the import routes", async () => {
    const rows = Array.from(
      { length: 12_000 },
      (_, index) => `big${index}@acme.test,${"Long Name ".repeat(10)}${index},mentee,backend`,
    );
    const text = ["email,name,role,track", ...rows].join("\n");
    expect(text.length).toBeGreaterThan(1_100_000);
    const response = await post(`${base()}/preview`, { file: file(text) });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.json()).toMatchObject({ totalRows: 12_000, validRows: 12_000, problemCount: 0 });
    expect(response.json().rows).toHaveLength(20);
  });
});
