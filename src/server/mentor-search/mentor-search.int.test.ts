import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MentorSearchResult } from "../../contracts/mentor-search.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { profileSearchText } from "../../core/profiles/profile-rules.ts";
import { addPeople, createProgramme, type FixturePerson } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { call, type SelfMatchWorld, selfMatchWorld, sendRequest } from "../requests/requests.test-support.ts";

/** A mentor with a profile as the profiles feature stores it (search_text kept from skills and topics). */
function mentor(
  name: string,
  profile: {
    headline: string;
    department: string;
    location: string;
    languages: string[];
    skills: [string, number][];
    bio?: string;
    topics?: string[];
    visibility?: Record<string, string>;
  },
  extra: Partial<FixturePerson> = {},
): FixturePerson {
  const skillsOffered = profile.skills.map(([skill, level]) => ({ skill, level }));
  return {
    email: `${name.split(" ")[0].toLowerCase()}@search.test`,
    name,
    role: "mentor",
    mentorCapacity: 2,
    ...extra,
    profile: {
      headline: profile.headline,
      department: profile.department,
      location: profile.location,
      languages: profile.languages,
      bio: profile.bio ?? "",
      topics: profile.topics ?? [],
      skillsOffered,
      visibility: profile.visibility ?? {},
      searchText: profileSearchText(skillsOffered, profile.topics ?? []),
    },
  };
}

describe("mentor search with facets", () => {
  let t: TestApp;
  let owner: Caller;
  let world: SelfMatchWorld;
  let programmeOfB: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    world = await selfMatchWorld(t, owner.me.currentOrgId as OrgId, [
      mentor("Ana Lead", {
        headline: "Engineering manager",
        department: "Engineering",
        location: "London",
        languages: ["English", "Spanish"],
        skills: [
          ["TypeScript", 4],
          ["Leadership", 5],
        ],
        bio: "I have mentored engineers through their first promotions.",
      }),
      mentor("Bo Data", {
        headline: "Data scientist",
        department: "Data",
        location: "Berlin",
        languages: ["German", "English"],
        skills: [
          ["Python", 5],
          ["Statistics", 4],
        ],
      }),
      mentor(
        "Cy Design",
        {
          headline: "Product designer",
          department: "Design",
          location: "London",
          languages: ["English"],
          skills: [
            ["Figma", 5],
            ["typescript", 2],
          ],
        },
        { mentorCapacity: 1 },
      ),
      mentor("Di Backend", {
        headline: "Backend engineer",
        department: "Engineering",
        location: "Lisbon",
        languages: ["Portuguese", "English"],
        skills: [
          ["Go", 5],
          ["TypeScript", 3],
        ],
        visibility: { work: "admins" },
      }),
      mentor(
        "Ed Paused",
        {
          headline: "Engineering director",
          department: "Engineering",
          location: "London",
          languages: ["English"],
          skills: [["TypeScript", 5]],
        },
        { status: "paused" },
      ),
      { email: "me@search.test", name: "Me Mentee", role: "mentee" },
      { email: "cyspair@search.test", role: "mentee" },
      { email: "outsider@search.test" },
    ]);
    await t.deps.repos.relationships.create({
      orgId: world.orgId,
      programmeId: world.programme.id,
      menteeId: world.ids.cyspair,
      mentorId: world.ids.cy,
      origin: "admin",
      endsOn: null,
      actorId: null,
    });
    const b = await createSecondOrganisation(t);
    const programmeB = await createProgramme(t, b.orgId);
    programmeOfB = programmeB.id;
    await addPeople(t, b.orgId, programmeB.id, [
      {
        email: "eng@beta.test",
        role: "mentor",
        profile: { headline: "Engineering lead", department: "Engineering" },
      },
    ]);
  });
  afterAll(() => t.close());

  const search = async (query = "", who: Caller = world.callers.me): Promise<MentorSearchResult> => {
    const response = await call(
      t,
      who,
      "GET",
      `/api/orgs/${world.orgId}/programmes/${world.programme.id}/mentors${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const names = (result: MentorSearchResult) => result.mentors.map((m) => m.name).sort();
  const counts = (result: MentorSearchResult, facet: keyof MentorSearchResult["facets"]) =>
    Object.fromEntries(result.facets[facet].map((f) => [f.value, f.count]));

  it("lists the programme's active mentors, most room first, with facet counts, without words", async () => {
    const result = await search();
    expect(names(result)).toEqual(["Ana Lead", "Bo Data", "Cy Design", "Di Backend"]);
    expect(result.mentors.at(-1)?.name).toBe("Cy Design"); // no room left: last
    expect(result.total).toBe(4);
    // Di showed work details to admins only: not on the card, not counted.
    expect(counts(result, "department")).toEqual({ Engineering: 1, Data: 1, Design: 1 });
    expect(counts(result, "location")).toEqual({ London: 2, Berlin: 1 });
    expect(counts(result, "language")).toEqual({ English: 3, Spanish: 1, German: 1 });
    expect(counts(result, "skill")).toMatchObject({ TypeScript: 3, Python: 1, Go: 1, Figma: 1 });
    const di = result.mentors.find((m) => m.name === "Di Backend");
    expect(di).toMatchObject({
      department: "",
      location: "",
      languages: [],
      skillsOffered: [
        { skill: "Go", level: 5 },
        { skill: "TypeScript", level: 3 },
      ],
    });
    const cy = result.mentors.find((m) => m.name === "Cy Design");
    expect(cy).toMatchObject({ capacity: 1, remainingCapacity: 0, responseTime: null, myRequest: null });
  });

  it("finds words in headlines, skills and bios (english stemming), ranked by relevance", async () => {
    expect(names(await search("?q=engineer"))).toEqual(expect.arrayContaining(["Ana Lead", "Di Backend"]));
    expect(names(await search("?q=typescript"))).toEqual(
      expect.arrayContaining(["Ana Lead", "Cy Design", "Di Backend"]),
    );
    expect(names(await search("?q=promotion"))).toEqual(["Ana Lead"]);
    expect(names(await search(`?q=${encodeURIComponent('"data scientist"')}`))).toEqual(["Bo Data"]);
    expect(names(await search(`?q=${encodeURIComponent("typescript -figma")}`))).not.toContain("Cy Design");
    const ranked = await search("?q=python");
    expect(ranked.mentors[0]).toMatchObject({ name: "Bo Data" });
    expect(ranked.mentors[0].relevance).toBeGreaterThan(0);
    expect((await search("?q=zzzz")).total).toBe(0);
    expect((await search(`?q=${encodeURIComponent("((( & | !")}`)).total).toBe(0);
  });

  it("filters are ANDed across facets and ORed within one; a facet ignores its own choice", async () => {
    const london = await search("?location=London");
    expect(names(london)).toEqual(["Ana Lead", "Cy Design"]);
    expect(counts(london, "location")).toEqual({ London: 2, Berlin: 1 });
    expect(london.facets.location.find((f) => f.value === "London")?.selected).toBe(true);
    expect(counts(london, "department")).toEqual({ Engineering: 1, Design: 1 });

    const either = await search("?location=London&location=Berlin");
    expect(names(either)).toEqual(["Ana Lead", "Bo Data", "Cy Design"]);

    const ts = await search("?skill=typescript&language=English");
    expect(names(ts)).toEqual(["Ana Lead", "Cy Design"]);
    // Counted under the language filter (Di's languages are not shown, so Di is not "English").
    expect(ts.facets.skill.find((f) => f.value === "TypeScript")).toMatchObject({ selected: true, count: 2 });

    const room = await search("?hasCapacity=true");
    expect(names(room)).not.toContain("Cy Design");
    const nobody = await search("?department=Finance");
    expect(nobody.total).toBe(0);
    expect(nobody.facets.department).toContainEqual({ value: "Finance", count: 0, selected: true });
  });

  it("a skill filter matches the name exactly, whatever its case, even with regex characters", async () => {
    const other = await selfMatchWorld(t, world.orgId, [
      mentor("Plus Cee", {
        headline: "Systems",
        department: "",
        location: "",
        languages: [],
        skills: [["C++", 5]],
      }),
      mentor("Plain Cee", {
        headline: "Systems",
        department: "",
        location: "",
        languages: [],
        skills: [["C", 5]],
      }),
      mentor("Dot Node", {
        headline: "Web",
        department: "",
        location: "",
        languages: [],
        skills: [[" node.JS ", 4]],
      }),
      mentor("Any Node", {
        headline: "Web",
        department: "",
        location: "",
        languages: [],
        skills: [["nodexjs", 4]],
      }),
      { email: "seeker@search.test", role: "mentee" },
    ]);
    const find = async (query: string) =>
      (
        await call(
          t,
          other.callers.seeker,
          "GET",
          `/api/orgs/${other.orgId}/programmes/${other.programme.id}/mentors?${query}`,
        )
      ).json() as Promise<MentorSearchResult>;
    expect(names(await find("skill=c%2B%2B"))).toEqual(["Plus Cee"]);
    expect(names(await find("skill=c"))).toEqual(["Plain Cee"]);
    expect(names(await find("skill=Node.js"))).toEqual(["Dot Node"]);
    expect(names(await find("skill=c&skill=node.js"))).toEqual(["Dot Node", "Plain Cee"]);
  });

  it("pages results", async () => {
    const first = await search("?limit=2");
    const second = await search("?limit=2&offset=2");
    expect([...names(first), ...names(second)].sort()).toEqual([
      "Ana Lead",
      "Bo Data",
      "Cy Design",
      "Di Backend",
    ]);
    expect(second.mentors.at(-1)?.name).toBe("Cy Design");
    expect(second.total).toBe(4);
  });

  it("shows my open request on a mentor's card", async () => {
    const id = await sendRequest(t, world, "me", "bo");
    const result = await search("?q=data");
    expect(result.mentors[0].myRequest).toEqual({ id, status: "pending" });
  });

  it("admins see every part of a profile", async () => {
    const result = await search("?q=backend", owner);
    expect(result.mentors[0]).toMatchObject({
      name: "Di Backend",
      department: "Engineering",
      location: "Lisbon",
    });
  });

  it("bad filters are 400s naming the query field", async () => {
    for (const [query, path] of [
      ["?hasCapacity=yes", "query.hasCapacity"],
      ["?limit=500", "query.limit"],
      ["?offset=-1", "query.offset"],
      [`?q=${"x".repeat(201)}`, "query.q"],
      ["?colour=red", "query.colour"],
    ]) {
      const response = await call(
        t,
        world.callers.me,
        "GET",
        `/api/orgs/${world.orgId}/programmes/${world.programme.id}/mentors${query}`,
      );
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it("people outside the programme get 403; organisation B's programme through A's path is 404", async () => {
    const outside = await call(
      t,
      world.callers.outsider,
      "GET",
      `/api/orgs/${world.orgId}/programmes/${world.programme.id}/mentors`,
    );
    expect(outside.statusCode).toBe(403);
    const viaB = await call(
      t,
      owner,
      "GET",
      `/api/orgs/${world.orgId}/programmes/${programmeOfB}/mentors?q=engineering`,
    );
    expect(viaB.statusCode).toBe(404);
  });
});
