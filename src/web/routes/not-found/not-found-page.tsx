import { Link, useLocation } from "react-router";
import { useMe } from "../../api/queries.ts";
import { AppShell } from "../../app/app-shell.tsx";
import { PublicShell } from "../../app/public-shell.tsx";
import { Loading, useDocumentTitle } from "../../components/page.tsx";

export default function NotFoundPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  const content = <NotFound />;
  return me.data ? <AppShell>{content}</AppShell> : <PublicShell>{content}</PublicShell>;
}

function NotFound() {
  useDocumentTitle("Page not found");
  const { pathname } = useLocation();
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>Page not found</h1>
      <p>
        There is no page at <code className="not-found__path">{pathname}</code>. It may have moved, or the
        link may be mistyped.
      </p>
      <p>
        <Link to="/" className="button button--primary">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
