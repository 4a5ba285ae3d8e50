import { Link } from "react-router";
import { EmptyState, PageHeader } from "./page.tsx";

/** Shown instead of an admin page to people who are not admins of the current organisation. */
export function AdminOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        title="For admins only"
        actions={
          <Link to="/" className="button button--secondary">
            Go home
          </Link>
        }
      >
        <p>Only owners and admins of this organisation can see this page.</p>
      </EmptyState>
    </>
  );
}
