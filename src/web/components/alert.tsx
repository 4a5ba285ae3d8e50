import type { ReactNode } from "react";

interface AlertProps {
  tone?: "error" | "success" | "info" | "warning";
  title?: string;
  children?: ReactNode;
  className?: string;
}

/**
 * A message box. Errors use role="alert" (announced at once); the others role="status" (announced
 * politely). Render it only when there is something to say, so the announcement fires.
 */
export function Alert({ tone = "info", title, children, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`alert alert--${tone}${className ? ` ${className}` : ""}`}
    >
      <span className="alert__icon" aria-hidden="true">
        {tone === "error" ? "!" : tone === "success" ? "✓" : tone === "warning" ? "!" : "i"}
      </span>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
      </div>
    </div>
  );
}

/** A live region that is always present, so changes inside it are announced. */
export function LiveRegion({ children }: { children?: ReactNode }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="live-region">
      {children}
    </div>
  );
}
