import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ErrorEnvelopeSchema, routes } from "../../../contracts/index.ts";
import type { FacetName, MentorSearchResult } from "../../../contracts/self-match.ts";
import { ApiError } from "../../api/api-error.ts";
import { buildPath } from "../../api/client.ts";
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

/**
 * GET .../mentors with each chosen facet value as its own query parameter (?skill=a&skill=b):
 * the typed client joins a list into one value with commas, and values may hold commas
 * ("London, UK"). Errors come back as ApiError like every other call.
 */
export async function fetchMentorSearch(
  orgId: string,
  programmeId: string,
  filters: SearchFilters,
): Promise<MentorSearchResult> {
  const search = new URLSearchParams();
  if (filters.q.trim()) search.set("q", filters.q.trim());
  for (const facet of ["department", "language", "location", "skill"] as const satisfies readonly FacetName[])
    for (const value of filters[facet]) search.append(facet, value);
  if (filters.hasCapacity) search.set("hasCapacity", "true");
  search.set("limit", String(PAGE_SIZE));
  if (filters.offset > 0) search.set("offset", String(filters.offset));
  let response: Response;
  try {
    response = await fetch(`${buildPath(routes.searchMentors.path, { orgId, programmeId })}?${search}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Trellis. Check your connection and try again.");
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as MentorSearchResult;
  const envelope = ErrorEnvelopeSchema.safeParse(data);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    throw new ApiError(response.status, code, message, details ?? []);
  }
  throw new ApiError(response.status, "internal_error", `The search failed (HTTP ${response.status}).`);
}

export function useMentorSearch(orgId: string, programmeId: string, filters: SearchFilters) {
  return useQuery({
    queryKey: selfMatchKeys.search(orgId, programmeId, filters),
    queryFn: () => fetchMentorSearch(orgId, programmeId, filters),
    placeholderData: keepPreviousData,
  });
}
