import { useQuery } from "@tanstack/react-query";
import { api, useMe } from "../api/queries.ts";
import { useRealtime, useRealtimeIdentity } from "../api/realtime.ts";
import { notificationKeys } from "../routes/notifications/notification-queries.ts";
import "../routes/notifications/notification-count.css";

/**
 * The unread badge beside "Notifications": a pill with the number, read out as "3 unread" as part
 * of the link's name; nothing at 0. It is always on screen while signed in, so it also holds the
 * tab's own topics: pushes about me (a notification, my requests and pairs) and my organisation
 * refetch what the page shows, the badge included. No polling.
 */
export function NotificationCount() {
  const me = useMe().data;
  const orgId = me?.currentOrgId;
  useRealtimeIdentity(me?.user.id ?? null);
  useRealtime([me && `user:${me.user.id}`, orgId && `org:${orgId}`]);
  const unread = useQuery({
    queryKey: notificationKeys.unread(orgId ?? "none"),
    queryFn: () => api.call("unreadNotificationCount", { params: { orgId: orgId! } }),
    enabled: Boolean(orgId),
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
