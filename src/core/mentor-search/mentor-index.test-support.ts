import { buildMentorIndex, type MentorIndexRow } from "./mentor-index.ts";
import { type MentorIndexPage, type MentorIndexQuery, searchMentorIndex } from "./mentor-index-search.ts";

/** Rows, queries and lookups for the mentor index's tests. */

export function mentor(userId: string, fields: Partial<MentorIndexRow> = {}): MentorIndexRow {
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

export function query(fields: Partial<MentorIndexQuery> = {}): MentorIndexQuery {
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

export const search = (rows: readonly MentorIndexRow[], fields: Partial<MentorIndexQuery> = {}) =>
  searchMentorIndex(buildMentorIndex(rows), query(fields));

export const ids = (page: MentorIndexPage) => page.hits.map((hit) => hit.userId);

/** Words matched these users with these relevances (rows looked up in the index). */
export function matching(rows: readonly MentorIndexRow[], relevanceByUser: Record<string, number>) {
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
