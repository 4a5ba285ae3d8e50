import { useQuery } from "@tanstack/react-query";
import { api, useMe } from "../api/queries.ts";
import { notificationKeys } from "../routes/notifications/notification-queries.ts";
import "../routes/notifications/notification-count.css";

/**
 * The unread badge beside "Notifications": a pill with the number, read out as "3 unread" as part
 * of the link's name. Refreshed every minute and whenever the window gets focus; nothing at 0.
 */
export function NotificationCount() {
  const orgId = useMe().data?.currentOrgId;
  const unread = useQuery({
    queryKey: notificationKeys.unread(orgId ?? "none"),
    queryFn: () => api.call("unreadNotificationCount", { params: { orgId: orgId! } }),
    enabled: Boolean(orgId),
    refetchInterval: 60_000,
    refetchOnWindowFocus: "always",
    staleTime: 10_000,
  });
  const count = unread.data?.count ?? 0;
  if (count <= 0) return null;
  const shown = count > 99 ? "99+" : String(count);
  return (
    <span className="nav-count">
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">, {count} unread</span>
    </span>
  );
}
