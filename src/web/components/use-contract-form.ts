import { type FormEvent, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { ApiError, describeError } from "../api/api-error.ts";

export interface ContractForm<Values> {
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  fieldError: (name: keyof Values & string) => string | undefined;
  /** A sentence for the whole form (announced), or undefined. */
  formError: string | undefined;
  clearErrors: () => void;
}

/**
 * Form plumbing shared by every page: reads the form's fields, checks them with the same zod
 * schema the server uses (so people get the server's messages without a round trip), submits, and
 * maps the server's `body.<field>` error details onto fields. After a failed submit, focus moves
 * to the first invalid field, whose message is tied to it with aria-describedby.
 */
export function useContractForm<S extends z.ZodType>(
  schema: S,
  submit: (values: z.output<S>) => void,
  serverError: unknown,
  read: (form: HTMLFormElement) => Record<string, unknown> = readForm,
): ContractForm<z.input<S>> {
  const formRef = useRef<HTMLFormElement>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);

  const serverFields = serverError instanceof ApiError ? serverError.fieldErrors() : {};
  const fields = Object.keys(clientErrors).length > 0 ? clientErrors : serverFields;
  const fieldCount = Object.keys(fields).length;
  let formError: string | undefined;
  if (Object.keys(clientErrors).length > 0) {
    formError =
      fieldCount === 1 ? "Please correct the highlighted field." : "Please correct the highlighted fields.";
  } else if (serverError) {
    formError = describeError(serverError);
    // Problems the form has no field for (a path parameter, a hidden token) are spelled out here.
    const form = formRef.current;
    const unplaced =
      serverError instanceof ApiError
        ? [
            ...serverError.otherDetails().map((detail) => `${detail.path}: ${detail.message}`),
            ...Object.entries(serverFields)
              .filter(([name]) => !form?.elements.namedItem(name))
              .map(([name, message]) => `${name} ${message}`),
          ]
        : [];
    if (unplaced.length > 0)
      formError = `${serverError instanceof ApiError ? serverError.message : formError} (${unplaced.join("; ")})`;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus after each failed attempt or new server error
  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [attempt, serverError]);

  return {
    formRef,
    onSubmit: (event) => {
      event.preventDefault();
      const values = read(event.currentTarget);
      const result = schema.safeParse(values);
      if (!result.success) {
        const errors: Record<string, string> = {};
        for (const issue of result.error.issues) {
          const key = String(issue.path[0] ?? "");
          if (key && !(key in errors)) errors[key] = issue.message;
        }
        setClientErrors(errors);
        setAttempt((value) => value + 1);
        return;
      }
      setClientErrors({});
      // Send what the schema made of the fields: trimmed, lower-cased, unknown fields dropped.
      submit(result.data);
    },
    fieldError: (name) => fields[name],
    formError,
    clearErrors: () => setClientErrors({}),
  };
}

/** The form's named fields as strings (empty optional fields are left out). */
export function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}
