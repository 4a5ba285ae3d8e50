import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { MentorSearchResult } from "../../../contracts/mentor-search.ts";
import { api } from "../../api/queries.ts";
import { selfMatchKeys } from "../requests/request-api.ts";

export function useRecommendations(orgId: string, programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: selfMatchKeys.recommendations(orgId, programmeId),
    queryFn: () => api.call("listRecommendations", { params: { orgId, programmeId }, query: { limit: 10 } }),
    enabled,
    retry: false,
  });
}

export function useWhyNot(orgId: string, programmeId: string, mentorId: string, enabled: boolean) {
  return useQuery({
    queryKey: selfMatchKeys.whyNot(orgId, programmeId, mentorId),
    queryFn: () => api.call("explainRecommendation", { params: { orgId, programmeId, mentorId } }),
    enabled,
    retry: false,
  });
}

/** The search as the page's address holds it. */
export interface SearchFilters {
  q: string;
  department: string[];
  language: string[];
  location: string[];
  skill: string[];
  hasCapacity: boolean;
  offset: number;
}

export const PAGE_SIZE = 20;

/** GET .../mentors: each chosen facet value goes as its own query parameter (?skill=a&skill=b). */
export function fetchMentorSearch(
  orgId: string,
  programmeId: string,
  filters: SearchFilters,
): Promise<MentorSearchResult> {
  return api.call("searchMentors", {
    params: { orgId, programmeId },
    query: {
      q: filters.q.trim() || undefined,
      department: filters.department,
      language: filters.language,
      location: filters.location,
      skill: filters.skill,
      hasCapacity: filters.hasCapacity ? "true" : undefined,
      limit: PAGE_SIZE,
      offset: filters.offset > 0 ? filters.offset : undefined,
    },
  });
}

export function useMentorSearch(orgId: string, programmeId: string, filters: SearchFilters) {
  return useQuery({
    queryKey: selfMatchKeys.search(orgId, programmeId, filters),
    queryFn: () => fetchMentorSearch(orgId, programmeId, filters),
    placeholderData: keepPreviousData,
  });
}
