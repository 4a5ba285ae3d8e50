import type { Session } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { sessionStatesBefore, sessionTransition } from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden } from "../http/app-error.ts";
import { changeSession, staleSession } from "./change-session.ts";
import { reminderRows } from "./reminders.ts";
import { sessionRef } from "./session-ref.ts";

/** Accepts a proposed time (the side that did not propose it): confirmed, reminders armed. */
export async function acceptSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  version: number,
): Promise<Session> {
  return changeSession(
    deps,
    membership,
    sessionId,
    version,
    async ({ repos, view, session, actor, rules, now }) => {
      const move = sessionTransition(session.status, "accept");
      if (!move.ok) throw new AppError("conflict", move.message);
      if (session.proposedBy === actor.userId)
        throw forbidden("You proposed this time; the other side accepts it.");
      if (session.startsAt.getTime() <= now.getTime())
        throw new AppError("conflict", "This time has passed; propose another.");
      const changed = await repos.sessions.update(
        session.orgId,
        session.id,
        { version: session.version, from: sessionStatesBefore("accept") },
        { status: move.to, at: now },
      );
      if (!changed) throw staleSession();
      const reminders = reminderRows(changed, rules.reminderOffsetsMinutes, now);
      await repos.sessionReminders.insertReminders(session.orgId, reminders);
      return {
        events: [
          {
            kind: "session.confirmed",
            orgId: session.orgId,
            subjectId: session.id,
            actorId: actor.userId,
            payload: { ...sessionRef(view, changed, actor), occurrences: 1, accepted: true },
          },
        ],
        reminders,
      };
    },
  );
}
