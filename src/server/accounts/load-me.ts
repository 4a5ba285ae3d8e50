import type { Me } from "../../contracts/accounts.ts";
import type { SessionRecord, User, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import type { SessionUser } from "../http/session-cookie.ts";
import { presentMe } from "./me.presenter.ts";

/**
 * Loads the person behind a session with their active memberships. `loadedUser` (read with the
 * session cookie in the same request, memberships included) makes GET /api/me cost no query of its
 * own; pass it only when nothing in the request changed the person or their memberships since.
 */
export async function loadMe(
  deps: Pick<ServerDeps, "repos">,
  userId: UserId,
  session: SessionRecord,
  loadedUser?: User | SessionUser,
): Promise<Me> {
  const user = loadedUser ?? (await deps.repos.users.findById(userId));
  if (!user) throw new AppError("not_signed_in", "Your account no longer exists.");
  const loadedMemberships = loadedUser && "memberships" in loadedUser ? loadedUser.memberships : undefined;
  const memberships = loadedMemberships ?? (await deps.repos.organisations.membershipsOf(userId));
  return presentMe(user, memberships, session);
}
