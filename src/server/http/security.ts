import type { FastifyInstance } from "fastify";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "./app-error.ts";
import { loadSession } from "./session-cookie.ts";
import { safeEqual } from "../security/tokens.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Security headers with a strict CSP the web app passes, rate limiting (per route: see
 * defineRoute's options), session resolution and CSRF protection: every write made with a
 * session cookie must echo the session's CSRF token in the X-CSRF-Token header.
 */
export async function installSecurity(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.publicUrl.startsWith("https://"),
  });

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

  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
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
