import { DateTime } from "luxon";
import type { SessionRef, StoredDomainEvent } from "../../contracts/events.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { CalendarConnectionRow } from "../../db/repositories/calendar.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { renderOrgEmail } from "../email/render.ts";
import { CalDavError } from "./caldav-client.ts";
import { type CalendarDeps, calendarBox, calendarRepo, clientFor, uidHost } from "./calendar-deps.ts";
import { caldavObjectIcs, type IcsSession, invitationIcs } from "./ics.ts";
import { icsSessionsFor, sessionView } from "./session-ics.ts";

/** Session events that change what calendars show. */
const PUSHED_KINDS = new Set([
  "session.proposed",
  "session.confirmed",
  "session.rescheduled",
  "session.cancelled",
  "session.declined",
]);
/** ...and those that also email every attendee an invitation (REQUEST) or a cancellation (CANCEL). */
const EMAILED_KINDS = new Set([
  "session.confirmed",
  "session.rescheduled",
  "session.cancelled",
  "session.declined",
]);

/**
 * The calendar consumer of session events. It reads the session as it is now (an old event
 * delivered late writes the current state, never an older one) and
 * 1. writes it into each attendee's connected CalDAV calendars (no METHOD; a cancelled or declined
 *    session is deleted there), guarded by the version already written, with If-Match and a
 *    re-read on 412;
 * 2. emails each attendee, the actor included, the ICS invitation (REQUEST on booking and move,
 *    CANCEL on cancel and decline), once per (event, person) by the mailer's dedupe key.
 * A calendar that fails is marked failing with the reason and the consumer throws after the
 * emails are queued, so the dispatcher retries the pushes (emails are not sent twice).
 */
export async function sessionCalendarConsumer(deps: ServerDeps, event: StoredDomainEvent): Promise<void> {
  if (!PUSHED_KINDS.has(event.kind)) return;
  const ref = (event.payload as unknown as SessionRef) ?? null;
  if (!ref?.sessionId) return;
  const view = await sessionView(deps, event.orgId, ref.sessionId);
  if (!view) return;
  const [session] = await icsSessionsFor(deps, [view]);
  if (!session) return;

  const failures: string[] = [];
  const connections = await calendarRepo(deps).connectionsOfUsers(
    view.attendees.map((attendee) => attendee.userId),
  );
  for (const connection of connections) {
    try {
      await pushSession(deps, connection, session);
    } catch (error) {
      const message =
        error instanceof CalDavError ? error.message : "Writing the session to this calendar failed.";
      await calendarRepo(deps).markFailed(connection.id, { error: message, at: deps.now() });
      failures.push(message);
    }
  }

  if (EMAILED_KINDS.has(event.kind)) {
    const { method, ics } = invitationIcs(session, uidHost(deps));
    const orgName =
      (await deps.repos.organisations.findById(event.orgId as OrgId))?.name ?? "your organisation";
    const people = await calendarRepo(deps).emailsOf(view.attendees.map((attendee) => attendee.userId));
    for (const attendee of view.attendees) {
      const person = people.get(attendee.userId);
      if (!person) continue;
      const when = DateTime.fromMillis(session.startsAt, { zone: attendee.timeZone }).toFormat(
        "ccc d LLL yyyy, HH:mm",
      );
      const others = view.attendees
        .filter((other) => other.userId !== attendee.userId)
        .map((other) => other.name);
      const withWhom = others.length > 0 ? ` with ${others.join(" and ")}` : "";
      const words = wording(
        event.kind,
        method,
        withWhom,
        `${when} (${attendee.timeZone})`,
        view.programmeName,
      );
      await deps.mailer.send({
        to: person.email,
        orgId: event.orgId as OrgId,
        dedupeKey: `calendar:${event.id}:${attendee.userId}`,
        email: await renderOrgEmail(deps.repos, event.orgId as OrgId, "notice", {
          name: person.name,
          orgName,
          title: words.title,
          body: words.body,
          url: session.url ?? deps.config.publicUrl,
          actionLabel: "Open the session",
        }),
        attachments: [
          {
            filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
            contentType: `text/calendar; charset=utf-8; method=${method}`,
            method,
            content: ics,
          },
        ],
      });
    }
  }
  if (failures.length > 0) throw new Error(`calendar push failed: ${failures.join("; ")}`);
}

function wording(
  kind: string,
  method: "REQUEST" | "CANCEL",
  withWhom: string,
  when: string,
  programme: string,
) {
  if (method === "CANCEL") {
    return {
      title: `Cancelled: session${withWhom}, ${when}`,
      body: `The session${withWhom} in ${programme} on ${when} is ${kind === "session.declined" ? "declined" : "cancelled"}. The attached cancellation removes it from your calendar.`,
    };
  }
  const moved = kind === "session.rescheduled";
  return {
    title: `${moved ? "Updated" : "Invitation"}: session${withWhom}, ${when}`,
    body: `${moved ? "The session has moved to" : "Your session is booked for"} ${when}${withWhom} (${programme}). Open the attached invitation to ${moved ? "update" : "add"} it in your calendar.`,
  };
}

/**
 * Writes one session into one connected calendar, or deletes it there when cancelled. Nothing
 * happens when this version (or a later one) was written already.
 */
export async function pushSession(
  deps: CalendarDeps,
  connection: CalendarConnectionRow,
  session: IcsSession,
): Promise<"written" | "deleted" | "unchanged"> {
  const repo = calendarRepo(deps);
  const pushed = await repo.findPushed(connection.id, session.sessionId);
  if (pushed && pushed.version >= session.version) return "unchanged";
  const client = clientFor(deps, {
    url: connection.calendarUrl,
    username: connection.username,
    password: calendarBox(deps).open(connection.passwordSealed),
  });
  const href = pushed?.href ?? `${connection.calendarUrl}trellis-${session.sessionId}.ics`;
  if (session.cancelled) {
    if (pushed) {
      const { conflict } = await client.remove(href, pushed.etag);
      // Edited in the calendar app since: delete whatever is there now.
      if (conflict) await client.remove(href, null);
    }
    await repo.savePushed({
      connectionId: connection.id,
      sessionId: session.sessionId,
      href,
      etag: null,
      version: session.version,
      at: deps.now(),
    });
    return "deleted";
  }
  const etag = await client.write(href, caldavObjectIcs(session, uidHost(deps)), pushed?.etag ?? null);
  await repo.savePushed({
    connectionId: connection.id,
    sessionId: session.sessionId,
    href,
    etag,
    version: session.version,
    at: deps.now(),
  });
  return "written";
}
