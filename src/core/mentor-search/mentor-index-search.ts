/**
 * Faceted search over a programme's mentor index (mentor-index.ts). One pass over
 * the candidates counts all four facets, the total and the page, so a search over 100,000
 * mentors costs a few milliseconds. The words of a search are matched by PostgreSQL full-text
 * search; a search here takes the matching rows and their ranks (see MentorIndexQuery.matches).
 *
 * Semantics (the SQL reference in db/repositories/mentor-search.repository.ts has the same):
 * - a facet is counted under every filter but its own, so choosing "Engineering" still shows how
 *   many mentors each other department has;
 * - a part its owner showed to admins only is blank for everyone else: not counted, not
 *   filtered on ("work": department, location, languages; "skills": skills offered);
 * - skills compare ignoring case and surrounding spaces, and are named as most of the programme's
 *   mentors write them (those who show their skills; the SQL reference names them as most of the
 *   counted mentors do, so the two may spell a skill differently, never count it differently);
 * - the page is ordered by relevance, then room left (most first), then user id.
 */

import { type MentorIndex, skillKey } from "./mentor-index.ts";

export interface FacetCount {
  value: string;
  count: number;
}

export interface MentorIndexQuery {
  /**
   * Rows the words matched and their relevance (PostgreSQL's ts_rank), or null when there are no
   * words (every mentor, relevance 0). Rows may come in any order; each at most once.
   */
  matches: { rows: ArrayLike<number>; relevance: ArrayLike<number> } | null;
  departments: readonly string[];
  languages: readonly string[];
  locations: readonly string[];
  /** Compared ignoring case and surrounding spaces. */
  skills: readonly string[];
  hasCapacity: boolean;
  /** Left out (the person searching). */
  excludeUserId: string | null;
  viewerIsAdmin: boolean;
  /** Count the facets (default true). */
  facets?: boolean;
  limit: number;
  offset: number;
}

export interface MentorIndexHit {
  row: number;
  userId: string;
  relevance: number;
  capacity: number;
  remaining: number;
}

export interface MentorIndexPage {
  hits: MentorIndexHit[];
  total: number;
  facets: { department: FacetCount[]; language: FacetCount[]; location: FacetCount[]; skill: FacetCount[] };
}

/** How many values each facet lists (the chosen ones are always among them). */
export const FACET_SIZE = 30;

/** Membership of chosen values by code (codes of values the index does not hold are dropped). */
function chosenCodes(
  values: readonly string[],
  codes: ReadonlyMap<string, number>,
  size: number,
): Uint8Array | null {
  if (values.length === 0) return null;
  const chosen = new Uint8Array(size);
  for (const value of values) {
    const code = codes.get(value);
    if (code !== undefined) chosen[code] = 1;
  }
  return chosen;
}

/** The FACET_SIZE values to list: the chosen ones first, then by count (most first), then name. */
function topValues(counts: Uint32Array, names: readonly string[], chosen: Uint8Array | null): FacetCount[] {
  const listed: number[] = [];
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) listed.push(code);
  listed.sort(
    (a, b) =>
      (chosen ? chosen[b] - chosen[a] : 0) ||
      counts[b] - counts[a] ||
      (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0),
  );
  return listed.slice(0, FACET_SIZE).map((code) => ({ value: names[code], count: counts[code] }));
}

/**
 * One search: the page of hits, the total and the facet counts. Runs in time linear in the
 * candidates (every mentor, or the rows the words matched) and their languages and skills.
 */
export function searchMentorIndex(index: MentorIndex, query: MentorIndexQuery): MentorIndexPage {
  const admin = query.viewerIsAdmin;
  const departmentChosen = chosenCodes(query.departments, index.departmentOf, index.departments.length);
  const locationChosen = chosenCodes(query.locations, index.locationOf, index.locations.length);
  const languageChosen = chosenCodes(query.languages, index.languageOf, index.languages.length);
  const skillChosen = chosenCodes(query.skills.map(skillKey), index.skillKeyOf, index.skillKeys.length);
  const counting = query.facets !== false;
  const departmentCounts = new Uint32Array(index.departments.length);
  const locationCounts = new Uint32Array(index.locations.length);
  const languageCounts = new Uint32Array(index.languages.length);
  const skillCounts = new Uint32Array(index.skillKeys.length);
  const excluded = query.excludeUserId === null ? -1 : (index.rowOf.get(query.excludeUserId) ?? -1);
  const wanted = query.offset + query.limit;
  // The best `wanted` rows passing every filter, best first.
  const top: number[] = [];
  let total = 0;
  // With words: the matched rows in row order (the arrays are read front to back), and each
  // row's relevance.
  let candidates: Int32Array | null = null;
  let relevanceOf: Float64Array | null = null;
  if (query.matches !== null) {
    const { rows, relevance } = query.matches;
    candidates = new Int32Array(rows.length);
    relevanceOf = new Float64Array(index.size);
    for (let k = 0; k < rows.length; k++) {
      candidates[k] = rows[k];
      relevanceOf[rows[k]] = relevance[k];
    }
    candidates.sort();
  }

  const { remaining, hideWork, hideSkills, department, location } = index;
  const { languageStart, languageCodes, skillStart, skillCodes } = index;
  const hasCapacity = query.hasCapacity;
  const count = candidates === null ? index.size : candidates.length;
  for (let k = 0; k < count; k++) {
    // Without words every row is a candidate, already in page order.
    const r = candidates === null ? k : candidates[k];
    if (r === excluded || (hasCapacity && remaining[r] <= 0)) continue;
    const showWork = admin || hideWork[r] === 0;
    const showSkills = admin || hideSkills[r] === 0;
    const dept = showWork ? department[r] : -1;
    const loc = showWork ? location[r] : -1;
    const d = departmentChosen === null || (dept >= 0 && departmentChosen[dept] === 1);
    const c = locationChosen === null || (loc >= 0 && locationChosen[loc] === 1);
    let g = languageChosen === null;
    if (!g && showWork)
      for (let j = languageStart[r]; j < languageStart[r + 1]; j++)
        if ((languageChosen as Uint8Array)[languageCodes[j]] === 1) {
          g = true;
          break;
        }
    let s = skillChosen === null;
    if (!s && showSkills)
      for (let j = skillStart[r]; j < skillStart[r + 1]; j++)
        if ((skillChosen as Uint8Array)[skillCodes[j]] === 1) {
          s = true;
          break;
        }
    if (d && g && c && s) {
      total++;
      if (relevanceOf === null) {
        // Without words rows come in page order: the first `wanted` are the page.
        if (top.length < wanted) top.push(r);
      } else {
        // Rows come in tie-break order: a row goes ahead only of rows less relevant than it.
        const relevance = relevanceOf[r];
        if (top.length < wanted || relevance > relevanceOf[top[top.length - 1]]) {
          let at = top.length;
          while (at > 0 && relevanceOf[top[at - 1]] < relevance) at--;
          top.splice(at, 0, r);
          if (top.length > wanted) top.pop();
        }
      }
    }
    if (!counting) continue;
    if (g && c && s && dept >= 0) departmentCounts[dept]++;
    if (d && g && s && loc >= 0) locationCounts[loc]++;
    if (d && c && s && showWork)
      for (let j = languageStart[r]; j < languageStart[r + 1]; j++) languageCounts[languageCodes[j]]++;
    if (d && g && c && showSkills)
      for (let j = skillStart[r]; j < skillStart[r + 1]; j++) skillCounts[skillCodes[j]]++;
  }

  return {
    hits: top.slice(query.offset).map((r) => ({
      row: r,
      userId: index.userIds[r],
      relevance: relevanceOf === null ? 0 : relevanceOf[r],
      capacity: index.capacity[r],
      remaining: index.remaining[r],
    })),
    total,
    facets: counting
      ? {
          department: topValues(departmentCounts, index.departments, departmentChosen),
          language: topValues(languageCounts, index.languages, languageChosen),
          location: topValues(locationCounts, index.locations, locationChosen),
          skill: topValues(skillCounts, index.skillNames, skillChosen),
        }
      : { department: [], language: [], location: [], skill: [] },
  };
}
