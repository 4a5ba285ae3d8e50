import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MentorSearchResult } from "../../contracts/mentor-search.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { skillKey } from "../../core/mentor-search/mentor-index.ts";
import type { FacetCount } from "../../core/mentor-search/mentor-index-search.ts";
import { profileSearchText } from "../../core/profiles/profile-rules.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { MentorSearchFilters } from "../../db/index.ts";
import {
  addPeople,
  createProgramme,
  type FixturePerson,
  signInFixture,
} from "../testing/programme-fixtures.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

/** A small seeded PRNG (mulberry32): the same people and searches on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], most: number) => [
    ...new Set(Array.from({ length: Math.floor(next() * (most + 1)) }, () => pick(items))),
  ];
  return { next, pick, some };
}

const DEPARTMENTS = ["Engineering", "Data", "Design", "Product", ""];
const LOCATIONS = ["London", "Berlin", "Lisbon", ""];
const LANGUAGES = ["English", "German", "Portuguese", "Spanish"];
const SKILLS = [
  "TypeScript",
  "typescript",
  "Python",
  "python ",
  "Go",
  "Figma",
  "Leadership",
  "Statistics",
  "C++",
];
const WORDS = ["engineer", "python", "data", "incident", "response", "design", "leader", "mentor", "cloud"];

/** Mentors with varied profiles; some hide a section, some are paused, some have pairs. */
function people(count: number): FixturePerson[] {
  const r = random(20261122);
  const list: FixturePerson[] = [];
  for (let k = 0; k < count; k++) {
    const skillsOffered = r.some(SKILLS, 4).map((skill) => ({ skill, level: 1 + Math.floor(r.next() * 5) }));
    const topics = r.some(WORDS, 2);
    const hidden = r.next();
    list.push({
      email: `m${k}@index.test`,
      name: `Mentor ${k}`,
      role: r.next() < 0.1 ? "both" : "mentor",
      status: r.next() < 0.1 ? "paused" : "active",
      mentorCapacity: Math.floor(r.next() * 4),
      profile: {
        headline: `${r.pick(["Senior", "Staff", "Lead"])} ${r.pick(WORDS)}`,
        jobTitle: r.pick(["engineer", "designer", "analyst"]),
        department: r.pick(DEPARTMENTS),
        location: r.pick(LOCATIONS),
        languages: r.some(LANGUAGES, 3),
        bio: Array.from({ length: 12 }, () => r.pick(WORDS)).join(" "),
        topics,
        skillsOffered,
        visibility: hidden < 0.1 ? { work: "admins" } : hidden < 0.2 ? { skills: "admins" } : {},
        searchText: profileSearchText(skillsOffered, topics),
      },
    });
  }
  return list;
}

/** A facet as a map, chosen values nobody has left out; skills by key (spellings may differ). */
function counts(values: readonly FacetCount[], caseless = false): Record<string, number> {
  return Object.fromEntries(
    values.filter((v) => v.count > 0).map((v) => [caseless ? skillKey(v.value) : v.value, v.count]),
  );
}

describe("mentor search from the instance's index", () => {
  let t: TestApp;
  let owner: Caller;
  let mentee: Caller;
  let orgId: OrgId;
  let programmeId: ProgrammeId;
  let ids: Record<string, UserId>;
  const url = () => `/api/orgs/${orgId}/programmes/${programmeId}/mentors`;

  async function search(caller: Caller, query: string): Promise<MentorSearchResult> {
    const response = await t.app.inject({ method: "GET", url: `${url()}?${query}`, headers: caller.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    programmeId = (await createProgramme(t, orgId)).id;
    ids = await addPeople(t, orgId, programmeId, [
      ...people(90),
      { email: "me@index.test", name: "Me", role: "mentee" },
      { email: "other@index.test", role: "mentee" },
    ]);
    mentee = await signInFixture(t, "me@index.test");
    // Two mentors with a live pair each: less room left.
    for (const k of [3, 4])
      await t.deps.repos.relationships.create({
        orgId,
        programmeId,
        menteeId: ids["other@index.test"],
        mentorId: ids[`m${k}@index.test`],
        origin: "admin",
        endsOn: null,
        actorId: null,
      });
  });
  afterAll(() => t?.close());

  /** Random searches through the route, each compared with the SQL statement's answer. */
  async function compareWithReference(r: ReturnType<typeof random>, runs: number) {
    const queries = [
      "",
      "python",
      "engineer",
      "data -python",
      '"incident response"',
      "design or cloud",
      "zzqx",
    ];
    for (let run = 0; run < runs; run++) {
      const filters: MentorSearchFilters = {
        q: r.pick(queries),
        departments: r.some(DEPARTMENTS.filter(Boolean), 2),
        languages: r.some(LANGUAGES, 1),
        locations: r.some(LOCATIONS.filter(Boolean), 1),
        skills: r.some(["typescript", "PYTHON", "go", "c++"], 1),
        hasCapacity: r.next() < 0.3,
        excludeUserId: ids["me@index.test"],
        viewerIsAdmin: r.next() < 0.3,
        limit: 5,
        offset: r.pick([0, 0, 5]),
      };
      const query = new URLSearchParams({ limit: "5", offset: String(filters.offset) });
      if (filters.q) query.set("q", filters.q);
      for (const [key, values] of [
        ["department", filters.departments],
        ["language", filters.languages],
        ["location", filters.locations],
        ["skill", filters.skills],
      ] as const)
        for (const value of values) query.append(key, value);
      if (filters.hasCapacity) query.set("hasCapacity", "true");
      const asked = `${run}: ${query} (admin: ${filters.viewerIsAdmin})`;
      // The owner is an admin who is not enrolled: exclude nobody enrolled, as the route does.
      const caller = filters.viewerIsAdmin ? owner : mentee;
      const expected = await t.deps.repos.mentorSearch.search(orgId, programmeId, {
        ...filters,
        excludeUserId: caller.me.user.id as UserId,
      });
      const actual = await search(caller, query.toString());
      expect(actual.total, asked).toBe(expected.total);
      expect(
        actual.mentors.map((m) => [m.userId, m.relevance, m.remainingCapacity]),
        asked,
      ).toEqual(expected.rows.map((m) => [m.userId, Number(m.relevance), Math.max(0, m.remainingCapacity)]));
      for (const facet of ["department", "language", "location"] as const)
        expect(counts(actual.facets[facet]), `${asked} ${facet}`).toEqual(counts(expected.facets[facet]));
      expect(counts(actual.facets.skill, true), `${asked} skill`).toEqual(
        counts(expected.facets.skill, true),
      );
    }
  }

  it("answers every search as the one SQL statement does: page, relevance, total and facets", async () => {
    await compareWithReference(random(7), 60);
  });

  it("after writes of every kind, still answers as the SQL statement does (the index is patched)", async () => {
    const r = random(11);
    const mentors = Object.keys(ids).filter((email) => email.startsWith("m"));
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 12; k++) {
        const who = ids[r.pick(mentors)];
        const write = r.pick([
          sql`update profiles set department = ${r.pick(DEPARTMENTS)}, languages = ${`{${r.some(LANGUAGES, 2).join(",")}}`} where user_id = ${who}`,
          sql`update profiles set skills_offered = ${JSON.stringify(r.some(SKILLS, 3).map((skill) => ({ skill, level: 3 })))}::jsonb, search_text = ${r.pick(WORDS)} where user_id = ${who}`,
          sql`update profiles set visibility = ${JSON.stringify(r.pick([{}, { work: "admins" }, { skills: "admins" }]))}::jsonb where user_id = ${who}`,
          sql`update enrolments set status = ${r.pick(["active", "paused"])}, mentor_capacity = ${Math.floor(r.next() * 4)} where user_id = ${who}`,
          sql`update enrolments set role = ${r.pick(["mentor", "both", "mentee"])} where user_id = ${who}`,
          sql`insert into relationships (org_id, programme_id, mentee_id, mentor_id, status, origin)
              values (${orgId}, ${programmeId}, ${ids["other@index.test"]}, ${who}, 'active', 'admin')`,
          sql`update relationships set status = 'completed' where mentor_id = ${who}`,
        ]);
        await t.database.db.execute(write);
      }
      await compareWithReference(r, 20);
    }
  });

  it("sees every write committed before the search, even one the application did not make", async () => {
    const before = await search(mentee, "department=Finance");
    expect(before.total).toBe(0);
    // Written behind the application's back (another instance, or an operator's SQL).
    const someone = ids["m10@index.test"];
    const write = async (statement: string, values: unknown[]) => {
      if (t.database.url) {
        const client = new pg.Client({ connectionString: t.database.url });
        await client.connect();
        await client.query(statement, values).finally(() => client.end());
      } else await t.database.db.execute(sql.raw(statement.replace("$1", `'${values[0]}'`)));
    };
    await write("update profiles set department = 'Finance', visibility = '{}' where user_id = $1", [
      someone,
    ]);
    await write("update enrolments set status = 'active', mentor_capacity = 3 where user_id = $1", [someone]);
    const after = await search(mentee, "department=Finance");
    expect(after.mentors.map((m) => m.userId)).toEqual([someone]);
    expect(after.facets.department.find((f) => f.value === "Finance")?.count).toBe(1);

    await write("update enrolments set status = 'paused' where user_id = $1", [someone]);
    expect((await search(mentee, "department=Finance")).total).toBe(0);
  });

  it("shows room left as pairs start and end", async () => {
    const mentor = ids["m20@index.test"];
    await t.database.db.execute(
      sql`update enrolments set status = 'active', mentor_capacity = 1 where user_id = ${mentor}`,
    );
    await t.database.db.execute(
      sql`update profiles set department = 'Legal', visibility = '{}' where user_id = ${mentor}`,
    );
    const room = async () =>
      (await search(mentee, "department=Legal&hasCapacity=true")).mentors.map((m) => m.userId);
    expect(await room()).toEqual([mentor]);
    const pair = await t.deps.repos.relationships.create({
      orgId,
      programmeId,
      menteeId: ids["other@index.test"],
      mentorId: mentor,
      origin: "admin",
      endsOn: null,
      actorId: null,
    });
    expect(await room()).toEqual([]);
    await t.database.db.execute(sql`update relationships set status = 'completed' where id = ${pair.id}`);
    expect(await room()).toEqual([mentor]);
  });

  it("finds a mentor by new words at once, and stops finding words they removed", async () => {
    const mentor = ids["m30@index.test"];
    await t.database.db.execute(
      sql`update enrolments set status = 'active', role = 'mentor' where user_id = ${mentor}`,
    );
    await t.database.db.execute(
      sql`update profiles set bio = 'Kubernetes whisperer' where user_id = ${mentor}`,
    );
    expect((await search(mentee, "q=kubernetes")).mentors.map((m) => m.userId)).toEqual([mentor]);
    await t.database.db.execute(sql`update profiles set bio = 'Gardening' where user_id = ${mentor}`);
    expect((await search(mentee, "q=kubernetes")).total).toBe(0);
    // Mentee now: their words are no longer searched as a mentor's.
    await t.database.db.execute(sql`update profiles set bio = 'Kubernetes again' where user_id = ${mentor}`);
    await t.database.db.execute(sql`update enrolments set role = 'mentee' where user_id = ${mentor}`);
    expect((await search(mentee, "q=kubernetes")).total).toBe(0);
    const docs = await t.database.db.execute(
      sql`select count(*)::int as n from mentor_search_docs where user_id = ${mentor}`,
    );
    expect((docs as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
  });

  it("when the change feed is down, answers from the database (same answers, nothing stale)", async () => {
    const fromIndex = await search(mentee, "q=python&language=English");
    await t.deps.changes.close();
    expect(await t.deps.changes.sync()).toBe(false);
    const fromDatabase = await search(mentee, "q=python&language=English");
    expect(fromDatabase.mentors).toEqual(fromIndex.mentors);
    expect(fromDatabase.total).toBe(fromIndex.total);
    for (const facet of ["department", "language", "location"] as const)
      expect(fromDatabase.facets[facet]).toEqual(fromIndex.facets[facet]);
    expect(counts(fromDatabase.facets.skill, true)).toEqual(counts(fromIndex.facets.skill, true));
    const mentor = ids["m40@index.test"];
    await t.database.db.execute(
      sql`update profiles set department = 'Audit', visibility = '{}' where user_id = ${mentor}`,
    );
    await t.database.db.execute(sql`update enrolments set status = 'active' where user_id = ${mentor}`);
    expect(
      (await search(mentee, "department=Audit")).facets.department.find((f) => f.value === "Audit"),
    ).toEqual({
      value: "Audit",
      count: 1,
      selected: true,
    });
  });
});
