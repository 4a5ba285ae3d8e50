import type { FastifyInstance, FastifyReply } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { sharedRateLimits } from "../http/shared-rate-limit.ts";
import { startSession } from "../http/session-cookie.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { sendDomainVerification, verifyDomainByToken } from "./domain-verification.ts";
import { finishOidc, oidcAuthorizationUrl } from "./oidc.ts";
import { finishSaml, responseInResponseTo, samlAuthorizationUrl } from "./saml.ts";
import { emailDomain, SSO_FLOW_MINUTES, sso } from "./sso-deps.ts";
import {
  addSsoDomain,
  deleteSsoConnection,
  loadSsoSettings,
  removeSsoDomain,
  saveOidcConnection,
  saveSamlConnection,
  updateSsoRequirement,
} from "./sso-settings.ts";
import { resolveSsoUser, SsoRefusal } from "./sso-sign-in.ts";

/** Ties a sign-in sent to a provider to this browser (login CSRF): only its HMAC is stored. */
export const SSO_FLOW_COOKIE = "trellis_sso";
const flowCookieOptions = (deps: ServerDeps) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: deps.config.publicUrl.startsWith("https://"),
  path: "/api/auth/sso",
});
const flowHash = (deps: ServerDeps, token: string) => hashToken(deps.secret, `sso-flow:${token}`);

/** Back to the web app: home when signed in, else the sign-in page naming why (a short code). */
function redirectTo(reply: FastifyReply, location: string): null {
  reply.code(302).header("location", location).header("cache-control", "no-store");
  return null;
}
const refused = (reply: FastifyReply, reason: string) => redirectTo(reply, `/sign-in?sso=${reason}`);

export function registerSsoRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.ssoLookup, async ({ body, request }) => {
    await sharedRateLimits(deps).perAddress(request, "sso-lookup");
    const found = await sso(deps).findSsoForDomain(emailDomain(body.email));
    return found
      ? { sso: true, orgName: found.orgName, required: found.connection.requireSso }
      : { sso: false, orgName: null, required: false };
  });

  defineRoute(app, deps, routes.ssoStart, async ({ body, request, reply }) => {
    await sharedRateLimits(deps).perAddress(request, "sso-start");
    const repo = sso(deps);
    const found = await repo.findSsoForDomain(emailDomain(body.email));
    if (!found) {
      throw new AppError("domain_rule", "No organisation signs in this address with single sign-on.", [
        { path: "body.email", message: "has no single sign-on" },
      ]);
    }
    const { connection } = found;
    const token = newToken();
    const now = deps.now();
    await repo.deleteExpiredFlows(now);
    let redirectUrl: string;
    try {
      if (connection.protocol === "oidc") {
        const started = await oidcAuthorizationUrl(deps, connection, body.email);
        await repo.createFlow({
          tokenHash: flowHash(deps, token),
          connectionId: connection.id,
          state: started.state,
          nonce: started.nonce,
          codeVerifier: started.codeVerifier,
          expiresAt: new Date(now.getTime() + SSO_FLOW_MINUTES * 60_000),
        });
        redirectUrl = started.url;
      } else {
        redirectUrl = await samlAuthorizationUrl(deps, repo, connection, flowHash(deps, token));
      }
    } catch (error) {
      request.log.warn({ err: error, orgId: connection.orgId }, "sso start failed");
      throw new AppError(
        "domain_rule",
        `${found.orgName}'s identity provider cannot be reached right now. Try again later, or ask an admin.`,
        [{ path: "body.email", message: "its identity provider cannot be reached" }],
      );
    }
    reply.setCookie(SSO_FLOW_COOKIE, token, { ...flowCookieOptions(deps), maxAge: SSO_FLOW_MINUTES * 60 });
    reply.header("cache-control", "no-store");
    return { redirectUrl };
  });

  defineRoute(app, deps, routes.ssoOidcCallback, async ({ query, request, reply }) => {
    const token = request.cookies[SSO_FLOW_COOKIE];
    reply.clearCookie(SSO_FLOW_COOKIE, flowCookieOptions(deps));
    if (query.error) return refused(reply, "denied");
    const flow = token ? await sso(deps).takeFlow(flowHash(deps, token), deps.now()) : null;
    if (!flow?.state || !flow.nonce || !flow.codeVerifier) return refused(reply, "expired");
    const connection = await sso(deps).findConnectionById(flow.connectionId);
    if (connection?.protocol !== "oidc") return refused(reply, "expired");
    const queryAt = request.url.indexOf("?");
    try {
      const identity = await finishOidc(deps, connection, queryAt === -1 ? "" : request.url.slice(queryAt), {
        state: flow.state,
        nonce: flow.nonce,
        codeVerifier: flow.codeVerifier,
      });
      const userId = await resolveSsoUser(deps, connection, identity);
      // The provider authenticated the person (its own second factor included): no code is asked here.
      await startSession(deps, request, reply, userId);
      return redirectTo(reply, "/");
    } catch (error) {
      if (error instanceof SsoRefusal) return refused(reply, error.reason);
      request.log.warn({ err: error, orgId: connection.orgId }, "oidc sign-in refused");
      return refused(reply, "failed");
    }
  });

  // The IdP posts a form (application/x-www-form-urlencoded): parsed in this scope only.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 600_000 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    defineRoute(
      scope,
      deps,
      routes.ssoSamlAcs,
      async ({ body, request, reply }) => {
        const requestId = responseInResponseTo(body.SAMLResponse);
        const repo = sso(deps);
        const flow = requestId ? await repo.findSamlFlow(requestId, deps.now()) : null;
        if (!flow) return refused(reply, "expired");
        const connection = await repo.findConnectionById(flow.connectionId);
        if (connection?.protocol !== "saml") return refused(reply, "expired");
        try {
          const identity = await finishSaml(deps, repo, connection, body.SAMLResponse);
          const userId = await resolveSsoUser(deps, connection, identity);
          await startSession(deps, request, reply, userId);
          return redirectTo(reply, "/");
        } catch (error) {
          if (error instanceof SsoRefusal) return refused(reply, error.reason);
          request.log.warn({ err: error, orgId: connection.orgId }, "saml sign-in refused");
          return refused(reply, "failed");
        }
      },
      { bodyLimit: 600_000 },
    );
  });

  defineRoute(app, deps, routes.verifySsoDomain, async ({ body, request }) => {
    await sharedRateLimits(deps).perAddress(request, "sso-domain-verify");
    return verifyDomainByToken(deps, body.token);
  });

  defineRoute(app, deps, routes.ssoSettings, async ({ membership }) =>
    loadSsoSettings(deps, membership.orgId),
  );
  defineRoute(app, deps, routes.saveOidcConnection, async ({ membership, body }) =>
    saveOidcConnection(deps, membership, body),
  );
  defineRoute(app, deps, routes.saveSamlConnection, async ({ membership, body }) =>
    saveSamlConnection(deps, membership, body),
  );
  defineRoute(app, deps, routes.deleteSsoConnection, async ({ membership }) => {
    await deleteSsoConnection(deps, membership);
    return undefined;
  });
  defineRoute(app, deps, routes.updateSsoRequirement, async ({ membership, body }) =>
    updateSsoRequirement(deps, membership, body.requireSso),
  );
  defineRoute(app, deps, routes.addSsoDomain, async ({ membership, body }) =>
    addSsoDomain(deps, membership, body.domain),
  );
  defineRoute(
    app,
    deps,
    routes.sendDomainVerification,
    async ({ membership, params, body }) =>
      sendDomainVerification(deps, membership, params.domainId, body.localPart),
    { rateLimit: { max: deps.config.rateLimits.emailPerHour, timeWindow: "1 hour" } },
  );
  defineRoute(app, deps, routes.removeSsoDomain, async ({ membership, params }) => {
    await removeSsoDomain(deps, membership, params.domainId);
    return undefined;
  });
}
