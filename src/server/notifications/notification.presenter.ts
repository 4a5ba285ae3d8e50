import type { DomainEvent } from "../../contracts/events.ts";
import type { Notification } from "../../contracts/notifications.ts";
import type { NotificationRecord } from "../../db/index.ts";
import { noticeFor, type ReaderContext } from "./notices.ts";

/**
 * One notification as its reader sees it. A notification of an event is worded now, from the
 * event, in the reader's language and time zone; an older one (stored as text) as it was stored.
 */
export function presentNotification(notification: NotificationRecord, reader: ReaderContext): Notification {
  const base = {
    id: notification.id,
    kind: notification.kind,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
  if (notification.eventId && notification.payload) {
    const event = {
      kind: notification.kind,
      orgId: notification.orgId,
      payload: notification.payload,
    } as unknown as DomainEvent;
    const notice = noticeFor(event, notification.userId, reader);
    if (notice) return { ...base, title: notice.title, body: notice.body, link: notice.link };
  }
  return { ...base, title: notification.title, body: notification.body, link: notification.link };
}
