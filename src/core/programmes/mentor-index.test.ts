import { describe, expect, it } from "vitest";
import {
  buildMentorIndex,
  FACET_SIZE,
  type FacetCount,
  type MentorIndexPage,
  type MentorIndexQuery,
  type MentorIndexRow,
  patchMentorIndex,
  searchMentorIndex,
} from "./mentor-index.ts";

function mentor(userId: string, fields: Partial<MentorIndexRow> = {}): MentorIndexRow {
  return {
    userId,
    department: "",
    location: "",
    languages: [],
    skills: [],
    hideWork: false,
    hideSkills: false,
    capacity: 2,
    remaining: 1,
    ...fields,
  };
}

function query(fields: Partial<MentorIndexQuery> = {}): MentorIndexQuery {
  return {
    matches: null,
    departments: [],
    languages: [],
    locations: [],
    skills: [],
    hasCapacity: false,
    excludeUserId: null,
    viewerIsAdmin: false,
    limit: 100,
    offset: 0,
    ...fields,
  };
}

const search = (rows: readonly MentorIndexRow[], fields: Partial<MentorIndexQuery> = {}) =>
  searchMentorIndex(buildMentorIndex(rows), query(fields));

const ids = (page: MentorIndexPage) => page.hits.map((hit) => hit.userId);

/** Words matched these users with these relevances (rows looked up in the index). */
function matching(rows: readonly MentorIndexRow[], relevanceByUser: Record<string, number>) {
  const index = buildMentorIndex(rows);
  const users = Object.keys(relevanceByUser);
  return {
    index,
    matches: {
      rows: users.map((userId) => index.rowOf.get(userId) as number),
      relevance: users.map((userId) => relevanceByUser[userId]),
    },
  };
}

describe("facet counts under the other filters", () => {
  const rows = [
    mentor("a", {
      department: "Engineering",
      location: "London",
      languages: ["English", "French"],
      skills: ["TypeScript"],
    }),
    mentor("b", { department: "Engineering", location: "Paris", languages: ["French"], skills: ["Go"] }),
    mentor("c", { department: "Sales", location: "London", languages: ["English"], skills: ["TypeScript"] }),
    mentor("d", { department: "Design", location: "Berlin", languages: ["German"], skills: ["Figma"] }),
  ];

  it("choosing a department still lists every department, while the other facets and total keep to it", () => {
    const page = search(rows, { departments: ["Engineering"] });
    expect(page.total).toBe(2);
    expect(ids(page)).toEqual(["a", "b"]);
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Design", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "French", count: 2 },
      { value: "English", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "London", count: 1 },
      { value: "Paris", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([
      { value: "Go", count: 1 },
      { value: "TypeScript", count: 1 },
    ]);
  });

  it("each facet is counted under all the other filters at once", () => {
    const page = search(rows, { departments: ["Engineering"], locations: ["London"] });
    expect(ids(page)).toEqual(["a"]);
    expect(page.total).toBe(1);
    // Departments under location=London; locations under department=Engineering.
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "London", count: 1 },
      { value: "Paris", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "English", count: 1 },
      { value: "French", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([{ value: "TypeScript", count: 1 }]);
  });

  it("several values of one facet match any of them; a language or skill filter matches any of a mentor's", () => {
    expect(ids(search(rows, { departments: ["Engineering", "Sales"] }))).toEqual(["a", "b", "c"]);
    expect(ids(search(rows, { languages: ["French"] }))).toEqual(["a", "b"]);
    expect(ids(search(rows, { languages: ["German", "English"] }))).toEqual(["a", "c", "d"]);
    expect(ids(search(rows, { skills: ["Go", "Figma"] }))).toEqual(["b", "d"]);
  });

  it("with no filter every facet counts every mentor", () => {
    const page = search(rows);
    expect(page.total).toBe(4);
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Design", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "English", count: 2 },
      { value: "French", count: 2 },
      { value: "German", count: 1 },
    ]);
  });

  it("a chosen value the index does not hold matches nobody (it is not ignored)", () => {
    const page = search(rows, { departments: ["Marketing"] });
    expect(page.total).toBe(0);
    expect(page.hits).toEqual([]);
    // The department facet is still counted without its own filter.
    expect(page.facets.department).toHaveLength(3);
    expect(page.facets.language).toEqual([]);
    expect(search(rows, { skills: ["Cobol"] }).total).toBe(0);
    expect(search(rows, { languages: ["Klingon"] }).total).toBe(0);
    expect(search(rows, { locations: ["Mars"] }).total).toBe(0);
  });

  it("blank departments and locations are not facet values but do not stop a mentor passing", () => {
    const page = search([
      mentor("a", { department: "", location: "", languages: ["English", "English", ""] }),
      mentor("b", { department: "Sales", location: "Leeds", languages: ["English"] }),
    ]);
    expect(page.total).toBe(2);
    expect(page.facets.department).toEqual([{ value: "Sales", count: 1 }]);
    expect(page.facets.location).toEqual([{ value: "Leeds", count: 1 }]);
    // A language listed twice counts once; a blank language is no value.
    expect(page.facets.language).toEqual([{ value: "English", count: 2 }]);
  });

  it("an empty index answers with nothing", () => {
    const page = search([], { departments: ["Sales"], skills: ["Go"] });
    expect(page).toEqual({
      hits: [],
      total: 0,
      facets: { department: [], language: [], location: [], skill: [] },
    });
  });
});

describe("sections shown to admins only", () => {
  const rows = [
    mentor("hidden-work", {
      department: "Engineering",
      location: "London",
      languages: ["English"],
      skills: ["Go"],
      hideWork: true,
    }),
    mentor("visible", {
      department: "Engineering",
      location: "Paris",
      languages: ["French"],
      skills: ["Go"],
    }),
    mentor("hidden-skills", {
      department: "Sales",
      location: "Paris",
      languages: ["French"],
      skills: ["Rust"],
      hideSkills: true,
    }),
  ];

  it("hidden work is not counted in the department, location or language facets for others", () => {
    const page = search(rows);
    // The mentor is still found; only the section is blank.
    expect(page.total).toBe(3);
    expect(ids(page)).toContain("hidden-work");
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([{ value: "Paris", count: 2 }]);
    expect(page.facets.language).toEqual([{ value: "French", count: 2 }]);
    // Hiding work does not hide skills.
    expect(page.facets.skill).toEqual([{ value: "Go", count: 2 }]);
  });

  it("hidden work never passes a department, location or language filter for others", () => {
    expect(ids(search(rows, { departments: ["Engineering"] }))).toEqual(["visible"]);
    expect(search(rows, { locations: ["London"] }).total).toBe(0);
    expect(search(rows, { languages: ["English"] }).total).toBe(0);
    // ... but passes a skill filter, since its skills are shown.
    expect(ids(search(rows, { skills: ["Go"] }))).toEqual(["hidden-work", "visible"]);
  });

  it("hidden work is counted and filtered on for an admin", () => {
    const page = search(rows, { viewerIsAdmin: true });
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "Paris", count: 2 },
      { value: "London", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "French", count: 2 },
      { value: "English", count: 1 },
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, departments: ["Engineering"] }))).toEqual([
      "hidden-work",
      "visible",
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, locations: ["London"] }))).toEqual(["hidden-work"]);
    expect(ids(search(rows, { viewerIsAdmin: true, languages: ["English"] }))).toEqual(["hidden-work"]);
  });

  it("hidden skills are not counted nor filtered on for others, but are for an admin", () => {
    const page = search(rows);
    expect(page.facets.skill.map((facet) => facet.value)).not.toContain("Rust");
    expect(search(rows, { skills: ["Rust"] }).total).toBe(0);
    // Hiding skills does not hide work.
    expect(ids(search(rows, { departments: ["Sales"] }))).toEqual(["hidden-skills"]);

    const admin = search(rows, { viewerIsAdmin: true });
    expect(admin.facets.skill).toEqual([
      { value: "Go", count: 2 },
      { value: "Rust", count: 1 },
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, skills: ["Rust"] }))).toEqual(["hidden-skills"]);
  });

  it("a hidden section's mentor does not count in other facets under a filter on that section", () => {
    // Department filter: hidden-work fails it, so its (shown) skill is not counted either.
    const page = search(rows, { departments: ["Engineering"] });
    expect(page.facets.skill).toEqual([{ value: "Go", count: 1 }]);
  });
});

describe("skills ignore case and surrounding spaces", () => {
  const rows = [
    mentor("a", { skills: ["TypeScript"] }),
    mentor("b", { skills: [" typescript "] }),
    mentor("c", { skills: ["TypeScript", "Go"] }),
    mentor("d", { skills: ["TYPESCRIPT", "typescript", "  TypeScript"] }),
  ];

  it("are one facet value counting each mentor once, named as most mentors write it", () => {
    expect(search(rows).facets.skill).toEqual([
      { value: "TypeScript", count: 4 },
      { value: "Go", count: 1 },
    ]);
  });

  it("a skill filter in any case and spacing matches every spelling", () => {
    for (const chosen of ["typescript", "  TYPESCRIPT ", "TypeScript", "tYpEsCrIpT"]) {
      const page = search(rows, { skills: [chosen] });
      expect(ids(page)).toEqual(["a", "b", "c", "d"]);
      expect(page.total).toBe(4);
      // The chosen skill is listed first, under its usual name.
      expect(page.facets.skill[0]).toEqual({ value: "TypeScript", count: 4 });
    }
    expect(ids(search(rows, { skills: ["GO "] }))).toEqual(["c"]);
  });

  it("the name is the most common spelling, trimmed", () => {
    const page = search([
      mentor("a", { skills: ["postgres"] }),
      mentor("b", { skills: [" postgres"] }),
      mentor("c", { skills: ["Postgres"] }),
      mentor("d", { skills: [" Go  "] }),
    ]);
    expect(page.facets.skill).toEqual([
      { value: "postgres", count: 3 },
      { value: "Go", count: 1 },
    ]);
  });

  it("a blank skill is no value", () => {
    const page = search([mentor("a", { skills: ["  ", ""] }), mentor("b", { skills: ["Go"] })]);
    expect(page.facets.skill).toEqual([{ value: "Go", count: 1 }]);
  });
});

describe("page order without words", () => {
  // Given out of order on purpose.
  const rows = [
    mentor("m4", { remaining: 0 }),
    mentor("m2", { remaining: 2 }),
    mentor("m10", { remaining: 2 }),
    mentor("m5", { remaining: -1, capacity: 1 }),
    mentor("m3", { remaining: 5, capacity: 6 }),
    mentor("m1", { remaining: 2 }),
  ];

  it("is most room left first, then user id (as strings)", () => {
    const page = search(rows);
    expect(ids(page)).toEqual(["m3", "m1", "m10", "m2", "m4", "m5"]);
    expect(page.total).toBe(6);
  });

  it("offset and limit page through that order; total counts every passing mentor", () => {
    const pages = [0, 2, 4, 6].map((offset) => search(rows, { offset, limit: 2 }));
    expect(pages.map(ids)).toEqual([["m3", "m1"], ["m10", "m2"], ["m4", "m5"], []]);
    for (const page of pages) expect(page.total).toBe(6);
    expect(ids(search(rows, { offset: 1, limit: 3 }))).toEqual(["m1", "m10", "m2"]);
    expect(ids(search(rows, { offset: 5, limit: 10 }))).toEqual(["m5"]);
    expect(search(rows, { limit: 0 }).hits).toEqual([]);
    expect(search(rows, { limit: 0 }).total).toBe(6);
  });

  it("a hit carries its row, capacity, room left and relevance 0", () => {
    const index = buildMentorIndex(rows);
    const page = searchMentorIndex(index, query({ limit: 1 }));
    const row = index.rowOf.get("m3") as number;
    expect(page.hits).toEqual([{ row, userId: "m3", relevance: 0, capacity: 6, remaining: 5 }]);
    expect(index.userIds[row]).toBe("m3");
  });

  it("facets are counted over every passing mentor, not just the page", () => {
    const page = search(
      [
        mentor("a", { department: "Sales", remaining: 3 }),
        mentor("b", { department: "Sales", remaining: 2 }),
        mentor("c", { department: "Legal", remaining: 1 }),
      ],
      { limit: 1, offset: 0 },
    );
    expect(ids(page)).toEqual(["a"]);
    expect(page.facets.department).toEqual([
      { value: "Sales", count: 2 },
      { value: "Legal", count: 1 },
    ]);
  });
});

describe("page order with words", () => {
  const rows = [
    mentor("a", { remaining: 1, department: "Sales" }),
    mentor("b", { remaining: 3, department: "Sales" }),
    mentor("c", { remaining: 3, department: "Legal" }),
    mentor("d", { remaining: 0, department: "Legal" }),
    mentor("e", { remaining: 9, department: "Design" }),
  ];

  it("is relevance first, ties by room left and then user id", () => {
    const { index, matches } = matching(rows, { d: 0.5, a: 0.2, c: 0.2, b: 0.2 });
    const page = searchMentorIndex(index, query({ matches }));
    expect(ids(page)).toEqual(["d", "b", "c", "a"]);
    expect(page.hits.map((hit) => hit.relevance)).toEqual([0.5, 0.2, 0.2, 0.2]);
    expect(page.total).toBe(4);
  });

  it("mentors the words did not match are neither shown nor counted", () => {
    const { index, matches } = matching(rows, { a: 0.1, c: 0.3 });
    const page = searchMentorIndex(index, query({ matches }));
    expect(ids(page)).toEqual(["c", "a"]);
    expect(page.total).toBe(2);
    expect(page.facets.department).toEqual([
      { value: "Legal", count: 1 },
      { value: "Sales", count: 1 },
    ]);
  });

  it("no match at all gives no hits, total 0 and empty facets", () => {
    const page = searchMentorIndex(buildMentorIndex(rows), query({ matches: { rows: [], relevance: [] } }));
    expect(page).toEqual({
      hits: [],
      total: 0,
      facets: { department: [], language: [], location: [], skill: [] },
    });
  });

  it("offset and limit page through the ranked order", () => {
    const { index, matches } = matching(rows, { a: 0.9, b: 0.1, c: 0.5, d: 0.1, e: 0.1 });
    const pages = [0, 2, 4].map((offset) => searchMentorIndex(index, query({ matches, offset, limit: 2 })));
    expect(pages.map(ids)).toEqual([["a", "c"], ["e", "b"], ["d"]]);
    for (const page of pages) expect(page.total).toBe(5);
  });

  it("filters apply to the matched mentors too", () => {
    const { index, matches } = matching(rows, { a: 0.9, b: 0.1, c: 0.5, e: 0.3 });
    const page = searchMentorIndex(index, query({ matches, departments: ["Sales"] }));
    expect(ids(page)).toEqual(["a", "b"]);
    expect(page.total).toBe(2);
    expect(page.facets.department).toEqual([
      { value: "Sales", count: 2 },
      { value: "Design", count: 1 },
      { value: "Legal", count: 1 },
    ]);
  });
});

describe("the person searching and mentors without room", () => {
  const rows = [
    mentor("me", { department: "Legal", remaining: 5, skills: ["Go"] }),
    mentor("full", { department: "Sales", remaining: 0, skills: ["Rust"] }),
    mentor("over", { department: "Sales", remaining: -2, skills: ["Rust"] }),
    mentor("open", { department: "Sales", remaining: 1, skills: ["Go"] }),
  ];

  it("excludeUserId is left out of hits, total and facets", () => {
    const page = search(rows, { excludeUserId: "me" });
    expect(ids(page)).toEqual(["open", "full", "over"]);
    expect(page.total).toBe(3);
    expect(page.facets.department).toEqual([{ value: "Sales", count: 3 }]);
    expect(page.facets.skill).toEqual([
      { value: "Rust", count: 2 },
      { value: "Go", count: 1 },
    ]);
  });

  it("excludeUserId is left out of matched rows too; an unknown one changes nothing", () => {
    const { index, matches } = matching(rows, { me: 0.9, open: 0.1 });
    expect(ids(searchMentorIndex(index, query({ matches, excludeUserId: "me" })))).toEqual(["open"]);
    expect(search(rows, { excludeUserId: "nobody" }).total).toBe(4);
  });

  it("hasCapacity drops mentors with no room left (0 or below) from hits, total and facets", () => {
    const page = search(rows, { hasCapacity: true });
    expect(ids(page)).toEqual(["me", "open"]);
    expect(page.total).toBe(2);
    expect(page.facets.department).toEqual([
      { value: "Legal", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([{ value: "Go", count: 2 }]);
    expect(search(rows, { hasCapacity: false }).total).toBe(4);
  });
});

describe("facet listing order", () => {
  const departments = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([department, count]) =>
      Array.from({ length: count }, (_, k) => mentor(`${department}-${k}`, { department })),
    );
  const rows = departments({ Beta: 2, Alpha: 2, Gamma: 3, Delta: 1 });

  it("is count (most first), then name", () => {
    expect(search(rows).facets.department).toEqual([
      { value: "Gamma", count: 3 },
      { value: "Alpha", count: 2 },
      { value: "Beta", count: 2 },
      { value: "Delta", count: 1 },
    ]);
  });

  it("lists the chosen values first, among themselves by count then name", () => {
    expect(search(rows, { departments: ["Delta"] }).facets.department).toEqual([
      { value: "Delta", count: 1 },
      { value: "Gamma", count: 3 },
      { value: "Alpha", count: 2 },
      { value: "Beta", count: 2 },
    ]);
    expect(search(rows, { departments: ["Delta", "Beta"] }).facets.department).toEqual([
      { value: "Beta", count: 2 },
      { value: "Delta", count: 1 },
      { value: "Gamma", count: 3 },
      { value: "Alpha", count: 2 },
    ]);
  });

  // 40 values in each facet: value 0 has one mentor, values 1..39 two each.
  const many = Array.from({ length: 40 }, (_, v) => {
    const name = String(v).padStart(2, "0");
    return Array.from({ length: v === 0 ? 1 : 2 }, (_, k) =>
      mentor(`u${name}-${k}`, {
        department: `D${name}`,
        location: `L${name}`,
        languages: [`G${name}`],
        skills: [`S${name}`],
      }),
    );
  }).flat();
  const names = (facet: FacetCount[]) => facet.map((item) => item.value);
  const range = (prefix: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => `${prefix}${String(from + k).padStart(2, "0")}`);

  it(`lists at most ${FACET_SIZE} values per facet: the most frequent, ties by name`, () => {
    const { facets } = search(many);
    expect(FACET_SIZE).toBe(30);
    expect(names(facets.department)).toEqual(range("D", 1, 30));
    expect(names(facets.location)).toEqual(range("L", 1, 30));
    expect(names(facets.language)).toEqual(range("G", 1, 30));
    expect(names(facets.skill)).toEqual(range("S", 1, 30));
  });

  it("lists a chosen value even when it is not among the most frequent", () => {
    const { facets } = search(many, {
      departments: ["D00"],
      locations: ["L00"],
      languages: ["G00"],
      skills: ["s00"],
      viewerIsAdmin: true,
    });
    // Every facet is counted under the others' filters: only the one mentor with value 0 passes.
    expect(facets.department).toEqual([{ value: "D00", count: 1 }]);

    const departmentOnly = search(many, { departments: ["D00", "D39"] }).facets.department;
    expect(departmentOnly).toHaveLength(FACET_SIZE);
    expect(departmentOnly.slice(0, 3)).toEqual([
      { value: "D39", count: 2 },
      { value: "D00", count: 1 },
      { value: "D01", count: 2 },
    ]);
    expect(names(departmentOnly).slice(2)).toEqual(range("D", 1, 28));

    const skillOnly = search(many, { skills: [" s00 "] }).facets.skill;
    expect(skillOnly).toHaveLength(FACET_SIZE);
    expect(skillOnly[0]).toEqual({ value: "S00", count: 1 });
    expect(names(skillOnly).slice(1)).toEqual(range("S", 1, 29));
  });

  it("does not list a chosen value no passing mentor has", () => {
    const page = search(
      [
        mentor("a", { department: "Sales", location: "Leeds" }),
        mentor("b", { department: "Legal", location: "Paris" }),
      ],
      { departments: ["Sales", "Marketing"], locations: ["Paris"] },
    );
    expect(page.total).toBe(0);
    expect(page.facets.department).toEqual([{ value: "Legal", count: 1 }]);
  });
});

describe("facets: false", () => {
  const rows = [
    mentor("a", {
      department: "Sales",
      skills: ["Go"],
      languages: ["English"],
      location: "Leeds",
      remaining: 2,
    }),
    mentor("b", { department: "Legal", skills: ["Rust"], remaining: 1 }),
    mentor("c", { department: "Sales", skills: ["Go"], remaining: 3 }),
  ];

  it("returns empty facet lists but the same hits and total", () => {
    for (const fields of [
      {},
      { departments: ["Sales"], limit: 1, offset: 1 },
      { skills: ["go"], hasCapacity: true },
    ] satisfies Partial<MentorIndexQuery>[]) {
      const counted = search(rows, fields);
      const uncounted = search(rows, { ...fields, facets: false });
      expect(uncounted.facets).toEqual({ department: [], language: [], location: [], skill: [] });
      expect(uncounted.hits).toEqual(counted.hits);
      expect(uncounted.total).toBe(counted.total);
      expect(counted.facets.department.length).toBeGreaterThan(0);
    }
  });

  it("with words too", () => {
    const { index, matches } = matching(rows, { a: 0.1, b: 0.7 });
    const counted = searchMentorIndex(index, query({ matches }));
    const uncounted = searchMentorIndex(index, query({ matches, facets: false }));
    expect(ids(uncounted)).toEqual(["b", "a"]);
    expect(uncounted.hits).toEqual(counted.hits);
    expect(uncounted.total).toBe(2);
    expect(uncounted.facets).toEqual({ department: [], language: [], location: [], skill: [] });
  });
});

/** A small seeded PRNG (mulberry32): the same cases on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The semantics written plainly, mentor by mentor, for comparison with the index. */
function referenceSearch(rows: readonly MentorIndexRow[], q: MentorIndexQuery) {
  const key = (name: string) => name.trim().toLowerCase();
  const relevanceOf = new Map<string, number>();
  if (q.matches)
    for (let k = 0; k < q.matches.rows.length; k++)
      relevanceOf.set(rows[q.matches.rows[k]].userId, q.matches.relevance[k]);
  const candidates = rows
    .filter((row) => q.matches === null || relevanceOf.has(row.userId))
    .filter((row) => row.userId !== q.excludeUserId)
    .filter((row) => !q.hasCapacity || row.remaining > 0)
    .map((row) => {
      const work = q.viewerIsAdmin || !row.hideWork;
      const skills = q.viewerIsAdmin || !row.hideSkills;
      return {
        row,
        relevance: relevanceOf.get(row.userId) ?? 0,
        department: work ? row.department : "",
        location: work ? row.location : "",
        languages: work ? [...new Set(row.languages.filter((language) => language !== ""))] : [],
        skills: skills ? [...new Set(row.skills.map(key).filter((skill) => skill !== ""))] : [],
      };
    });
  type Candidate = (typeof candidates)[number];
  const chosenSkills = q.skills.map(key);
  const d = (m: Candidate) => q.departments.length === 0 || q.departments.includes(m.department);
  const c = (m: Candidate) => q.locations.length === 0 || q.locations.includes(m.location);
  const g = (m: Candidate) =>
    q.languages.length === 0 || m.languages.some((language) => q.languages.includes(language));
  const s = (m: Candidate) =>
    chosenSkills.length === 0 || m.skills.some((skill) => chosenSkills.includes(skill));
  const passing = candidates
    .filter((m) => d(m) && c(m) && g(m) && s(m))
    .sort(
      (a, b) =>
        b.relevance - a.relevance ||
        b.row.remaining - a.row.remaining ||
        compareStrings(a.row.userId, b.row.userId),
    );
  const count = (members: Candidate[], values: (m: Candidate) => string[]) => {
    const counts = new Map<string, number>();
    for (const m of members) for (const value of values(m)) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const listed = (counts: Map<string, number>, chosen: readonly string[]) =>
    [...counts.entries()]
      .sort(
        ([a, x], [b, y]) =>
          Number(chosen.includes(b)) - Number(chosen.includes(a)) || y - x || compareStrings(a, b),
      )
      .map(([value, n]) => ({ value, count: n }));
  const nonBlank = (value: string) => (value === "" ? [] : [value]);
  return {
    userIds: passing.slice(q.offset, q.offset + q.limit).map((m) => m.row.userId),
    relevance: passing.slice(q.offset, q.offset + q.limit).map((m) => m.relevance),
    total: passing.length,
    department: listed(
      count(
        candidates.filter((m) => g(m) && c(m) && s(m)),
        (m) => nonBlank(m.department),
      ),
      q.departments,
    ),
    location: listed(
      count(
        candidates.filter((m) => d(m) && g(m) && s(m)),
        (m) => nonBlank(m.location),
      ),
      q.locations,
    ),
    language: listed(
      count(
        candidates.filter((m) => d(m) && c(m) && s(m)),
        (m) => m.languages,
      ),
      q.languages,
    ),
    /** By skill key (names are checked by the examples above). */
    skill: count(
      candidates.filter((m) => d(m) && g(m) && c(m)),
      (m) => m.skills,
    ),
  };
}

describe("against a plain reference implementation", () => {
  const random = mulberry32(20_240_611);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(values: readonly T[]) => values[int(values.length)];
  const some = <T>(values: readonly T[], most: number) =>
    Array.from({ length: int(most + 1) }, () => pick(values));

  const DEPARTMENTS = ["", "", "Engineering", "Sales", "Design", "Legal", "Ops"];
  const LOCATIONS = ["", "London", "Paris", "Berlin", "Remote"];
  const LANGUAGES = ["English", "French", "German", "Spanish", ""];
  const SKILLS = ["TypeScript", "Go", "Rust", "SQL", "Figma"];
  const spelling = (skill: string) =>
    pick([skill, skill.toLowerCase(), skill.toUpperCase(), ` ${skill}  `, ` ${skill.toLowerCase()}`]);

  // User ids of varied length so that string order differs from number order ("u10" < "u9").
  const userNumbers = Array.from({ length: 200 }, (_, k) => k * 7 + int(7));
  const generated: MentorIndexRow[] = userNumbers.map((n) => {
    const remaining = int(7) - 2;
    return {
      userId: `u${n}`,
      department: pick(DEPARTMENTS),
      location: pick(LOCATIONS),
      languages: some(LANGUAGES, 3),
      skills: [...some(SKILLS, 3).map(spelling), ...(random() < 0.05 ? ["  "] : [])],
      hideWork: random() < 0.25,
      hideSkills: random() < 0.25,
      capacity: Math.max(0, remaining) + int(3),
      remaining,
    };
  });
  const index = buildMentorIndex(generated);
  // The index keeps its own row order: rows[r] is its row r.
  const byId = new Map(generated.map((row) => [row.userId, row]));
  const rows = index.userIds.map((userId) => byId.get(userId) as MentorIndexRow);

  const randomQuery = (): MentorIndexQuery => {
    let matches: MentorIndexQuery["matches"] = null;
    if (random() < 0.5) {
      const chosen = rows.map((_, r) => r).filter(() => random() < 0.4);
      // Any order, each row once.
      for (let k = chosen.length - 1; k > 0; k--) {
        const j = int(k + 1);
        [chosen[k], chosen[j]] = [chosen[j], chosen[k]];
      }
      // Few distinct relevances, so that ties are common.
      matches = { rows: chosen, relevance: chosen.map(() => pick([0, 0.05, 0.1, 0.1, 0.3, random()])) };
    }
    const realDepartments = DEPARTMENTS.filter((value) => value !== "");
    const realLocations = LOCATIONS.filter((value) => value !== "");
    const realLanguages = LANGUAGES.filter((value) => value !== "");
    return {
      matches,
      departments: random() < 0.4 ? [...new Set(some([...realDepartments, "Marketing"], 2))] : [],
      locations: random() < 0.3 ? [...new Set(some(realLocations, 2))] : [],
      languages: random() < 0.3 ? [...new Set(some(realLanguages, 2))] : [],
      skills: random() < 0.4 ? some(SKILLS, 2).map(spelling) : [],
      hasCapacity: random() < 0.3,
      excludeUserId: random() < 0.5 ? pick(rows).userId : pick([null, "nobody"]),
      viewerIsAdmin: random() < 0.3,
      facets: random() < 0.1 ? false : pick([true, undefined]),
      limit: 1 + int(30),
      offset: pick([0, 0, int(20), int(200)]),
    };
  };

  const asRecord = (facet: readonly FacetCount[], key: (value: string) => string = (value) => value) =>
    Object.fromEntries(facet.map((item) => [key(item.value), item.count]));

  it("gives the same hits, total and facets for 200 random searches", () => {
    let withHits = 0;
    for (let t = 0; t < 200; t++) {
      const q = randomQuery();
      const page = searchMentorIndex(index, q);
      const expected = referenceSearch(rows, q);
      const context = JSON.stringify({ ...q, matches: q.matches && "(given)" });
      expect(page.total, context).toBe(expected.total);
      expect(ids(page), context).toEqual(expected.userIds);
      expect(
        page.hits.map((hit) => hit.relevance),
        context,
      ).toEqual(expected.relevance);
      for (const hit of page.hits) {
        const row = rows[hit.row];
        expect({ userId: row.userId, capacity: row.capacity, remaining: row.remaining }).toEqual({
          userId: hit.userId,
          capacity: hit.capacity,
          remaining: hit.remaining,
        });
      }
      if (q.facets === false) {
        expect(page.facets).toEqual({ department: [], language: [], location: [], skill: [] });
        continue;
      }
      // Few values per facet, so FACET_SIZE never cuts; the order of these three is checked too.
      expect(page.facets.department, context).toEqual(expected.department);
      expect(page.facets.location, context).toEqual(expected.location);
      expect(page.facets.language, context).toEqual(expected.language);
      expect(
        asRecord(page.facets.skill, (value) => value.trim().toLowerCase()),
        context,
      ).toEqual(Object.fromEntries(expected.skill));
      expect(page.facets.skill).toHaveLength(expected.skill.size);
      if (page.hits.length > 0) withHits++;
    }
    // The generator is not degenerate: most searches find someone.
    expect(withHits).toBeGreaterThan(100);
  });
});

describe("patching the index", () => {
  const before = [
    mentor("a", { department: "Sales", skills: ["Go"], remaining: 1 }),
    mentor("b", { department: "Legal", skills: ["Go"], remaining: 2 }),
    mentor("c", { department: "Sales", skills: ["Rust"], remaining: 3 }),
  ];

  it("replaces the changed people's rows, drops those no longer mentors and adds new ones", () => {
    const patched = patchMentorIndex(buildMentorIndex(before), new Set(["a", "b", "d"]), [
      mentor("a", { department: "Legal", skills: ["Rust"], remaining: 5 }),
      mentor("d", { remaining: 0 }),
    ]);
    const page = searchMentorIndex(patched, query());
    expect(ids(page)).toEqual(["a", "c", "d"]);
    expect(page.facets.department).toEqual([
      { value: "Legal", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([{ value: "Rust", count: 2 }]);
  });

  it("gives the same answers as building from the patched rows", () => {
    const changed = new Set(["b"]);
    const fresh = [mentor("b", { department: "Sales", languages: ["Welsh"], remaining: 9 })];
    const patched = patchMentorIndex(buildMentorIndex(before), changed, fresh);
    const built = buildMentorIndex([before[0], before[2], ...fresh]);
    for (const fields of [{}, { departments: ["Sales"] }, { languages: ["Welsh"] }, { hasCapacity: true }])
      expect(searchMentorIndex(patched, query(fields))).toEqual(searchMentorIndex(built, query(fields)));
  });
});
