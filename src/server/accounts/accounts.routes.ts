import type { FastifyInstance } from "fastify";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { sharedRateLimits } from "../http/shared-rate-limit.ts";
import { clearSessionCookie, startSession } from "../http/session-cookie.ts";
import { signInOrChallenge } from "../identity/two-factor.ts";
import { refusePasswordWhenSsoRequired } from "../sso/sso-sign-in.ts";
import { hashToken } from "../security/tokens.ts";
import { afterResponseSettled } from "./after-response.ts";
import { changePassword } from "./change-password.ts";
import { sendVerificationLink } from "./email-links.ts";
import { issueMemberReset } from "./issue-member-reset.ts";
import { loadMe } from "./load-me.ts";
import { requestPasswordReset } from "./request-password-reset.ts";
import { resetPassword } from "./reset-password.ts";
import { presentSession } from "./session.presenter.ts";
import { setUpOrganisation } from "./set-up-organisation.ts";
import { signIn } from "./sign-in.ts";

export function registerAccountRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { signInPerMinute, emailPerHour } = deps.config.rateLimits;
  // Emails started after an answer (password resets) are written before the app closes.
  app.addHook("onClose", async () => {
    await afterResponseSettled(deps);
  });

  defineRoute(app, deps, routes.setupStatus, async () => ({
    needsSetup: (await deps.repos.organisations.countOrganisations()) === 0,
  }));

  defineRoute(app, deps, routes.setup, async ({ body, request, reply }) => {
    await sharedRateLimits(deps).perAddress(request, "set-up");
    const userId = await setUpOrganisation(deps, body);
    const session = await startSession(deps, request, reply, userId);
    const user = await deps.repos.users.findById(userId);
    if (user) await sendVerificationLink(deps, user);
    return loadMe(deps, userId, session);
  });

  defineRoute(app, deps, routes.signIn, async ({ body, request, reply }) => {
    // Counted in the database, shared by every instance (as are set-up and resets).
    await sharedRateLimits(deps).signIn(request, body.email);
    const userId = await signIn(deps, body);
    // An organisation that requires SSO refuses its members' passwords (sso_required).
    await refusePasswordWhenSsoRequired(deps, userId);
    // With two-factor on, a pending sign-in that waits for the code instead of a session.
    return signInOrChallenge(deps, request, reply, userId);
  });

  defineRoute(app, deps, routes.signOut, async ({ auth, reply }) => {
    await deps.repos.users.deleteSession(auth.userId, auth.session.id);
    clearSessionCookie(deps, reply);
    return undefined;
  });

  defineRoute(app, deps, routes.requestPasswordReset, async ({ body, request }) => {
    await sharedRateLimits(deps).passwordResetRequest(request, body.email);
    await requestPasswordReset(deps, body.email, (error) =>
      request.log.error({ err: error }, "password reset email failed"),
    );
    return { accepted: true as const };
  });

  defineRoute(app, deps, routes.confirmPasswordReset, async ({ body, request, reply }) => {
    await sharedRateLimits(deps).perAddress(request, "reset-confirm");
    const userId = await resetPassword(deps, body);
    // The new password is set, but it does not sign in a member whose organisation requires SSO.
    await refusePasswordWhenSsoRequired(deps, userId);
    // A reset link alone never passes two-factor: the code is asked for next.
    return signInOrChallenge(deps, request, reply, userId);
  });

  defineRoute(app, deps, routes.verifyEmail, async ({ body }) => {
    const now = deps.now();
    const userId = await deps.repos.users.consumeEmailToken(
      hashToken(deps.secret, body.token),
      "verify_email",
      now,
    );
    if (!userId) throw new AppError("token_invalid", "This confirmation link is invalid, used or expired.");
    await deps.repos.users.update(userId, { emailVerifiedAt: now });
    return undefined;
  });

  defineRoute(app, deps, routes.me, async ({ auth }) => loadMe(deps, auth.userId, auth.session, auth.user));

  defineRoute(app, deps, routes.updateMe, async ({ auth, body }) => {
    await deps.repos.users.update(auth.userId, { name: body.name });
    return loadMe(deps, auth.userId, auth.session);
  });

  defineRoute(
    app,
    deps,
    routes.changePassword,
    async ({ auth, body }) => {
      await changePassword(deps, auth.userId, auth.session.id, body);
      return undefined;
    },
    { rateLimit: { max: signInPerMinute, timeWindow: "1 minute" } },
  );

  defineRoute(
    app,
    deps,
    routes.resendVerification,
    async ({ auth }) => {
      const user = await deps.repos.users.findById(auth.userId);
      if (user && !user.emailVerifiedAt) await sendVerificationLink(deps, user);
      return { accepted: true as const };
    },
    { rateLimit: { max: emailPerHour, timeWindow: "1 hour" } },
  );

  defineRoute(app, deps, routes.switchOrg, async ({ auth, body }) => {
    const member = await deps.repos.organisations.findMember(body.orgId as OrgId, auth.userId);
    if (member?.status !== "active") throw notFound("Organisation not found.");
    await deps.repos.users.update(auth.userId, { lastOrgId: member.orgId });
    return loadMe(deps, auth.userId, auth.session);
  });

  defineRoute(app, deps, routes.listSessions, async ({ auth }) => {
    const sessions = await deps.repos.users.listSessions(auth.userId, deps.now());
    return { sessions: sessions.map((session) => presentSession(session, auth.session.id)) };
  });

  defineRoute(app, deps, routes.revokeSession, async ({ auth, params, reply }) => {
    const deleted = await deps.repos.users.deleteSession(
      auth.userId,
      params.sessionId as typeof auth.session.id,
    );
    if (!deleted) throw notFound("Session not found.");
    if (params.sessionId === auth.session.id) clearSessionCookie(deps, reply);
    return undefined;
  });

  defineRoute(
    app,
    deps,
    routes.issueMemberResetLink,
    async ({ membership, params, request, reply }) => {
      const actor = await deps.repos.users.findById(membership.userId);
      const issued = await issueMemberReset(
        deps,
        { ...membership, name: actor?.name || "An admin" },
        params.userId as UserId,
      );
      // The record without the secret: who issued a reset for whom, in which organisation.
      request.log.info(
        {
          event: "admin_reset_issued",
          orgId: membership.orgId,
          byUserId: membership.userId,
          forUserId: params.userId,
        },
        "admin issued a password reset link",
      );
      reply.header("cache-control", "no-store");
      return issued;
    },
    { rateLimit: { max: emailPerHour, timeWindow: "1 hour" } },
  );
}
