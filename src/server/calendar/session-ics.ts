import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { type SessionView, sessionsRepository } from "../../db/repositories/sessions.repository.ts";
import { type CalendarDeps, calendarRepo } from "./calendar-deps.ts";
import type { IcsSession } from "./ics.ts";

const FORMAT_WORDS = { video: "Video call", in_person: "In person", phone: "Phone call" } as const;

/** "Trellis <no-reply@trellis.local>" → the organiser of every invitation (Trellis sends them). */
export function organizerFrom(mailFrom: string): { name: string; email: string } {
  const match = mailFrom.match(/^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/);
  if (match) return { name: match[1] || "Trellis", email: (match[2] as string).trim() };
  return { name: "Trellis", email: mailFrom.trim() };
}

/** A session as an invitation or feed entry: its people by name and address, its page, its zone. */
export async function icsSessionsFor(
  deps: CalendarDeps,
  views: readonly SessionView[],
): Promise<IcsSession[]> {
  const people = await calendarRepo(deps).emailsOf([
    ...new Set(views.flatMap((view) => view.attendees.map((attendee) => attendee.userId))),
  ]);
  const organizer = organizerFrom(deps.config.mailFrom);
  return views.map((view) => {
    const { session } = view;
    const names = view.attendees.map((attendee) => attendee.name);
    const details = [
      `${FORMAT_WORDS[session.format]}${session.location ? `: ${session.location}` : ""}`,
      `${view.programmeName}, with ${names.join(", ")}.`,
    ].join("\n");
    return {
      sessionId: session.id,
      version: session.version,
      cancelled:
        session.status === "cancelled" || session.status === "declined" || session.status === "expired",
      tentative: session.status === "proposed",
      startsAt: session.startsAt.getTime(),
      endsAt: session.endsAt.getTime(),
      timeZone: session.timeZone,
      title: `Session: ${names.join(" & ")}`,
      description: details,
      location: session.format === "in_person" ? session.location : null,
      videoUrl: session.videoUrl,
      url: `${deps.config.publicUrl}/sessions/${session.id}`,
      organizer,
      attendees: view.attendees.flatMap((attendee) => {
        const person = people.get(attendee.userId);
        return person ? [{ name: person.name, email: person.email }] : [];
      }),
      updatedAt: session.updatedAt.getTime(),
    };
  });
}

export async function sessionView(
  deps: CalendarDeps,
  orgId: string,
  sessionId: string,
): Promise<SessionView | null> {
  return sessionsRepository(deps.db).findView(orgId as OrgId, sessionId);
}

const DAY_MS = 86_400_000;

/** A person's sessions for their feed, in every organisation: from 60 days back to a year ahead. */
export async function feedSessions(deps: CalendarDeps, userId: string): Promise<IcsSession[]> {
  const now = deps.now().getTime();
  const sessions = sessionsRepository(deps.db);
  const views: SessionView[] = [];
  for (const orgId of await calendarRepo(deps).activeOrgIds(userId)) {
    views.push(
      ...(await sessions.listForUser(orgId as OrgId, userId as UserId, {
        from: new Date(now - 60 * DAY_MS),
        to: new Date(now + 366 * DAY_MS),
        limit: 1000,
      })),
    );
  }
  views.sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime());
  return icsSessionsFor(deps, views);
}
