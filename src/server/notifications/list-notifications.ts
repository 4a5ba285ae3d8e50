import type { NotificationList, NotificationListQuerySchema } from "../../contracts/notifications.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { z } from "zod";
import type { ServerDeps } from "../deps.ts";
import { presentNotification } from "./notification.presenter.ts";

/**
 * My notifications in this organisation, newest first, a page at a time: `nextBefore` is the
 * cursor for the next page (null at the end).
 */
export async function listNotifications(
  deps: ServerDeps,
  membership: Membership,
  query: z.output<typeof NotificationListQuerySchema>,
): Promise<NotificationList> {
  const { orgId, userId } = membership;
  // One more than asked tells whether another page follows.
  const rows = await deps.repos.notifications.page(orgId, userId, {
    limit: query.limit + 1,
    beforeId: query.before,
    unreadOnly: query.unread === "true",
  });
  const page = rows.slice(0, query.limit);
  const profile = page.some((row) => row.eventId) ? await deps.repos.profiles.find(orgId, userId) : null;
  const reader = { locale: "en-GB", timeZone: profile?.timeZone ?? "UTC" };
  return {
    notifications: page.map((row) => presentNotification(row, reader)),
    nextBefore: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    unread: await deps.repos.notifications.unreadCount(orgId, userId),
  };
}
