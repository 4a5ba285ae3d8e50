/** Placeholder: the unread count badge beside "Notifications" comes with the notifications feature. */
export function NotificationCount() {
  return null;
}
