import { Button } from "./button.tsx";

/**
 * Previous and next buttons for a paged list, with "Page 2 of 5" between them; nothing when it
 * all fits on one page. `page` counts from 0.
 */
export function Pager({
  label,
  page,
  pageSize,
  total,
  onPage,
}: {
  /** What the pages are of, for screen readers: "Member pages". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  if (total <= pageSize) return null;
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  return (
    <nav className="pager" aria-label={label}>
      <Button variant="secondary" size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span>
        Page {page + 1} of {lastPage + 1}
      </span>
      <Button variant="secondary" size="small" disabled={page >= lastPage} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}
