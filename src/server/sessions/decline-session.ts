import type { Session } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { sessionStatesBefore, sessionTransition } from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden } from "../http/app-error.ts";
import { changeSession, staleSession } from "./change-session.ts";
import { sessionRef } from "./session-ref.ts";

/** Declines a proposed time (the side that did not propose it); its time is freed. */
export async function declineSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  version: number,
  reason: string | null,
): Promise<Session> {
  return changeSession(deps, membership, sessionId, version, async ({ repos, view, session, actor, now }) => {
    const move = sessionTransition(session.status, "decline");
    if (!move.ok) throw new AppError("conflict", move.message);
    if (session.proposedBy === actor.userId)
      throw forbidden("You proposed this time; withdraw it by cancelling, or propose another.");
    const changed = await repos.sessions.update(
      session.orgId,
      session.id,
      { version: session.version, from: sessionStatesBefore("decline") },
      { status: move.to, cancelReason: reason, at: now },
    );
    if (!changed) throw staleSession();
    return {
      events: [
        {
          kind: "session.declined",
          orgId: session.orgId,
          subjectId: session.id,
          actorId: actor.userId,
          payload: { ...sessionRef(view, changed, actor), reason },
        },
      ],
    };
  });
}
