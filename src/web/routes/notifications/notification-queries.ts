import { useQueryClient } from "@tanstack/react-query";

/** Query keys of the notifications list and the unread badge (under ["org", orgId]). */
export const notificationKeys = {
  all: (orgId: string) => ["org", orgId, "notifications"] as const,
  list: (orgId: string, unreadOnly: boolean) =>
    ["org", orgId, "notifications", "list", { unreadOnly }] as const,
  unread: (orgId: string) => ["org", orgId, "notifications", "unread-count"] as const,
};

/** After marking read: refresh the list and the badge. */
export function useRefreshNotifications(orgId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: notificationKeys.all(orgId) });
}
