import type { Writable } from "node:stream";
import type { FastifyServerOptions } from "fastify";
import { redactUrl } from "../../contracts/url-secrets.ts";

/**
 * Every URL that reaches a log goes through redactUrl, which masks the secret parameters declared
 * in the contracts (contracts/url-secrets.ts) for every route and web page: one rule, derived from
 * the route table, that a new route cannot forget.
 */
export { redactUrl };

/** Structured request logs with a request id; never a password, token or cookie. */
export function loggerOptions(level: string, stream?: Writable): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.token",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return { method: request.method, url: redactUrl(request.url), ip: request.ip, requestId: request.id };
      },
    },
  };
}
