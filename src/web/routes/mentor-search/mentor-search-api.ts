import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { MentorSearchResult } from "../../../contracts/mentor-search.ts";
import { api } from "../../api/queries.ts";

/** Query keys of mentor search (all under ["org", orgId], dropped when the organisation changes). */
export const mentorSearchKeys = {
  programme: (orgId: string, programmeId: string) => ["org", orgId, "mentor-search", programmeId] as const,
  recommendations: (orgId: string, programmeId: string) =>
    ["org", orgId, "mentor-search", programmeId, "recommendations"] as const,
  whyNot: (orgId: string, programmeId: string, mentorId: string) =>
    ["org", orgId, "mentor-search", programmeId, "why-not", mentorId] as const,
  search: (orgId: string, programmeId: string, filters: object) =>
    ["org", orgId, "mentor-search", programmeId, "search", filters] as const,
};

export function useRecommendations(orgId: string, programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: mentorSearchKeys.recommendations(orgId, programmeId),
    queryFn: () => api.call("listRecommendations", { params: { orgId, programmeId }, query: { limit: 10 } }),
    enabled,
    retry: false,
  });
}

export function useWhyNot(orgId: string, programmeId: string, mentorId: string, enabled: boolean) {
  return useQuery({
    queryKey: mentorSearchKeys.whyNot(orgId, programmeId, mentorId),
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
    queryKey: mentorSearchKeys.search(orgId, programmeId, filters),
    queryFn: () => fetchMentorSearch(orgId, programmeId, filters),
    placeholderData: keepPreviousData,
  });
}
