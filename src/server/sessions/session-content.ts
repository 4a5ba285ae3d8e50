import type { Membership, UserId } from "../../core/accounts/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { SessionView } from "../../db/repositories/sessions.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { sessionParticipant } from "./session.policy.ts";
import { sessionTopics } from "./session-ref.ts";

export interface ContentContext {
  repos: Repositories;
  view: SessionView;
  role: "mentee" | "mentor" | "member";
  userId: UserId;
  now: Date;
}

/**
 * One write to a session's page (agenda, notes, action items) by one of its people, in one
 * transaction with a realtime push to the pair and each person, so the other side sees it live.
 * Managers get 403, anyone outside the session 404.
 */
export async function writeSessionContent<T>(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  work: (context: ContentContext) => Promise<T>,
): Promise<T> {
  const now = deps.now();
  return inTransaction(deps.db, async (repos) => {
    const view = await repos.sessions.findView(membership.orgId, sessionId);
    const role = sessionParticipant(view, membership);
    if (!view) throw notFound("Session not found.");
    const result = await work({ repos, view, role, userId: membership.userId as UserId, now });
    await repos.sessions.pushRealtime(sessionTopics(view));
    return result;
  });
}
