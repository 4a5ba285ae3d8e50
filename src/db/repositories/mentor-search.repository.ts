import { type SQL, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import { statusList } from "../status-sql.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import type { MentorIndexRow } from "../../core/mentor-search/mentor-index.ts";
import { FACET_SIZE, type FacetCount } from "../../core/mentor-search/mentor-index-search.ts";
import { enrolments, mentorSearchDocs, profiles, relationships, users } from "../schema.ts";

export interface MentorSearchFilters {
  /** Words in web search syntax ("quoted phrase", or, -not); empty for none. */
  q: string;
  departments: readonly string[];
  languages: readonly string[];
  locations: readonly string[];
  /** Compared case-insensitively with the skills a mentor offers. */
  skills: readonly string[];
  hasCapacity: boolean;
  /** Left out of the results (the person searching). */
  excludeUserId: UserId;
  /** Admins see every part of a profile; others not the parts shown to admins only. */
  viewerIsAdmin: boolean;
  /** Count the facets (default true); a next page of the same search can leave them out. */
  facets?: boolean;
  limit: number;
  offset: number;
}

/** One mentor of a result page: enough for a card. */
export interface MentorSearchRow {
  userId: UserId;
  name: string;
  headline: string;
  jobTitle: string;
  department: string;
  location: string;
  timeZone: string;
  languages: string[];
  skillsOffered: { skill: string; level: number }[];
  visibility: Record<string, string>;
  capacity: number;
  remainingCapacity: number;
  relevance: number;
}

export interface MentorSearchPage {
  rows: MentorSearchRow[];
  total: number;
  facets: { department: FacetCount[]; language: FacetCount[]; location: FacetCount[]; skill: FacetCount[] };
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
const textArray = (values: readonly string[]) => sql`array[${list(values)}]::text[]`;

/**
 * One entry per skill whatever its case or spacing ("TypeScript", "typescript "), named as most
 * mentors write it; the chosen ones and then the most frequent, FACET_SIZE at most.
 */
function mergeCaseVariants(counts: readonly FacetCount[], chosen: readonly string[]): FacetCount[] {
  const merged = new Map<string, { value: string; count: number; best: number }>();
  for (const { value, count } of counts) {
    const name = value.trim();
    if (name === "") continue;
    const key = name.toLowerCase();
    const entry = merged.get(key);
    if (!entry) merged.set(key, { value: name, count, best: count });
    else {
      entry.count += count;
      if (count > entry.best) Object.assign(entry, { value: name, best: count });
    }
  }
  const isChosen = new Set(chosen);
  return [...merged.entries()]
    .sort(
      ([a, x], [b, y]) =>
        Number(isChosen.has(b)) - Number(isChosen.has(a)) ||
        y.count - x.count ||
        x.value.localeCompare(y.value),
    )
    .slice(0, FACET_SIZE)
    .map(([, entry]) => ({ value: entry.value, count: entry.count }));
}

/**
 * A jsonpath matching an array of { skill } whose skill is one of `skills`, case-insensitively.
 *
 * Example: skillPath(["c++", "go"]) === String.raw`$[*] ? (@.skill like_regex "^\\s*(c\\+\\+|go)\\s*$" flag "i")`
 */
export function skillPath(skills: readonly string[]): string {
  const escaped = skills.map((skill) => skill.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return `$[*] ? (@.skill like_regex ${JSON.stringify(`^\\s*(${escaped.join("|")})\\s*$`)} flag "i")`;
}

/** Rows of a raw query (node-postgres and PGlite both answer { rows }). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const rowsFrom = async <T>(db: Database, statement: SQL) => rowsOf<T>(await db.execute(statement));

/** core hasRoom(capacity, live) in SQL (live < capacity), for the "has room" filter over every mentor. */
const HAS_ROOM = sql`and e.mentor_capacity - coalesce(l.n, 0) > 0`;

/** Relationships that hold a place of the mentor's capacity. */
const livePairs = (orgId: OrgId, programmeId: ProgrammeId, mentors: SQL = sql`true`) => sql`
  select mentor_id, count(*)::int as n from ${relationships}
  where org_id = ${orgId} and programme_id = ${programmeId} and status in (${statusList(LIVE_RELATIONSHIP_STATUSES)})
    and ${mentors}
  group by mentor_id`;

export function mentorSearchRepository(db: Database) {
  return {
    /**
     * A programme's active mentors as the in-memory search index takes them
     * (core/mentor-search/mentor-index.ts): facet values, which sections are for admins only, room.
     * With `userIds`, only those of them who are.
     */
    async indexRows(
      orgId: OrgId,
      programmeId: ProgrammeId,
      userIds?: readonly string[],
    ): Promise<MentorIndexRow[]> {
      // One text parameter however many people (a list of parameters has a limit).
      const among = (column: SQL) =>
        userIds ? sql`${column} = any(string_to_array(${userIds.join(",")}, ',')::uuid[])` : sql`true`;
      const rows = await rowsFrom<MentorIndexRow & { skills: unknown }>(
        db,
        sql`
          with live as (${livePairs(orgId, programmeId, among(sql`mentor_id`))})
          select e.user_id as "userId", p.department, p.location, p.languages,
            jsonb_path_query_array(p.skills_offered, '$[*].skill') as skills,
            coalesce(p.visibility->>'work', '') = 'admins' as "hideWork",
            coalesce(p.visibility->>'skills', '') = 'admins' as "hideSkills",
            e.mentor_capacity as capacity, e.mentor_capacity - coalesce(l.n, 0) as remaining
          from ${enrolments} e
          join ${profiles} p on p.org_id = e.org_id and p.user_id = e.user_id
          left join live l on l.mentor_id = e.user_id
          where e.org_id = ${orgId} and e.programme_id = ${programmeId}
            and e.status = 'active' and e.role in ('mentor', 'both') and ${among(sql`e.user_id`)}
          -- The index's own order (uuids compare as their text does): sorting it again is cheap.
          order by remaining desc, e.user_id`,
      );
      for (const row of rows) {
        const skills = typeof row.skills === "string" ? JSON.parse(row.skills) : row.skills;
        row.skills = Array.isArray(skills) ? skills.filter((skill) => typeof skill === "string") : [];
      }
      return rows as MentorIndexRow[];
    },

    /**
     * The programme's mentors (any status) whose profile matches the words, with PostgreSQL's
     * ts_rank: one GIN lookup on (programme, words) in mentor_search_docs, so other programmes'
     * profiles are never read. Words in web search syntax, in English and as written.
     */
    async textMatches(
      orgId: OrgId,
      programmeId: ProgrammeId,
      q: string,
    ): Promise<{ userIds: string[]; relevance: number[] }> {
      const rows = await rowsFrom<{ u: string; r: number }>(
        db,
        sql`
          select d.user_id as u, ts_rank(d.search, x.q) as r
          from ${mentorSearchDocs} d,
            (select websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}) as q) x
          where d.programme_id = ${programmeId} and d.org_id = ${orgId} and d.search @@ x.q`,
      );
      return { userIds: rows.map((row) => row.u), relevance: rows.map((row) => Number(row.r)) };
    },

    /**
     * The reference search, in one statement: the matching mentors are gathered once (a
     * MATERIALIZED CTE carrying one flag per facet filter), then the page, the total and each
     * facet's counts are read from it. Same answers as core/mentor-search/mentor-index.ts (tests
     * hold them equal); the server uses it when the change feed is down and nothing kept in
     * memory can be trusted.
     */
    async search(
      orgId: OrgId,
      programmeId: ProgrammeId,
      filters: MentorSearchFilters,
    ): Promise<MentorSearchPage> {
      const q = filters.q.trim();
      // Profiles index headline, job title and skills with the 'simple' configuration and the bio
      // with 'english': a query in either form finds both ("engineering" and "engineer").
      const query = sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;
      const lowerSkills = filters.skills.map((skill) => skill.trim().toLowerCase());
      const flag = (values: readonly unknown[], condition: SQL) =>
        values.length > 0 ? condition : sql`true`;
      const byDepartment = flag(filters.departments, sql`m.department in (${list(filters.departments)})`);
      const byLanguage = flag(filters.languages, sql`m.languages && ${textArray(filters.languages)}`);
      const byLocation = flag(filters.locations, sql`m.location in (${list(filters.locations)})`);
      // One jsonpath test per row (a third of the time of unnesting the array in a subquery):
      // any offered skill equal to a chosen one, ignoring case and surrounding spaces.
      const bySkill = flag(
        lowerSkills,
        sql`jsonb_path_exists(m.skills_offered, ${skillPath(lowerSkills)}::jsonpath)`,
      );
      const chosenFirst = (values: readonly string[], column: SQL) =>
        values.length > 0 ? sql`(${column} in (${list(values)})) desc,` : sql``;
      // A part its owner showed to admins only is blank for everyone else: not shown, not counted,
      // not filtered on ("work": department, location, languages; "skills": skills offered).
      const facet = (query: SQL) => (filters.facets === false ? sql`'[]'::json` : query);
      const hidden = (section: string) =>
        filters.viewerIsAdmin ? sql`false` : sql`coalesce(p.visibility->>${section}::text, '') = 'admins'`;

      const statement = sql`
        with live as (${livePairs(orgId, programmeId)}),
        base as materialized (
          select m.*, ${byDepartment} as d, ${byLanguage} as g, ${byLocation} as c, ${bySkill} as s
          from (
            select e.user_id,
              case when ${hidden("work")} then '' else p.department end as department,
              case when ${hidden("work")} then '' else p.location end as location,
              case when ${hidden("work")} then '{}'::text[] else p.languages end as languages,
              case when ${hidden("skills")} then '[]'::jsonb else p.skills_offered end as skills_offered,
              e.mentor_capacity as capacity,
              e.mentor_capacity - coalesce(l.n, 0) as remaining,
              ${q ? sql`ts_rank(p.search, ${query})` : sql`0::real`} as relevance
            from ${enrolments} e
            join ${profiles} p on p.org_id = e.org_id and p.user_id = e.user_id
            left join live l on l.mentor_id = e.user_id
            where e.org_id = ${orgId} and e.programme_id = ${programmeId}
              and e.status = 'active' and e.role in ('mentor', 'both')
              and e.user_id <> ${filters.excludeUserId}
              ${q ? sql`and p.search @@ ${query}` : sql``}
              ${filters.hasCapacity ? HAS_ROOM : sql``}
          ) m
        )
        select
          (select count(*)::int from base where d and g and c and s) as total,
          (select coalesce(json_agg(page), '[]'::json) from (
            select h.user_id as "userId", u.name, p.headline, p.job_title as "jobTitle",
              p.department, p.location, p.time_zone as "timeZone", p.languages,
              p.skills_offered as "skillsOffered", p.visibility, h.capacity,
              h.remaining as "remainingCapacity", h.relevance
            from (
              select * from base where d and g and c and s order by relevance desc, remaining desc, user_id
              limit ${filters.limit} offset ${filters.offset}
            ) h
            join ${users} u on u.id = h.user_id
            join ${profiles} p on p.org_id = ${orgId} and p.user_id = h.user_id
            order by h.relevance desc, h.remaining desc, h.user_id
          ) page) as rows,
          ${facet(sql`(select coalesce(json_agg(f), '[]'::json) from (
            select department as value, count(*)::int as count from base
            where g and c and s and department <> ''
            group by department
            order by ${chosenFirst(filters.departments, sql`department`)} count(*) desc, department
            limit ${FACET_SIZE}
          ) f)`)} as department,
          ${facet(sql`(select coalesce(json_agg(f), '[]'::json) from (
            select v as value, count(*)::int as count from base cross join unnest(languages) v
            where d and c and s and v <> ''
            group by v
            order by ${chosenFirst(filters.languages, sql`v`)} count(*) desc, v
            limit ${FACET_SIZE}
          ) f)`)} as language,
          ${facet(sql`(select coalesce(json_agg(f), '[]'::json) from (
            select location as value, count(*)::int as count from base
            where d and g and s and location <> ''
            group by location
            order by ${chosenFirst(filters.locations, sql`location`)} count(*) desc, location
            limit ${FACET_SIZE}
          ) f)`)} as location,
          ${facet(sql`(select coalesce(json_agg(f), '[]'::json) from (
            -- One spelling per skill and mentor ("Go" and "go " count the mentor once), grouped by
            -- the spelling; case variants are merged below.
            select o.skill as value, count(*)::int as count
            from base cross join lateral (
              select distinct on (lower(trim(x->>'skill'))) x->>'skill' as skill
              from jsonb_array_elements(skills_offered) x
            ) o
            where d and g and c
            group by o.skill
            order by ${chosenFirst(lowerSkills, sql`lower(trim(o.skill))`)} count(*) desc, o.skill
            limit ${FACET_SIZE * 8}
          ) f)`)} as skill
      `;
      const [row] = await rowsFrom<{
        total: number;
        rows: MentorSearchRow[] | string;
        department: FacetCount[] | string;
        language: FacetCount[] | string;
        location: FacetCount[] | string;
        skill: FacetCount[] | string;
      }>(db, statement);
      // node-postgres parses json columns; keep PGlite and others honest too.
      const json = <T>(value: T | string): T =>
        typeof value === "string" ? (JSON.parse(value) as T) : value;
      return {
        rows: json(row.rows),
        total: row.total,
        facets: {
          department: json(row.department),
          language: json(row.language),
          location: json(row.location),
          skill: mergeCaseVariants(json(row.skill), lowerSkills),
        },
      };
    },

    /** Card data of some people (profile and name), for recommendation lists. */
    async cards(
      orgId: OrgId,
      userIds: readonly UserId[],
    ): Promise<Omit<MentorSearchRow, "capacity" | "remainingCapacity" | "relevance">[]> {
      if (userIds.length === 0) return [];
      const result = await db.execute(sql`
        select u.id as "userId", u.name, coalesce(p.headline, '') as headline,
          coalesce(p.job_title, '') as "jobTitle", coalesce(p.department, '') as department,
          coalesce(p.location, '') as location, coalesce(p.time_zone, 'UTC') as "timeZone",
          coalesce(p.languages, '{}'::text[]) as languages,
          coalesce(p.skills_offered, '[]'::jsonb) as "skillsOffered",
          coalesce(p.visibility, '{}'::jsonb) as visibility
        from ${users} u
        left join ${profiles} p on p.org_id = ${orgId} and p.user_id = u.id
        where u.id in (${list(userIds)})`);
      return rowsOf<Omit<MentorSearchRow, "capacity" | "remainingCapacity" | "relevance">>(result);
    },

    /**
     * A cheap fingerprint of a programme's people as the matcher sees them: every enrolment (any
     * state) and its profile. Any insert, update or delete of those rows changes it, whether or not
     * the writer bumped updated_at: it sums the rows' xmin (the transaction that last wrote each
     * row version) besides counting them and taking the latest updated_at.
     */
    async participantsVersion(orgId: OrgId, programmeId: ProgrammeId): Promise<string> {
      const result = await db.execute(sql`
        select count(*)::int as n,
          coalesce(sum(e.xmin::text::bigint), 0)::text as ex,
          coalesce(sum(p.xmin::text::bigint), 0)::text as px,
          coalesce(max(greatest(e.updated_at, p.updated_at)), 'epoch')::text as latest
        from ${enrolments} e
        left join ${profiles} p on p.org_id = e.org_id and p.user_id = e.user_id
        where e.org_id = ${orgId} and e.programme_id = ${programmeId}`);
      const [row] = rowsOf<{ n: number; ex: string; px: string; latest: string }>(result);
      return `${row.n}:${row.ex}:${row.px}:${row.latest}`;
    },
  };
}
