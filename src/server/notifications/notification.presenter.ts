import type { Notification } from "../../contracts/notifications.ts";
import type { NotificationRecord } from "../../db/index.ts";

export function presentNotification(notification: NotificationRecord): Notification {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
}
