import type { calendarRoutes } from "../../../contracts/calendar.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each calendar route that takes one. */
export const calendarSamples: SampleBodiesFor<typeof calendarRoutes> = {
  connectCalendar: {
    url: "https://dav.example.test/calendars/sample/",
    username: "sample",
    password: "app-password",
  },
};
