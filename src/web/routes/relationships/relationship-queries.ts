import { useQueryClient } from "@tanstack/react-query";

/** Query keys of the relationship screens; everything under ["org", orgId] is dropped on a switch. */
export const relationshipKeys = {
  all: (orgId: string) => ["org", orgId, "relationships"] as const,
  one: (orgId: string, relationshipId: string) => ["org", orgId, "relationships", relationshipId] as const,
  history: (orgId: string, relationshipId: string) =>
    ["org", orgId, "relationships", relationshipId, "history"] as const,
  list: (orgId: string, filters: object) => ["org", orgId, "relationships", "list", filters] as const,
  mine: (orgId: string) => ["org", orgId, "mentoring"] as const,
  programmes: (orgId: string) => ["org", orgId, "relationships", "programme-options"] as const,
};

/** After any change to a relationship: refresh it, its history, My mentoring and the lists. */
export function useRefreshRelationships(orgId: string) {
  const client = useQueryClient();
  return () => {
    client.invalidateQueries({ queryKey: relationshipKeys.all(orgId) });
    client.invalidateQueries({ queryKey: relationshipKeys.mine(orgId) });
  };
}
