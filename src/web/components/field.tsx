import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { CharacterCount, overLimitError, useTextLength } from "./character-count.tsx";

/** "is required" from a schema reads best after the field's label: "Email is required". */
export function phraseError(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** The error line under a control, announced through the control's aria-describedby. */
function FieldError({
  id,
  label,
  error,
}: {
  id: string | undefined;
  label: string;
  error: string | undefined;
}) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      <span aria-hidden="true" className="field__error-icon">
        !
      </span>
      {phraseError(label, error)}
    </p>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  /** The most characters the server accepts: shown as a counter, an error when over. */
  limit?: number;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({
  label,
  name,
  hint,
  error: givenError,
  limit,
  id,
  className,
  onChange,
  ...input
}: FieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const [length, setLength] = useTextLength(input.value, input.defaultValue);
  const error = givenError ?? overLimitError(length, limit);
  const hintId = hint ? `${inputId}-hint` : undefined;
  const counterId = limit !== undefined ? `${inputId}-count` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(" ") || undefined;
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
      <input
        id={inputId}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={input.required ? true : undefined}
        {...input}
        onChange={(event) => {
          setLength(event.target.value);
          onChange?.(event);
        }}
        required={false}
      />
      {counterId && limit !== undefined ? (
        <CharacterCount id={counterId} length={length} limit={limit} />
      ) : null}
      <FieldError id={errorId} label={label} error={error} />
    </div>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  error?: string;
  children: ReactNode;
}

export function SelectField({ label, name, error, id, children, className, ...select }: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? `${name}-${generated}`;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={selectId} className="field__label">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        {...select}
      >
        {children}
      </select>
      <FieldError id={errorId} label={label} error={error} />
    </div>
  );
}
