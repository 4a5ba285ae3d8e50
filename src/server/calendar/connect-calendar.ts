import type { ConnectCalendarRequest } from "../../contracts/calendar.ts";
import type { CalendarConnectionRow } from "../../db/repositories/calendar.repository.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { CalDavError } from "./caldav-client.ts";
import { type CalendarDeps, calendarBox, calendarRepo, clientFor } from "./calendar-deps.ts";
import { CalendarInputError, checkCalendarUrl } from "./ssrf-guard.ts";
import { syncConnection } from "./sync-connection.ts";

/**
 * Connects a person's CalDAV calendar: the URL must pass the SSRF guard, the server must accept
 * the credentials and hold a calendar for events (tested before anything is stored; a refusal is
 * a 400 naming `url` or `password`). The app password is stored sealed. The first import runs
 * at once, so the answer shows the state (ok, or failing with the reason).
 */
export async function connectCalendar(
  deps: CalendarDeps,
  userId: string,
  input: ConnectCalendarRequest,
): Promise<CalendarConnectionRow> {
  let url: URL;
  try {
    url = await checkCalendarUrl(input.url, {
      allowPrivateAddresses: deps.config.calendar.allowPrivateAddresses,
      lookup: deps.lookup,
    });
  } catch (error) {
    if (error instanceof CalendarInputError) throw invalidField(`body.${error.field}`, error.message);
    throw error;
  }
  let found: { calendarUrl: string; displayName: string | null };
  try {
    found = await clientFor(deps, {
      url: url.href,
      username: input.username,
      password: input.password,
    }).discover();
  } catch (error) {
    if (error instanceof CalDavError) {
      throw invalidField(error.failure === "unauthorized" ? "body.password" : "body.url", error.message);
    }
    throw error;
  }
  const created = await calendarRepo(deps).createConnection({
    userId,
    url: url.href,
    calendarUrl: found.calendarUrl,
    displayName: found.displayName,
    username: input.username,
    passwordSealed: calendarBox(deps).seal(input.password),
  });
  if (!created) {
    throw new AppError("conflict", "This calendar is already connected.", [
      { path: "body.url", message: "This calendar is already connected." },
    ]);
  }
  await syncConnection(deps, created);
  return (await calendarRepo(deps).findConnection(userId, created.id)) ?? created;
}
