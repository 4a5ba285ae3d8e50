import type { z } from "zod";
import type { FacetValue, MentorSearchQuerySchema, MentorSearchResult } from "../../contracts/self-match.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { RESPONSE_TIME_WINDOW_DAYS } from "../../core/programmes/response-time.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { FacetCount } from "../../db/repositories/mentor-search.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { forbidden, notFound } from "../http/app-error.ts";
import { presentMentorCard } from "./mentor-card.presenter.ts";

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

/**
 * Full-text search over the programme's active mentors with facet counts, for the programme's
 * participants and the organisation's admins. Relevance is PostgreSQL's ts_rank; ties (and every
 * mentor when there are no words) go to mentors with more room left.
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
  const [page, open] = await Promise.all([
    deps.repos.mentorSearch.search(orgId, programmeId, {
      ...filters,
      hasCapacity: query.hasCapacity ?? false,
      excludeUserId: userId,
      viewerIsAdmin: isOrgAdmin(membership.role),
      limit: query.limit,
      offset: query.offset,
    }),
    deps.repos.requests.listOpenOfMentee(orgId, programmeId, userId),
  ]);
  const since = new Date(deps.now().getTime() - RESPONSE_TIME_WINDOW_DAYS * 86_400_000);
  const responseTimes = await deps.repos.requests.medianResponseMs(
    orgId,
    page.rows.map((row) => row.userId),
    since,
  );
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
