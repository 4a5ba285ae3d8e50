import { useState } from "react";

/**
 * "523 / 120 characters": the limit of a text field shown as it is typed. Over the limit the
 * counter turns into an error rather than the browser silently cutting pasted text (no
 * maxLength): the server refuses it with the same limit named.
 */
export function CharacterCount({ id, length, limit }: { id: string; length: number; limit: number }) {
  const over = length - limit;
  return (
    <p id={id} className={`field__counter${over > 0 ? " field__counter--over" : ""}`}>
      {length.toLocaleString("en-GB")} / {limit.toLocaleString("en-GB")} characters
      {over > 0 ? ` (${over.toLocaleString("en-GB")} over the limit)` : ""}
    </p>
  );
}

/** The message a field shows when its text is over its limit (the server's words). */
export function overLimitError(length: number, limit: number | undefined): string | undefined {
  return limit !== undefined && length > limit ? `must be at most ${limit} characters` : undefined;
}

/**
 * Tracks a field's length for its counter, for controlled and uncontrolled fields alike: it starts
 * from the value (or default value) and follows every change.
 */
export function useTextLength(value: unknown, defaultValue: unknown): [number, (text: string) => void] {
  const [typed, setTyped] = useState(() => String(defaultValue ?? "").length);
  const length = typeof value === "string" ? value.length : typed;
  return [length, (text: string) => setTyped(text.length)];
}
