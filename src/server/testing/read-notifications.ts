import type { Notification } from "../../contracts/notifications.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { presentNotification } from "../notifications/notification.presenter.ts";
import type { TestApp } from "./test-app.ts";

/**
 * A person's notifications, newest first, as they read them (rendered from their events in UTC),
 * without going through HTTP: what tests of the use cases that tell people check.
 */
export async function readNotifications(
  t: Pick<TestApp, "deps">,
  orgId: OrgId | string,
  userId: UserId | string,
  options: { limit: number },
): Promise<Notification[]> {
  await t.deps.events.idle();
  const rows = await t.deps.repos.notifications.page(orgId as OrgId, userId as UserId, {
    limit: options.limit,
  });
  return rows.map((row) => presentNotification(row, { locale: "en-GB", timeZone: "UTC" }));
}
