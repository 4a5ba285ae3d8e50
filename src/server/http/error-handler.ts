import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorCode, ErrorDetail, ErrorEnvelope } from "../../contracts/errors.ts";
import { ERROR_STATUS } from "../../contracts/errors.ts";
import { AppError } from "./app-error.ts";

interface ValidationItem {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { keys?: string[] };
}

function validationDetails(context: string, items: ValidationItem[]): ErrorDetail[] {
  return items.flatMap((item) => {
    const segments = (item.instancePath ?? "").split("/").filter(Boolean);
    const base = [context, ...segments].join(".");
    if (item.keyword === "unrecognized_keys" && item.params?.keys?.length) {
      return item.params.keys.map((key) => ({ path: `${base}.${key}`, message: "is not a known field" }));
    }
    return [{ path: base, message: item.message ?? "is invalid" }];
  });
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: ErrorDetail[],
) {
  const body: ErrorEnvelope = {
    error: { code, message, ...(details?.length ? { details } : {}), requestId: request.id },
  };
  return reply.status(ERROR_STATUS[code]).type("application/json; charset=utf-8").send(body);
}

/** Maps a Fastify framework error (bad JSON, wrong media type, size) to one of our codes. */
function frameworkError(
  error: FastifyError,
): { code: ErrorCode; message: string; details?: ErrorDetail[] } | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        code: "validation_failed",
        message: "The request body is not valid JSON.",
        details: [{ path: "body", message: "is not valid JSON" }],
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { code: "payload_too_large", message: "The request body is too large." };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { code: "unsupported_media_type", message: "Send the body as application/json." };
    default:
      break;
  }
  if (error.statusCode === 429)
    return { code: "rate_limited", message: "Too many requests. Try again later." };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: "validation_failed", message: error.message };
  }
  return null;
}

/**
 * Errors the router raises before any route runs (a URL that does not decode, a path segment
 * longer than the router accepts): Fastify's `frameworkErrors` option, so they get the envelope too.
 */
export function frameworkErrorResponder(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const message =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? "A value in the URL is too long."
      : "The URL is not valid (check its %-encoding).";
  return send(reply, request, "validation_failed", message, [{ path: "params", message }]);
}

/** One error envelope for the whole API, including 404s and bodies that are not JSON. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return send(reply, request, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Named as in the contract table (params, query, body), not as Fastify names them.
      const context =
        error.validationContext === "querystring" ? "query" : (error.validationContext ?? "body");
      const details = validationDetails(context, error.validation as ValidationItem[]);
      const summary = details.map((detail) => `${detail.path} ${detail.message}`).join("; ");
      return send(reply, request, "validation_failed", `Invalid request: ${summary}`, details);
    }
    const mapped = frameworkError(error);
    if (mapped) return send(reply, request, mapped.code, mapped.message, mapped.details);
    request.log.error({ err: error }, "unhandled error");
    return send(reply, request, "internal_error", "Something went wrong on our side. It has been logged.");
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`),
  );
}
