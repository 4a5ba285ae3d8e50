import type { Session, SessionFormat } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { isFinalSession } from "../../core/sessions/session-status.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { changeSession, staleSession } from "./change-session.ts";

/** Changes how a live session is held (format, place, link); its time and state stay, and nobody is re-invited. */
export async function updateSessionDetails(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  request: { version: number; format: SessionFormat; location?: string | null; videoUrl?: string | null },
): Promise<Session> {
  if (request.format === "in_person" && !request.location)
    throw invalidField("body.location", "is required for a session in person");
  return changeSession(deps, membership, sessionId, request.version, async ({ repos, session, now }) => {
    if (isFinalSession(session.status))
      throw new AppError("conflict", "This session is over; its details cannot change any more.");
    const changed = await repos.sessions.updateDetails(
      session.orgId,
      session.id,
      session.version,
      { format: request.format, location: request.location ?? null, videoUrl: request.videoUrl ?? null },
      now,
    );
    if (!changed) throw staleSession();
    return { events: [] };
  });
}
