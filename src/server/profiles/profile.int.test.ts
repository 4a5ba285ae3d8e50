import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MyProfile, ProfileInput } from "../../contracts/profiles.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { profiles } from "../../db/schema.ts";
import { profileSamples } from "../testing/samples/profiles.samples.ts";
import { addPeople, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

const sample = profileSamples.updateMyProfile as ProfileInput;

describe("my profile", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let ids: Record<string, UserId>;
  let ann: Caller;
  let orgB: OrgId;
  let ownerB: Caller;

  const put = (caller: Caller, body: unknown, org: string = orgId) =>
    t.app.inject({
      method: "PUT",
      url: `/api/orgs/${org}/profile`,
      headers: caller.headers,
      payload: body as object,
    });
  const get = (caller: Caller, org: string = orgId) =>
    t.app.inject({ method: "GET", url: `/api/orgs/${org}/profile`, headers: caller.headers });
  const stored = async (userId: string) => {
    const [row] = await t.database.db
      .select({ searchText: profiles.searchText })
      .from(profiles)
      .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, userId)));
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    ids = await addPeople(t, orgId, null, [
      { email: "ann@acme.test", name: "Ann Archer" },
      { email: "bob@acme.test", name: "Bob Baker" },
      { email: "cy@acme.test", name: "Cy Cooper" },
      { email: "dee@acme.test", name: "Dee Dorsey" },
      { email: "gone@acme.test", name: "Gwen Gone" },
    ]);
    await t.deps.repos.organisations.updateMember(orgId, ids["gone@acme.test"], {
      role: "member",
      status: "deactivated",
    });
    ann = await signInFixture(t, "ann@acme.test");
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    ownerB = b.owner;
  });
  afterAll(() => t.close());

  it("is empty with the default visibility until first saved (updatedAt null)", async () => {
    const response = await get(owner);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      userId: owner.me.user.id,
      name: "Olivia Owner",
      headline: "",
      timeZone: "UTC",
      skillsOffered: [],
      manager: null,
      photo: null,
      updatedAt: null,
      visibility: {
        about: "organisation",
        work: "organisation",
        skills: "organisation",
        goals: "programme",
        availability: "organisation",
      },
    });
  });

  it("saves every field and reads it back; search_text is the offered skills and topics", async () => {
    const body: ProfileInput = {
      ...sample,
      topics: ["career growth", "system design"],
      skillsOffered: [
        { skill: "TypeScript", level: 4 },
        { skill: "SQL", level: 3 },
      ],
      availability: [
        { day: 4, start: "14:00", end: "16:00" },
        { day: 2, start: "09:00", end: "11:00" },
        { day: 2, start: "11:00", end: "12:30" },
      ],
      visibility: { goals: "admins", work: "programme" },
    };
    const response = await put(ann, body);
    expect(response.statusCode, response.body).toBe(200);
    const saved = response.json() as MyProfile;
    expect(saved).toMatchObject({
      name: "Ann Archer",
      headline: sample.headline,
      bio: sample.bio,
      jobTitle: sample.jobTitle,
      department: sample.department,
      location: sample.location,
      timeZone: "Europe/Berlin",
      languages: ["en", "de"],
      yearsExperience: 10,
      skillsWanted: sample.skillsWanted,
      careerGoals: sample.careerGoals,
      links: sample.links,
      visibility: {
        about: "organisation",
        work: "programme",
        skills: "organisation",
        goals: "admins",
        availability: "organisation",
      },
    });
    expect(saved.updatedAt).not.toBeNull();
    // Kept in week order.
    expect(saved.availability.map((slot) => `${slot.day} ${slot.start}`)).toEqual([
      "2 09:00",
      "2 11:00",
      "4 14:00",
    ]);
    expect((await get(ann)).json()).toEqual(saved);
    expect(await stored(ids["ann@acme.test"])).toEqual({
      searchText: "TypeScript SQL career growth system design",
    });
    const [match] = await t.database.db
      .select({ userId: profiles.userId })
      .from(profiles)
      .where(sql`${profiles.orgId} = ${orgId} and ${profiles.search} @@ plainto_tsquery('simple', 'sql')`);
    expect(match?.userId).toBe(ids["ann@acme.test"]);
  });

  it("a second save replaces the first; search_text follows", async () => {
    const response = await put(ann, { ...sample, skillsOffered: [], topics: ["mentoring"] });
    expect(response.statusCode).toBe(200);
    expect(await stored(ids["ann@acme.test"])).toEqual({ searchText: "mentoring" });
  });

  it("skills on the organisation's list take its spelling; free additions are kept as typed", async () => {
    for (const name of ["TypeScript", "Public speaking"]) {
      const created = await t.app.inject({
        method: "POST",
        url: `/api/orgs/${orgId}/skills`,
        headers: owner.headers,
        payload: { name },
      });
      expect(created.statusCode).toBe(201);
    }
    const response = await put(ann, {
      ...sample,
      skillsOffered: [
        { skill: "typescript", level: 5 },
        { skill: "  Kubernetes ", level: 2 },
      ],
      skillsWanted: [{ skill: "PUBLIC SPEAKING", level: 1 }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().skillsOffered).toEqual([
      { skill: "TypeScript", level: 5 },
      { skill: "Kubernetes", level: 2 },
    ]);
    expect(response.json().skillsWanted).toEqual([{ skill: "Public speaking", level: 1 }]);
  });

  it("time zones are checked as IANA names and their case is fixed", async () => {
    const response = await put(ann, { ...sample, timeZone: "america/st_johns" });
    expect(response.statusCode).toBe(200);
    expect(response.json().timeZone).toBe("America/St_Johns");
  });

  const long = (n: number) => "x".repeat(n);
  const badInput: [string, Partial<Record<keyof ProfileInput, unknown>>, string][] = [
    ["headline too long", { headline: long(121) }, "body.headline"],
    ["bio too long", { bio: long(4001) }, "body.bio"],
    ["job title too long", { jobTitle: long(121) }, "body.jobTitle"],
    ["department too long", { department: long(121) }, "body.department"],
    ["location too long", { location: long(121) }, "body.location"],
    ["career goals too long", { careerGoals: long(2001) }, "body.careerGoals"],
    ["manager not an id", { managerId: "bob" }, "body.managerId"],
    ["unknown time zone", { timeZone: "Mars/Olympus" }, "body.timeZone"],
    ["an offset is not a zone", { timeZone: "+02:00" }, "body.timeZone"],
    ["a language name, not a code", { languages: ["English"] }, "body.languages.0"],
    ["the same language twice", { languages: ["en", "EN"] }, "body.languages"],
    [
      "too many languages",
      { languages: Array.from({ length: 11 }, (_, i) => `l${"abcdefghijk"[i]}`) },
      "body.languages",
    ],
    ["negative years", { yearsExperience: -1 }, "body.yearsExperience"],
    ["too many years", { yearsExperience: 61 }, "body.yearsExperience"],
    ["fractional years", { yearsExperience: 2.5 }, "body.yearsExperience"],
    ["skill level 0", { skillsOffered: [{ skill: "Go", level: 0 }] }, "body.skillsOffered.0.level"],
    ["skill level 6", { skillsOffered: [{ skill: "Go", level: 6 }] }, "body.skillsOffered.0.level"],
    ["skill level 2.5", { skillsWanted: [{ skill: "Go", level: 2.5 }] }, "body.skillsWanted.0.level"],
    ["blank skill", { skillsOffered: [{ skill: "  ", level: 3 }] }, "body.skillsOffered.0.skill"],
    ["skill name too long", { skillsWanted: [{ skill: long(81), level: 3 }] }, "body.skillsWanted.0.skill"],
    ["skill without a level", { skillsOffered: [{ skill: "Go" }] }, "body.skillsOffered.0.level"],
    [
      "skill with an unknown field",
      { skillsOffered: [{ skill: "Go", level: 2, x: 1 }] },
      "body.skillsOffered",
    ],
    [
      "the same skill twice, in other case",
      {
        skillsOffered: [
          { skill: "Go", level: 2 },
          { skill: "GO ", level: 3 },
        ],
      },
      "body.skillsOffered",
    ],
    [
      "too many skills",
      { skillsWanted: Array.from({ length: 31 }, (_, i) => ({ skill: `skill ${i}`, level: 1 })) },
      "body.skillsWanted",
    ],
    ["the same topic twice", { topics: ["growth", "Growth"] }, "body.topics"],
    ["a one-letter topic", { topics: ["x"] }, "body.topics.0"],
    ["too many topics", { topics: Array.from({ length: 21 }, (_, i) => `topic ${i}`) }, "body.topics"],
    ["weekday 0", { availability: [{ day: 0, start: "09:00", end: "10:00" }] }, "body.availability.0.day"],
    ["weekday 8", { availability: [{ day: 8, start: "09:00", end: "10:00" }] }, "body.availability.0.day"],
    [
      "a time without two digits",
      { availability: [{ day: 1, start: "9:00", end: "10:00" }] },
      "body.availability.0.start",
    ],
    [
      "a time past midnight",
      { availability: [{ day: 1, start: "09:00", end: "24:30" }] },
      "body.availability.0.end",
    ],
    [
      "an end before the start",
      { availability: [{ day: 1, start: "10:00", end: "09:00" }] },
      "body.availability.0.end",
    ],
    [
      "overlapping times",
      {
        availability: [
          { day: 3, start: "09:00", end: "11:00" },
          { day: 3, start: "10:00", end: "12:00" },
        ],
      },
      "body.availability",
    ],
    ["a javascript: link", { links: [{ label: "x", url: "javascript:alert(1)" }] }, "body.links.0.url"],
    ["an ftp link", { links: [{ label: "x", url: "ftp://example.test/file" }] }, "body.links.0.url"],
    ["a link that is not a URL", { links: [{ label: "x", url: "example.test" }] }, "body.links.0.url"],
    ["a link without a label", { links: [{ label: "", url: "https://example.test" }] }, "body.links.0.label"],
    [
      "eleven links",
      { links: Array.from({ length: 11 }, (_, i) => ({ label: `l${i}`, url: `https://example.test/${i}` })) },
      "body.links",
    ],
    ["an unknown visibility level", { visibility: { goals: "everyone" } }, "body.visibility.goals"],
    ["an unknown section", { visibility: { salary: "admins" } }, "body.visibility"],
  ];

  for (const [what, change, path] of badInput) {
    it(`refuses ${what} with a 400 naming ${path}`, async () => {
      const before = (await get(ann)).json();
      const response = await put(ann, { ...sample, ...change });
      expect(response.statusCode, response.body).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe("validation_failed");
      expect(error.details.map((detail: { path: string }) => detail.path)).toContain(path);
      expect((await get(ann)).json(), "nothing was written").toEqual(before);
    });
  }

  it("says which times overlap, in words", async () => {
    const response = await put(ann, {
      ...sample,
      availability: [
        { day: 1, start: "09:00", end: "11:00" },
        { day: 1, start: "10:30", end: "12:00" },
      ],
    });
    expect(response.json().error.details).toContainEqual({
      path: "body.availability",
      message: "Monday 10:30–12:00 overlaps 09:00–11:00",
    });
  });

  describe("the manager", () => {
    it("is an active member of the organisation, shown with their name", async () => {
      const response = await put(ann, { ...sample, managerId: ids["bob@acme.test"] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().manager).toEqual({ userId: ids["bob@acme.test"], name: "Bob Baker" });
    });

    it("is not yourself, someone unknown, someone deactivated or someone of another organisation", async () => {
      const cases: [string, number][] = [
        [ids["ann@acme.test"], 400],
        ["00000000-0000-4000-8000-00000000dead", 400],
        [ids["gone@acme.test"], 400],
        [ownerB.me.user.id, 400],
      ];
      for (const [managerId, status] of cases) {
        const response = await put(ann, { ...sample, managerId });
        expect(response.statusCode, managerId).toBe(status);
        expect(response.json().error.details).toEqual([expect.objectContaining({ path: "body.managerId" })]);
      }
      expect((await get(ann)).json().manager?.userId).toBe(ids["bob@acme.test"]);
    });

    it("may not close a reporting loop, directly or through others (422 naming the field)", async () => {
      // Ann reports to Bob; Bob reports to Cy.
      const bob = await signInFixture(t, "bob@acme.test");
      const cy = await signInFixture(t, "cy@acme.test");
      expect((await put(bob, { ...sample, managerId: ids["cy@acme.test"] })).statusCode).toBe(200);

      const direct = await put(bob, { ...sample, managerId: ids["ann@acme.test"] });
      expect(direct.statusCode).toBe(422);
      expect(direct.json().error).toMatchObject({
        code: "domain_rule",
        details: [{ path: "body.managerId", message: expect.stringContaining("Ann Archer reports to you") }],
      });
      const through = await put(cy, { ...sample, managerId: ids["ann@acme.test"] });
      expect(through.statusCode).toBe(422);
      expect((await get(cy)).json().manager).toBeNull();
      // Another line is fine.
      expect((await put(cy, { ...sample, managerId: ids["dee@acme.test"] })).statusCode).toBe(200);
    });

    it("pairs making each other their manager at the same moment: exactly one of each pair succeeds", async () => {
      const pairs = 8;
      const people = Array.from({ length: pairs * 2 }, (_, i) => ({
        email: `race${i}@acme.test`,
        name: `Racer ${i}`,
      }));
      const raceIds = await addPeople(t, orgId, null, people);
      const callers = await Promise.all(people.map((person) => signInFixture(t, person.email)));
      const responses = await Promise.all(
        callers.map((caller, i) => {
          const partner = people[i % 2 === 0 ? i + 1 : i - 1].email;
          return put(caller, { ...sample, managerId: raceIds[partner] });
        }),
      );
      for (let pair = 0; pair < pairs; pair++) {
        const codes = [responses[pair * 2].statusCode, responses[pair * 2 + 1].statusCode].sort();
        expect(codes, `pair ${pair}`).toEqual([200, 422]);
      }
    });

    it("a manager who has since left does not block saving other fields; clearing works", async () => {
      const eve = (await addPeople(t, orgId, null, [{ email: "eve@acme.test", name: "Eve" }]))[
        "eve@acme.test"
      ];
      const fred = await (async () => {
        await addPeople(t, orgId, null, [{ email: "fred@acme.test", name: "Fred" }]);
        return signInFixture(t, "fred@acme.test");
      })();
      expect((await put(fred, { ...sample, managerId: eve })).statusCode).toBe(200);
      await t.deps.repos.organisations.updateMember(orgId, eve, { role: "member", status: "deactivated" });
      const again = await put(fred, { ...sample, headline: "Still here", managerId: eve });
      expect(again.statusCode, again.body).toBe(200);
      expect((await put(fred, { ...sample, managerId: null })).json().manager).toBeNull();
    });
  });

  describe("people search", () => {
    const search = (caller: Caller, query: string, org: string = orgId) =>
      t.app.inject({ method: "GET", url: `/api/orgs/${org}/people?${query}`, headers: caller.headers });

    it("finds active members by part of the name, in name order, names only", async () => {
      const response = await search(ann, "q=b");
      expect(response.statusCode).toBe(200);
      expect(response.json().people).toEqual([{ userId: ids["bob@acme.test"], name: "Bob Baker" }]);
      const all = (await search(ann, "limit=50"))
        .json()
        .people.map((person: { name: string }) => person.name);
      expect(all).toEqual(
        [...all].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())),
      );
      expect(all).not.toContain("Gwen Gone");
      expect(all).not.toContain("Bob Beta");
    });

    it("treats % and _ as plain characters", async () => {
      expect((await search(ann, "q=%25")).json().people).toEqual([]);
    });

    it("refuses a bad limit and another organisation's list (404)", async () => {
      expect((await search(ann, "limit=0")).statusCode).toBe(400);
      expect((await search(ann, "q=b", orgB)).statusCode).toBe(404);
    });
  });

  it("a member of another organisation gets 404 on this organisation's profile routes", async () => {
    expect((await get(ownerB)).statusCode).toBe(404);
    expect((await put(ownerB, sample)).statusCode).toBe(404);
    // ...and their own organisation's profile is a separate one.
    expect((await get(ann, orgB)).statusCode).toBe(404);
    expect((await put(ownerB, { ...sample, headline: "Beta" }, orgB)).statusCode).toBe(200);
    expect((await get(owner)).json().headline).not.toBe("Beta");
  });
});
