import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import { loadMe } from "../accounts/load-me.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { startSession } from "../http/session-cookie.ts";
import { sharedRateLimits } from "../http/shared-rate-limit.ts";
import { updateOrgSecurity } from "./org-security.ts";
import {
  confirmTwoFactor,
  disableTwoFactor,
  findPendingSignIn,
  refuseCode,
  regenerateRecoveryCodes,
  startTwoFactorSetUp,
  twoFactorStatus,
  verifySecondFactor,
} from "./two-factor.ts";

export function registerTwoFactorRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { signInPerMinute } = deps.config.rateLimits;

  defineRoute(app, deps, routes.signInTwoFactor, async ({ body, request, reply }) => {
    const limits = sharedRateLimits(deps);
    await limits.perAddress(request, "sign-in-two-factor");
    const pending = await findPendingSignIn(deps, body.pendingToken);
    const user = await deps.repos.users.findById(pending.userId);
    if (!user) throw new AppError("token_invalid", "This sign-in has expired.");
    // A code guess counts against the account's sign-in budgets, shared by every instance.
    await limits.signIn(request, user.email);
    if (!(await verifySecondFactor(deps, user.id, body.code))) await refuseCode(deps, pending.id);
    // Only the request that ends the pending sign-in gets a session.
    if (!(await deps.repos.identity.deletePendingSignIn(pending.id))) {
      throw new AppError("token_invalid", "This sign-in was already used. Sign in again.");
    }
    const session = await startSession(deps, request, reply, user.id);
    return loadMe(deps, user.id, session);
  });

  defineRoute(app, deps, routes.twoFactorStatus, async ({ auth }) => twoFactorStatus(deps, auth.userId));

  defineRoute(app, deps, routes.startTwoFactorSetUp, async ({ auth, reply }) => {
    reply.header("cache-control", "no-store");
    return startTwoFactorSetUp(deps, auth.userId);
  });

  defineRoute(
    app,
    deps,
    routes.confirmTwoFactor,
    async ({ auth, body, reply }) => {
      reply.header("cache-control", "no-store");
      return { recoveryCodes: await confirmTwoFactor(deps, auth.userId, body.code) };
    },
    { rateLimit: { max: signInPerMinute, timeWindow: "1 minute" } },
  );

  defineRoute(
    app,
    deps,
    routes.disableTwoFactor,
    async ({ auth, body }) => {
      await disableTwoFactor(deps, auth.userId, body.password);
      return undefined;
    },
    { rateLimit: { max: signInPerMinute, timeWindow: "1 minute" } },
  );

  defineRoute(
    app,
    deps,
    routes.regenerateRecoveryCodes,
    async ({ auth, body, reply }) => {
      reply.header("cache-control", "no-store");
      return { recoveryCodes: await regenerateRecoveryCodes(deps, auth.userId, body.password) };
    },
    { rateLimit: { max: signInPerMinute, timeWindow: "1 minute" } },
  );

  defineRoute(app, deps, routes.orgSecurity, async ({ membership }) =>
    deps.repos.identity.orgSecurity(membership.orgId),
  );

  defineRoute(app, deps, routes.updateOrgSecurity, async ({ membership, body }) =>
    updateOrgSecurity(deps, membership, body),
  );
}
