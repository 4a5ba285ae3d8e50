import type { RescheduleSessionRequest, Session } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { sessionStatesBefore, sessionTransition } from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { calendarBusyFor } from "./calendar-busy.ts";
import { bookingRange, changeSession, staleSession } from "./change-session.ts";
import { reminderRows } from "./reminders.ts";
import { sessionRef } from "./session-ref.ts";
import { checkSlot } from "./slot-check.ts";

/**
 * Moves a session to another time (or, for a proposal, proposes another time). A confirmed session
 * stays confirmed where the programme books instantly and nothing stands in the other's way;
 * otherwise it goes back to proposed and the other side answers. The version rises, so the old
 * time's reminders match nothing; a confirmed session's new reminders are armed.
 */
export async function rescheduleSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  request: RescheduleSessionRequest,
): Promise<Session> {
  // Read before the transaction (see loadParticipants); someone outside the session finds no attendees here.
  const before = await deps.repos.sessions.findView(membership.orgId, sessionId);
  const lengthAsked =
    request.lengthMinutes ??
    (before
      ? Math.round((before.session.endsAt.getTime() - before.session.startsAt.getTime()) / 60_000)
      : 60);
  const askedStart = Date.parse(request.startsAt);
  const calendarBusy = await calendarBusyFor(
    deps,
    (before?.attendees ?? []).map((attendee) => attendee.userId),
    { start: askedStart, end: askedStart + lengthAsked * 60_000 },
  );
  return changeSession(deps, membership, sessionId, request.version, async (context) => {
    const { repos, view, session, actor, rules, now } = context;
    const allowed = sessionTransition(session.status, "reschedule");
    if (!allowed.ok) throw new AppError("conflict", allowed.message);
    const lengthMinutes =
      request.lengthMinutes ?? Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
    const start = new Date(request.startsAt);
    const end = new Date(start.getTime() + lengthMinutes * 60_000);
    const verdict = await checkSlot(
      deps,
      repos,
      session.orgId,
      view.attendees,
      { start, end },
      actor.userId,
      calendarBusy,
      session.id,
    );
    const instant = rules.instantBooking && verdict.needsAcceptance.length === 0;
    const move = sessionTransition(session.status, "reschedule", { instantBooking: instant });
    if (!move.ok) throw new AppError("conflict", move.message);
    if (start.getTime() === session.startsAt.getTime() && end.getTime() === session.endsAt.getTime())
      throw new AppError("validation_failed", "body.startsAt: is the session's current time", [
        { path: "body.startsAt", message: "is the session's current time" },
      ]);
    const changed = await bookingRange(start, end, () =>
      repos.sessions.update(
        session.orgId,
        session.id,
        { version: session.version, from: sessionStatesBefore("reschedule") },
        {
          status: move.to,
          startsAt: start,
          endsAt: end,
          proposedBy: move.to === "proposed" ? actor.userId : session.proposedBy,
          at: now,
        },
      ),
    );
    if (!changed) throw staleSession();
    const reminders = reminderRows(changed, rules.reminderOffsetsMinutes, now);
    await repos.sessionReminders.insertReminders(session.orgId, reminders);
    return {
      events: [
        {
          kind: "session.rescheduled",
          orgId: session.orgId,
          subjectId: session.id,
          actorId: actor.userId,
          payload: {
            ...sessionRef(view, changed, actor),
            previousStartsAt: session.startsAt.toISOString(),
            previousEndsAt: session.endsAt.toISOString(),
          },
        },
      ],
      reminders,
    };
  });
}
