import { type ReactNode, useEffect } from "react";

/** Sets the tab title: "Members · Trellis". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : "Trellis";
  }, [title]);
}

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

export function Card({
  title,
  children,
  className,
  headingLevel = 2,
}: {
  title?: string;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={`card${className ? ` ${className}` : ""}`}>
      {title ? <Heading className="card__title">{title}</Heading> : null}
      {children}
    </section>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner spinner--large" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  children,
  actions,
}: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <svg className="empty-state__art" viewBox="0 0 120 80" aria-hidden="true" focusable="false">
        <path d="M20 70V18M50 70V10M80 70V18M110 70V26M8 30h112M8 52h112" />
        <path
          className="empty-state__leaf"
          d="M50 34c-10-2-14-10-12-18 9 1 14 8 12 18zm0 8c8-4 16-2 20 5-8 4-16 2-20-5z"
        />
      </svg>
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__text">{children}</div> : null}
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}
