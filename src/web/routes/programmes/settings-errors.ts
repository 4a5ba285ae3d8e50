import { useEffect } from "react";
import type { z } from "zod";
import { ApiError } from "../../api/api-error.ts";

/** Field messages keyed by path under the body ("name", "registrationForm.2.options"). */
export type FieldErrors = Record<string, string>;

/** A schema's problems with a body, keyed as the server keys them, so one map serves both. */
export function schemaErrors(schema: z.ZodType, body: unknown): FieldErrors {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "body";
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** The server's field messages of a failed save (400 validation, 422 frozen settings). */
export function serverErrors(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors() : {};
}

/**
 * Moves focus to the first invalid control inside `container` after a failed save: `trigger` is
 * what changes once per failure (the client's errors of that attempt, or the server's error), so
 * focus never jumps while the person is typing.
 */
export function useFocusFirstInvalid(container: React.RefObject<HTMLElement | null>, trigger: unknown) {
  useEffect(() => {
    if (!trigger) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [container, trigger]);
}

/** The messages under a path prefix ("registrationForm.2."), for one part of a larger editor. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const found: FieldErrors = {};
  for (const [key, message] of Object.entries(errors))
    if (key.startsWith(prefix)) found[key.slice(prefix.length)] = message;
  return found;
}
