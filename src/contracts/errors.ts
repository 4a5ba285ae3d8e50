import { z } from "zod";

/**
 * The closed list of error codes the API returns, with the HTTP status each one travels with.
 * Clients branch on `code`, never on `message`.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  not_signed_in: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  two_factor_required: 403,
  sso_required: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  email_taken: 409,
  domain_rule: 422,
  last_owner: 422,
  token_invalid: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const ErrorDetailSchema = z.object({
  path: z.string().describe("Where the problem is, e.g. body.email"),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** `{ "error": { "code": "validation_failed", "message": "...", "details": [...] } }` */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.array(ErrorDetailSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
