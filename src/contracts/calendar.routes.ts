import {
  CalendarConnectionListSchema,
  CalendarConnectionParamsSchema,
  CalendarConnectionSchema,
  CalendarFeedBytesSchema,
  CalendarFeedSchema,
  CalendarFeedTokenParamsSchema,
  ConnectCalendarRequestSchema,
} from "./calendar.ts";
import { NoContentSchema } from "./common.ts";
import { type RouteContract, route } from "./route-contract.ts";

/**
 * Calendars (issue 10): a person's CalDAV connections and private feed. They belong to the
 * person, not to an organisation (their busy time blocks slots in each of theirs), so the
 * routes are under /api/me and only ever touch the caller's own rows; another person's
 * connection id is 404.
 */
export const calendarRoutes = {
  listCalendarConnections: route({
    method: "GET",
    path: "/api/me/calendars",
    summary: "My connected CalDAV calendars with their state",
    tag: "calendar",
    access: "signed-in",
    status: 200,
    response: CalendarConnectionListSchema,
  }),
  connectCalendar: route({
    method: "POST",
    path: "/api/me/calendars",
    summary:
      "Connect a CalDAV calendar (URL, user name, app password): tested first, a refusal names the field; then its busy time is imported",
    tag: "calendar",
    access: "signed-in",
    status: 201,
    body: ConnectCalendarRequestSchema,
    response: CalendarConnectionSchema,
  }),
  syncCalendarConnection: route({
    method: "POST",
    path: "/api/me/calendars/:connectionId/sync",
    summary: "Import my busy time from this calendar now; the answer carries the new state",
    tag: "calendar",
    access: "signed-in",
    status: 200,
    params: CalendarConnectionParamsSchema,
    response: CalendarConnectionSchema,
  }),
  disconnectCalendar: route({
    method: "DELETE",
    path: "/api/me/calendars/:connectionId",
    summary: "Disconnect a calendar: its busy time and stored password are deleted",
    tag: "calendar",
    access: "signed-in",
    status: 204,
    params: CalendarConnectionParamsSchema,
    response: NoContentSchema,
  }),
  getCalendarFeed: route({
    method: "GET",
    path: "/api/me/calendar-feed",
    summary: "My private calendar feed address, if I have one",
    tag: "calendar",
    access: "signed-in",
    status: 200,
    response: CalendarFeedSchema,
  }),
  createCalendarFeed: route({
    method: "POST",
    path: "/api/me/calendar-feed",
    summary: "Make my private feed address, or a new one (the old address stops working)",
    tag: "calendar",
    access: "signed-in",
    status: 201,
    response: CalendarFeedSchema,
  }),
  revokeCalendarFeed: route({
    method: "DELETE",
    path: "/api/me/calendar-feed",
    summary: "Turn off my feed: its address stops working",
    tag: "calendar",
    access: "signed-in",
    status: 204,
    response: NoContentSchema,
  }),
  readCalendarFeed: route({
    method: "GET",
    path: "/api/calendar-feeds/:token",
    summary: "A person's sessions as iCalendar (text/calendar), by the feed's secret; no sign-in",
    tag: "calendar",
    access: "public",
    status: 200,
    params: CalendarFeedTokenParamsSchema,
    response: CalendarFeedBytesSchema,
  }),
} satisfies Record<string, RouteContract>;
