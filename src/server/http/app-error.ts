import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from "../../contracts/errors.ts";

/** A refusal with a code from the closed list in contracts; the error handler turns it into the envelope. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (message = "You are not allowed to do that.") => new AppError("forbidden", message);
export const invalidField = (path: string, message: string) =>
  new AppError("validation_failed", `${path}: ${message}`, [{ path, message }]);
