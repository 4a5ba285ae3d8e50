import type { Session } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import {
  isLateCancellation,
  sessionStatesBefore,
  sessionTransition,
} from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { changeSession, staleSession } from "./change-session.ts";
import { sessionRef } from "./session-ref.ts";

/**
 * Cancels a proposed or confirmed session with a reason, by either side. Inside the programme's
 * late-cancel window (or after the start) a confirmed session's cancellation is recorded as late.
 * Its time is freed and its reminders disarmed (the session is no longer confirmed).
 */
export async function cancelSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  version: number,
  reason: string,
): Promise<Session> {
  return changeSession(
    deps,
    membership,
    sessionId,
    version,
    async ({ repos, view, session, actor, rules, now }) => {
      const move = sessionTransition(session.status, "cancel");
      if (!move.ok) throw new AppError("conflict", move.message);
      const late =
        session.status === "confirmed" &&
        isLateCancellation(session.startsAt.getTime(), now.getTime(), rules.lateCancelHours);
      const changed = await repos.sessions.update(
        session.orgId,
        session.id,
        { version: session.version, from: sessionStatesBefore("cancel") },
        {
          status: move.to,
          cancelledBy: actor.userId,
          cancelReason: reason,
          cancelledLate: late,
          cancelledAt: now,
          at: now,
        },
      );
      if (!changed) throw staleSession();
      return {
        events: [
          {
            kind: "session.cancelled",
            orgId: session.orgId,
            subjectId: session.id,
            actorId: actor.userId,
            payload: { ...sessionRef(view, changed, actor), reason, late },
          },
        ],
      };
    },
  );
}
