import { type InputHTMLAttributes, type ReactNode, useId } from "react";

interface CheckFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
  hint?: ReactNode;
  type?: "checkbox" | "radio";
}

/** A labelled checkbox or radio button with an optional hint tied to it. */
export function CheckField({ label, hint, type = "checkbox", id, className, ...input }: CheckFieldProps) {
  const generated = useId();
  const inputId = id ?? `check-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className={`check-field${className ? ` ${className}` : ""}`}>
      <input id={inputId} type={type} className="check-field__input" aria-describedby={hintId} {...input} />
      <label htmlFor={inputId} className="check-field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="check-field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
