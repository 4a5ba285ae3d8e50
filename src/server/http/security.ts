import type { FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "./app-error.ts";
import { loadSession } from "./session-cookie.ts";
import { safeEqual } from "../security/tokens.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The Content Security Policy: our own origin only, which the built web app passes. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(";");

/**
 * The security headers of every response, the set helmet sends with our options (CSP above, no
 * cross-origin embedder policy, HSTS behind https), written out once. @fastify/helmet built a new
 * helmet middleware for each request (parsing the CSP directives again every time): about a
 * tenth of the server's time on GET /api/me under load.
 */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "referrer-policy": "no-referrer",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
    "x-content-type-options": "nosniff",
    "x-dns-prefetch-control": "off",
    "x-download-options": "noopen",
    "x-frame-options": "SAMEORIGIN",
    "x-permitted-cross-domain-policies": "none",
    "x-xss-protection": "0",
  };
}

/**
 * Security headers with a strict CSP the web app passes, rate limiting (per route: see
 * defineRoute's options), session resolution and CSRF protection: every write made with a
 * session cookie must echo the session's CSRF token in the X-CSRF-Token header.
 */
export async function installSecurity(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        undefined,
        {
          "retry-after": String(Math.ceil(context.ttl / 1000)),
        },
      ),
  });

  const headers = securityHeaders(deps.config.publicUrl.startsWith("https://"));
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request, reply) => {
    reply.headers(headers);
    if (!request.url.startsWith("/api/")) return;
    request.auth = await loadSession(deps, request);
    if (request.auth && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !safeEqual(sent, request.auth.session.csrfToken)) {
        throw new AppError(
          "csrf_failed",
          "Missing or wrong X-CSRF-Token header. Reload the page and try again.",
        );
      }
    }
  });
}
