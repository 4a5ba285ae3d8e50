import type { Me } from "../../contracts/accounts.ts";
import type { SessionRecord, User, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { presentMe } from "./me.presenter.ts";

/**
 * Loads the person behind a session with their active memberships. `loadedUser` (read with the
 * session cookie in the same request) saves a query on GET /api/me; pass it only when nothing in
 * the request changed the person since.
 */
export async function loadMe(
  deps: Pick<ServerDeps, "repos">,
  userId: UserId,
  session: SessionRecord,
  loadedUser?: User,
): Promise<Me> {
  const user = loadedUser ?? (await deps.repos.users.findById(userId));
  if (!user) throw new AppError("not_signed_in", "Your account no longer exists.");
  const memberships = await deps.repos.organisations.membershipsOf(userId);
  return presentMe(user, memberships, session);
}
