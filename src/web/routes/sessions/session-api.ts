import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { MySessionsQuery } from "../../../contracts/sessions.ts";
import { api } from "../../api/queries.ts";

/**
 * Query keys of the session screens. All under ["org", orgId] (a push on "user:<me>" refetches
 * them), and those of one pair or session name its id (a push on "relationship:<id>" does too).
 */
export const sessionKeys = {
  all: (orgId: string) => ["org", orgId, "sessions"] as const,
  mine: (orgId: string, query: MySessionsQuery) => ["org", orgId, "sessions", "mine", query] as const,
  one: (orgId: string, sessionId: string, relationshipId?: string | null) =>
    ["org", orgId, "sessions", "one", sessionId, relationshipId ?? null] as const,
  pair: (orgId: string, relationshipId: string) =>
    ["org", orgId, "sessions", "pair", relationshipId] as const,
  slots: (orgId: string, relationshipId: string, query: object) =>
    ["org", orgId, "sessions", "slots", relationshipId, query] as const,
  scheduling: (orgId: string) => ["org", orgId, "sessions", "scheduling"] as const,
  actionItems: (orgId: string) => ["org", orgId, "sessions", "action-items"] as const,
  stats: (orgId: string, programmeId: string) => ["org", orgId, "sessions", "stats", programmeId] as const,
};

/** After any change to a session: every session list, page, slot search and Home read again. */
export function useRefreshSessions(orgId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: sessionKeys.all(orgId) });
    void client.invalidateQueries({ queryKey: ["org", orgId, "home"] });
  };
}

export function useMySessions(orgId: string, query: MySessionsQuery, enabled = true) {
  return useQuery({
    queryKey: sessionKeys.mine(orgId, query),
    queryFn: () => api.call("listMySessions", { params: { orgId }, query }),
    enabled: Boolean(orgId) && enabled,
  });
}

export function useMyActionItems(orgId: string) {
  return useQuery({
    queryKey: sessionKeys.actionItems(orgId),
    queryFn: () => api.call("listMyActionItems", { params: { orgId } }),
    enabled: Boolean(orgId),
  });
}

export function usePairSessions(orgId: string, relationshipId: string) {
  return useQuery({
    queryKey: sessionKeys.pair(orgId, relationshipId),
    queryFn: () => api.call("listRelationshipSessions", { params: { orgId, relationshipId } }),
    enabled: Boolean(orgId && relationshipId),
  });
}
