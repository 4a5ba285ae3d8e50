import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { listNotifications } from "./list-notifications.ts";

/** Registers the handlers of the notifications routes of the contract table. */
export function registerNotificationRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.listNotifications, async ({ membership, query }) =>
    listNotifications(deps, membership, query),
  );

  defineRoute(app, deps, routes.unreadNotificationCount, async ({ membership }) => ({
    count: await deps.repos.notifications.unreadCount(membership.orgId, membership.userId),
  }));

  // Marking is scoped to the caller: ids of someone else's notifications change nothing.
  defineRoute(app, deps, routes.markNotificationsRead, async ({ membership, body }) => {
    const { orgId, userId } = membership;
    const marked = await deps.repos.notifications.markRead(orgId, userId, body.ids ?? null, deps.now());
    return { marked, unread: await deps.repos.notifications.unreadCount(orgId, userId) };
  });

  // Admins see what did not reach people, so they can act (the event itself stays in the outbox).
  defineRoute(app, deps, routes.listFailedEventDeliveries, async ({ membership }) => ({
    deliveries: (await deps.repos.events.listFailed(membership.orgId, 100)).map((row) => ({
      eventId: row.eventId,
      kind: row.kind,
      consumer: row.consumer,
      attempts: row.attempts,
      lastError: row.lastError,
      occurredAt: row.occurredAt.toISOString(),
    })),
  }));
}
