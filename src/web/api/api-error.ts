import type { ErrorCode, ErrorDetail } from "../../contracts/index.ts";

/** Codes the client itself produces, beside the server's closed list. */
export type ClientErrorCode = "network_error" | "contract_mismatch";

/** A failed API call: the server's error envelope, or a client-side failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field messages keyed by field name, from details whose path is `body.<field>`. */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const detail of this.details) {
      const match = /^body\.(.+)$/.exec(detail.path);
      if (match && !(match[1] in fields)) fields[match[1]] = detail.message;
    }
    return fields;
  }

  /** Details that belong to no single body field (shown at the top of a form). */
  otherDetails(): ErrorDetail[] {
    return this.details.filter((detail) => !detail.path.startsWith("body."));
  }
}

export function isApiError(error: unknown, code?: ApiError["code"]): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A sentence to show a person for any error, with the friendliest wording we have for its code. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  switch (error.code) {
    case "rate_limited":
      return error.retryAfterSeconds
        ? `Too many attempts. Please wait ${error.retryAfterSeconds} seconds and try again.`
        : "Too many attempts. Please wait a moment and try again.";
    case "csrf_failed":
      return "Your session changed in another tab. Reload the page and try again.";
    case "validation_failed":
      return error.details.length > 0 ? "Please correct the highlighted fields." : error.message;
    default:
      return error.message;
  }
}
