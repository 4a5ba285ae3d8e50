import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { describeError, isApiError } from "../../api/api-error.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  tone?: "primary" | "danger";
  busy: boolean;
  error: unknown;
  /** Ask for a reason (required or optional) in a text box. */
  reason?: { label: string; required: boolean; hint?: string };
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/**
 * A modal question before a change that matters (pause, complete, end). The native <dialog>
 * keeps focus inside, closes with Escape and returns focus to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  tone = "primary",
  busy,
  error,
  reason,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setText("");
      setMissing(false);
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason?.required && text.trim().length < 3) {
      setMissing(true);
      return;
    }
    onConfirm(text.trim());
  };
  const serverField = isApiError(error) ? error.fieldErrors().reason : undefined;
  const fieldError = missing ? "Please say why, in a few words." : serverField;

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <form onSubmit={submit} noValidate>
        {children}
        {reason ? (
          <div className={`field${fieldError ? " field--invalid" : ""}`}>
            <label htmlFor={reasonId} className="field__label">
              {reason.label}
              {reason.required ? "" : " (optional)"}
            </label>
            {reason.hint ? (
              <p id={`${reasonId}-hint`} className="field__hint">
                {reason.hint}
              </p>
            ) : null}
            <textarea
              id={reasonId}
              name="reason"
              className="input textarea"
              maxLength={500}
              value={text}
              aria-invalid={fieldError ? true : undefined}
              aria-required={reason.required || undefined}
              aria-describedby={
                [reason.hint ? `${reasonId}-hint` : "", fieldError ? `${reasonId}-error` : ""]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
              onChange={(event) => {
                setText(event.target.value);
                setMissing(false);
              }}
            />
            {fieldError ? (
              <p id={`${reasonId}-error`} className="field__error">
                <span aria-hidden="true" className="field__error-icon">
                  !
                </span>
                {fieldError}
              </p>
            ) : null}
          </div>
        ) : null}
        {error && !serverField ? <Alert tone="error">{describeError(error)}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant={tone} busy={busy} busyLabel={busyLabel}>
            {confirmLabel}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
