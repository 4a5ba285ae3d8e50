import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { feedOwner, myFeed, rotateFeed } from "./calendar-feed.ts";
import { calendarRepo, uidHost } from "./calendar-deps.ts";
import { presentConnection, presentFeed } from "./calendar.presenter.ts";
import { connectCalendar } from "./connect-calendar.ts";
import { feedIcs } from "./ics.ts";
import { feedSessions } from "./session-ics.ts";
import { syncConnection } from "./sync-connection.ts";

/**
 * Registers the calendar routes. Each reads and changes the caller's own connections and feed
 * only: another person's connection id is 404, like an unknown one.
 */
export function registerCalendarRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.listCalendarConnections, async ({ auth }) => ({
    connections: (await calendarRepo(deps).listConnections(auth.userId)).map((row) =>
      presentConnection(row, deps.now()),
    ),
  }));

  defineRoute(app, deps, routes.connectCalendar, async ({ auth, body }) =>
    presentConnection(await connectCalendar(deps, auth.userId, body), deps.now()),
  );

  defineRoute(app, deps, routes.syncCalendarConnection, async ({ auth, params }) => {
    const connection = await calendarRepo(deps).findConnection(auth.userId, params.connectionId);
    if (!connection) throw notFound("Calendar connection not found.");
    await syncConnection(deps, connection);
    const after = await calendarRepo(deps).findConnection(auth.userId, params.connectionId);
    if (!after) throw notFound("Calendar connection not found.");
    return presentConnection(after, deps.now());
  });

  defineRoute(app, deps, routes.disconnectCalendar, async ({ auth, params }) => {
    if (!(await calendarRepo(deps).removeConnection(auth.userId, params.connectionId))) {
      throw notFound("Calendar connection not found.");
    }
    return undefined;
  });

  defineRoute(app, deps, routes.getCalendarFeed, async ({ auth }) => {
    const { row, url } = await myFeed(deps, auth.userId);
    return presentFeed(row, url);
  });

  defineRoute(app, deps, routes.createCalendarFeed, async ({ auth }) => {
    const { row, url } = await rotateFeed(deps, auth.userId);
    return presentFeed(row, url);
  });

  defineRoute(app, deps, routes.revokeCalendarFeed, async ({ auth }) => {
    await calendarRepo(deps).revokeFeed(auth.userId, deps.now());
    return undefined;
  });

  // Public: calendar apps subscribe without cookies. The token is the only key; an unknown or
  // revoked one is 404. The path's token is redacted from logs (contracts/url-secrets.ts).
  defineRoute(app, deps, routes.readCalendarFeed, async ({ params, reply }) => {
    const userId = await feedOwner(deps, params.token);
    if (!userId) throw notFound("Calendar feed not found.");
    const text = feedIcs(await feedSessions(deps, userId), uidHost(deps), "Trellis sessions");
    reply
      .type("text/calendar; charset=utf-8")
      .header("cache-control", "private, no-cache")
      .header("x-content-type-options", "nosniff")
      .header("content-disposition", 'inline; filename="trellis-sessions.ics"');
    return Buffer.from(text, "utf8");
  });
}
