import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/queries.ts";

export const homeKeys = {
  home: (orgId: string) => ["org", orgId, "home"] as const,
};

/**
 * Home's one read. It is fetched again whenever the tab gets focus (stale at once), so coming
 * back to Home shows what changed meanwhile without a polling loop.
 */
export function useHome(orgId: string | null) {
  return useQuery({
    queryKey: homeKeys.home(orgId ?? "none"),
    queryFn: () => api.call("home", { params: { orgId: orgId! } }),
    enabled: Boolean(orgId),
    staleTime: 0,
    refetchOnWindowFocus: "always",
  });
}
