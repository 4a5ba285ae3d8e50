import { type TextareaHTMLAttributes, useId } from "react";
import { CharacterCount, overLimitError, useTextLength } from "./character-count.tsx";
import { phraseError } from "./field.tsx";

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  /** The most characters the server accepts: shown as a counter, an error when over. */
  limit?: number;
}

/**
 * A labelled text box for a few sentences, like Field: its hint and error tied to it for screen
 * readers; "required" is announced (aria-required) and checked by the form, not the browser.
 */
export function TextAreaField({
  label,
  name,
  hint,
  error: givenError,
  limit,
  id,
  className,
  onChange,
  ...textarea
}: TextAreaFieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const [length, setLength] = useTextLength(textarea.value, textarea.defaultValue);
  const error = givenError ?? overLimitError(length, limit);
  const hintId = hint ? `${inputId}-hint` : undefined;
  const counterId = limit !== undefined ? `${inputId}-count` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={inputId}
        name={name}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, counterId, errorId].filter(Boolean).join(" ") || undefined}
        aria-required={textarea.required ? true : undefined}
        {...textarea}
        onChange={(event) => {
          setLength(event.target.value);
          onChange?.(event);
        }}
        required={false}
      />
      {counterId && limit !== undefined ? (
        <CharacterCount id={counterId} length={length} limit={limit} />
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>
          {phraseError(label, error)}
        </p>
      ) : null}
    </div>
  );
}
