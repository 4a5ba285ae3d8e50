import { hashToken, newToken } from "../security/tokens.ts";
import { type CalendarDeps, calendarBox, calendarRepo, inCalendarTransaction } from "./calendar-deps.ts";
import type { CalendarFeedRow } from "../../db/repositories/calendar.repository.ts";

/** The feed's address: the API path with the token (redacted from logs by the route table's rule). */
export function feedUrl(deps: Pick<CalendarDeps, "config">, token: string): string {
  return `${deps.config.publicUrl}/api/calendar-feeds/${token}.ics`;
}

/** My live feed and its address (opened from the sealed token), or null. */
export async function myFeed(
  deps: CalendarDeps,
  userId: string,
): Promise<{ row: CalendarFeedRow | null; url: string | null }> {
  const row = await calendarRepo(deps).liveFeed(userId);
  if (!row) return { row: null, url: null };
  return { row, url: feedUrl(deps, calendarBox(deps).open(row.tokenSealed)) };
}

/** Makes a new feed address; the old one (if any) stops working in the same transaction. */
export async function rotateFeed(
  deps: CalendarDeps,
  userId: string,
): Promise<{ row: CalendarFeedRow; url: string }> {
  const token = newToken();
  const row = await inCalendarTransaction(deps, (calendar) =>
    calendar.replaceFeed(userId, {
      tokenHash: hashToken(deps.secret, `calendar-feed:${token}`),
      tokenSealed: calendarBox(deps).seal(token),
      at: deps.now(),
    }),
  );
  return { row, url: feedUrl(deps, token) };
}

/** The owner of the live feed with this token (a trailing ".ics" allowed), or null. */
export async function feedOwner(deps: CalendarDeps, tokenParam: string): Promise<string | null> {
  const token = tokenParam.replace(/\.ics$/i, "");
  const row = await calendarRepo(deps).readFeed(hashToken(deps.secret, `calendar-feed:${token}`), deps.now());
  return row?.userId ?? null;
}
