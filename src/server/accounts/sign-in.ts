import type { SignInRequest } from "../../contracts/accounts.ts";
import type { UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { verifyAgainstDummy, verifyPassword } from "../security/passwords.ts";

/** Checks email and password; the same error (and the same time spent) whether the email exists or not. */
export async function signIn(deps: ServerDeps, input: SignInRequest): Promise<UserId> {
  const user = await deps.repos.users.findByEmailWithHash(input.email);
  const isValid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !isValid)
    throw new AppError("invalid_credentials", "That email and password do not match an account.");
  return user.id;
}
