import type { Me } from "../../contracts/accounts.ts";
import type { SessionRecord, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { presentMe } from "./me.presenter.ts";

/** Loads the person behind a session with their active memberships. */
export async function loadMe(
  deps: Pick<ServerDeps, "repos">,
  userId: UserId,
  session: SessionRecord,
): Promise<Me> {
  const user = await deps.repos.users.findById(userId);
  if (!user) throw new AppError("not_signed_in", "Your account no longer exists.");
  const memberships = await deps.repos.organisations.membershipsOf(userId);
  return presentMe(user, memberships, session);
}
