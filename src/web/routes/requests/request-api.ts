import { useQuery } from "@tanstack/react-query";
import type { RequestListQuery } from "../../../contracts/requests.ts";
import { topic } from "../../../contracts/realtime.ts";
import { api } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { profileKeys } from "../profile/profile-api.ts";
import { browserTimeZone } from "../profile/profile-format.ts";

/** Query keys of the requests pages (all under ["org", orgId], dropped when the organisation changes). */
export const requestKeys = {
  requests: (orgId: string) => ["org", orgId, "requests"] as const,
  requestList: (orgId: string, filters: object) => ["org", orgId, "requests", "list", filters] as const,
  request: (orgId: string, requestId: string) => ["org", orgId, "requests", requestId] as const,
};

export function useRequestList(orgId: string, filters: RequestListQuery) {
  return useQuery({
    queryKey: requestKeys.requestList(orgId, filters),
    queryFn: () => api.call("listMyRequests", { params: { orgId }, query: filters }),
  });
}

/** One request, read again when it changes (its own topic: the mentee, the mentor and admins hear it). */
export function useRequest(orgId: string, requestId: string) {
  useRealtime([requestId && topic("request", requestId)]);
  return useQuery({
    queryKey: requestKeys.request(orgId, requestId),
    queryFn: () => api.call("getRequest", { params: { orgId, requestId } }),
  });
}

/**
 * The zone times are shown in: the one in my profile, else the browser's. Pages say which.
 */
export function useViewerTimeZone(orgId: string): string {
  const profile = useQuery({
    queryKey: profileKeys.mine(orgId),
    queryFn: () => api.call("getMyProfile", { params: { orgId } }),
    staleTime: 5 * 60_000,
  });
  return profile.data?.timeZone || browserTimeZone();
}
