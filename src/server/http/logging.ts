import type { Writable } from "node:stream";
import type { FastifyServerOptions } from "fastify";

/** Strips secrets that travel in URLs (invitation and reset tokens) before a URL is logged. */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/api\/invitations\/)[^/?#]+/, "$1[redacted]")
    .replace(/([?&](?:token|code)=)[^&#]+/gi, "$1[redacted]");
}

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
