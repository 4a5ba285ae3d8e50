import type { SetupRequest } from "../../contracts/accounts.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { hashPassword } from "../security/passwords.ts";

/**
 * First-run set-up: creates the first organisation and its owner in one transaction. Refused
 * once any organisation exists; racing set-ups are serialised by a lock, so only the first wins.
 */
export async function setUpOrganisation(deps: ServerDeps, input: SetupRequest): Promise<UserId> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps.db, async (repos) => {
    await repos.organisations.lockFirstRunSetUp();
    if ((await repos.organisations.countOrganisations()) > 0) {
      throw new AppError("already_set_up", "Trellis is already set up. Sign in instead.");
    }
    const user = await repos.users.create({ email: input.email, name: input.name, passwordHash });
    if (!user)
      throw new AppError("email_taken", "An account with this email already exists.", [
        { path: "body.email", message: "is already registered" },
      ]);
    const orgId = await repos.organisations.create(input.organisationName);
    await repos.organisations.addMember(orgId, user.id, "owner");
    await repos.users.update(user.id, { lastOrgId: orgId });
    return user.id;
  });
}
