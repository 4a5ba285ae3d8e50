import { describe, expect, it } from "vitest";
import { buildMentorIndex } from "./mentor-index.ts";
import {
  FACET_SIZE,
  type FacetCount,
  type MentorIndexQuery,
  searchMentorIndex,
} from "./mentor-index-search.ts";
import { ids, matching, mentor, query, search } from "./mentor-index.test-support.ts";

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
