import { type TextareaHTMLAttributes, useId } from "react";
import { phraseError } from "./field.tsx";

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
}

/**
 * A labelled text box for a few sentences, like Field: its hint and error tied to it for screen
 * readers; "required" is announced (aria-required) and checked by the form, not the browser.
 */
export function TextAreaField({ label, name, hint, error, id, className, ...textarea }: TextAreaFieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
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
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-required={textarea.required ? true : undefined}
        {...textarea}
        required={false}
      />
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
