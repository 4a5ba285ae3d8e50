import { OrgIdParamsSchema } from "./common.ts";
import { FailedDeliveryListSchema } from "./events.ts";
import {
  MarkNotificationsReadRequestSchema,
  MarkNotificationsReadSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  UnreadCountSchema,
} from "./notifications.ts";
import { type RouteContract, route } from "./route-contract.ts";

/** The notifications routes (see routes.ts). Paths start /api/orgs/:orgId/; ids are uuids (IdSchema). */
export const notificationRoutes = {
  listNotifications: route({
    method: "GET",
    path: "/api/orgs/:orgId/notifications",
    summary: "My notifications in this organisation, newest first",
    tag: "notifications",
    access: "org-member",
    status: 200,
    params: OrgIdParamsSchema,
    query: NotificationListQuerySchema,
    response: NotificationListSchema,
  }),
  unreadNotificationCount: route({
    method: "GET",
    path: "/api/orgs/:orgId/notifications/unread-count",
    summary: "How many of my notifications are unread",
    tag: "notifications",
    access: "org-member",
    status: 200,
    params: OrgIdParamsSchema,
    response: UnreadCountSchema,
  }),
  markNotificationsRead: route({
    method: "POST",
    path: "/api/orgs/:orgId/notifications/read",
    summary: "Mark some (ids) or all of my notifications read",
    tag: "notifications",
    access: "org-member",
    status: 200,
    params: OrgIdParamsSchema,
    body: MarkNotificationsReadRequestSchema,
    response: MarkNotificationsReadSchema,
  }),
  listFailedEventDeliveries: route({
    method: "GET",
    path: "/api/orgs/:orgId/event-deliveries/failed",
    summary: "Events whose delivery (in-app notification, email) failed after its last try, newest first",
    tag: "notifications",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: FailedDeliveryListSchema,
  }),
} satisfies Record<string, RouteContract>;
