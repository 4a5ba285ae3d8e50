import { describe, expect, it } from "vitest";
import { buildMentorIndex, type MentorIndexRow } from "./mentor-index.ts";
import { type FacetCount, type MentorIndexQuery, searchMentorIndex } from "./mentor-index-search.ts";
import { ids } from "./mentor-index.test-support.ts";

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
