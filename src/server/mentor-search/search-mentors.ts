import type { z } from "zod";
import type {
  FacetValue,
  MentorSearchQuerySchema,
  MentorSearchResult,
} from "../../contracts/mentor-search.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, OrgId, UserId } from "../../core/accounts/types.ts";
import type { MentorIndex } from "../../core/mentor-search/mentor-index.ts";
import { type FacetCount, searchMentorIndex } from "../../core/mentor-search/mentor-index-search.ts";
import { RESPONSE_TIME_WINDOW_DAYS } from "../../core/requests/response-time.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { MentorSearchFilters, MentorSearchPage } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { forbidden, notFound } from "../http/app-error.ts";
import { presentMentorCard } from "./mentor-card.presenter.ts";
import { mentorIndex } from "./mentor-index-cache.ts";

/** A facet's counts with the chosen values marked (a chosen value nobody has shows 0). */
function facet(counts: readonly FacetCount[], chosen: readonly string[], caseless = false): FacetValue[] {
  const key = (value: string) => (caseless ? value.trim().toLowerCase() : value);
  const wanted = new Set(chosen.map(key));
  const values: FacetValue[] = counts
    .map((item) => ({ value: item.value, count: item.count, selected: wanted.has(key(item.value)) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const present = new Set(values.map((item) => key(item.value)));
  for (const value of chosen) if (!present.has(key(value))) values.push({ value, count: 0, selected: true });
  return values;
}

type ResponseTimes = Awaited<ReturnType<ServerDeps["repos"]["requests"]["medianResponseMs"]>>;

/**
 * One search over the instance's index of the programme's mentors: PostgreSQL has matched the
 * words (full-text search, ranked by ts_rank), the index filters, counts the facets and picks the
 * page, then the page's cards and the mentors' response times are read from the database.
 */
async function searchIndex(
  deps: ServerDeps,
  index: MentorIndex,
  words: { userIds: string[]; relevance: number[] } | null,
  orgId: OrgId,
  filters: MentorSearchFilters,
  since: Date,
): Promise<{ page: MentorSearchPage; responseTimes: ResponseTimes }> {
  let matches: { rows: number[]; relevance: number[] } | null = null;
  if (words) {
    matches = { rows: [], relevance: [] };
    for (let k = 0; k < words.userIds.length; k++) {
      // Mentors who are not active (paused, pending) match words but are not in the index.
      const row = index.rowOf.get(words.userIds[k]);
      if (row === undefined) continue;
      matches.rows.push(row);
      matches.relevance.push(words.relevance[k]);
    }
  }
  const found = searchMentorIndex(index, { ...filters, matches });
  const ids = found.hits.map((hit) => hit.userId as UserId);
  const [cardList, responseTimes] = await Promise.all([
    deps.repos.mentorSearch.cards(orgId, ids),
    deps.repos.requests.medianResponseMs(orgId, ids, since),
  ]);
  const cards = new Map(cardList.map((card) => [card.userId, card]));
  const rows = found.hits.flatMap((hit) => {
    const card = cards.get(hit.userId as UserId);
    // Gone since the index was read (an account deleted mid-search): left out.
    if (!card) return [];
    return [{ ...card, capacity: hit.capacity, remainingCapacity: hit.remaining, relevance: hit.relevance }];
  });
  return { page: { rows, total: found.total, facets: found.facets }, responseTimes };
}

/**
 * Full-text search over the programme's active mentors with facet counts, for the programme's
 * participants and the organisation's admins. Relevance is PostgreSQL's ts_rank; ties (and every
 * mentor when there are no words) go to mentors with more room left. Served from the instance's
 * mentor index (see mentor-index-cache.ts), or by one SQL statement when the change feed is down.
 */
export async function searchMentors(
  deps: ServerDeps,
  membership: Membership,
  programmeId: ProgrammeId,
  query: z.output<typeof MentorSearchQuerySchema>,
): Promise<MentorSearchResult> {
  const { orgId, userId } = membership;
  const [programme, enrolment] = await Promise.all([
    deps.repos.programmes.find(orgId, programmeId),
    deps.repos.enrolments.findForUser(orgId, programmeId, userId),
  ]);
  if (!programme) throw notFound("Programme not found.");
  if (!enrolment && !isOrgAdmin(membership.role))
    throw forbidden("Only people enrolled in this programme can search its mentors.");
  const filters = {
    q: query.q ?? "",
    departments: query.department ?? [],
    languages: query.language ?? [],
    locations: query.location ?? [],
    skills: query.skill ?? [],
  };
  const searchFilters: MentorSearchFilters = {
    ...filters,
    hasCapacity: query.hasCapacity ?? false,
    excludeUserId: userId,
    viewerIsAdmin: isOrgAdmin(membership.role),
    limit: query.limit,
    offset: query.offset,
  };
  const since = new Date(deps.now().getTime() - RESPONSE_TIME_WINDOW_DAYS * 86_400_000);
  const q = filters.q.trim();
  const [index, words, open] = await Promise.all([
    mentorIndex(deps, orgId, programmeId),
    q === "" ? null : deps.repos.mentorSearch.textMatches(orgId, programmeId, q),
    deps.repos.requests.listOpenOfMentee(orgId, programmeId, userId),
  ]);
  let page: MentorSearchPage;
  let responseTimes: ResponseTimes;
  if (index) ({ page, responseTimes } = await searchIndex(deps, index, words, orgId, searchFilters, since));
  else {
    page = await deps.repos.mentorSearch.search(orgId, programmeId, searchFilters);
    responseTimes = await deps.repos.requests.medianResponseMs(
      orgId,
      page.rows.map((row) => row.userId),
      since,
    );
  }
  const myRequests = new Map(open.map((request) => [request.mentorId, request]));
  return {
    mentors: page.rows.map((row) => ({
      ...presentMentorCard(row, {
        viewerIsAdmin: isOrgAdmin(membership.role),
        capacity: row.capacity,
        remainingCapacity: row.remainingCapacity,
        medianResponseMs: responseTimes.get(row.userId as UserId),
        myRequest: myRequests.get(row.userId as UserId),
      }),
      relevance: Number(row.relevance),
    })),
    total: page.total,
    facets: {
      department: facet(page.facets.department, filters.departments),
      language: facet(page.facets.language, filters.languages),
      location: facet(page.facets.location, filters.locations),
      skill: facet(page.facets.skill, filters.skills, true),
    },
  };
}
