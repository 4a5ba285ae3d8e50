import type { Session } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import {
  mayRecordOutcome,
  sessionStatesBefore,
  sessionTransition,
} from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { changeSession, staleSession } from "./change-session.ts";
import { sessionRef } from "./session-ref.ts";

/**
 * After its start, either side records how a confirmed session went: held, or the other side did
 * not come (no-show). Before the start it is a 409 that says when it may be recorded.
 */
export async function recordSessionOutcome(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  version: number,
  outcome: "held" | "no_show",
): Promise<Session> {
  return changeSession(deps, membership, sessionId, version, async ({ repos, view, session, actor, now }) => {
    const move = sessionTransition(session.status, outcome === "held" ? "hold" : "miss");
    if (!move.ok) throw new AppError("conflict", move.message);
    if (!mayRecordOutcome(session.startsAt.getTime(), now.getTime()))
      throw new AppError(
        "conflict",
        `This session starts at ${session.startsAt.toISOString()}; record how it went once it has started.`,
      );
    const absent =
      outcome === "no_show"
        ? view.attendees
            .filter((attendee) => attendee.userId !== actor.userId)
            .map((attendee) => attendee.userId)
        : [];
    const changed = await repos.sessions.update(
      session.orgId,
      session.id,
      { version: session.version, from: sessionStatesBefore(outcome === "held" ? "hold" : "miss") },
      {
        status: move.to,
        recordedBy: actor.userId,
        recordedAt: now,
        absentUserIds: absent as UserId[],
        at: now,
      },
    );
    if (!changed) throw staleSession();
    return {
      events: [
        {
          kind: "session.recorded",
          orgId: session.orgId,
          subjectId: session.id,
          actorId: actor.userId,
          payload: { ...sessionRef(view, changed, actor), outcome, absentUserIds: absent },
        },
      ],
    };
  });
}
