import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { describeError } from "../api/api-error.ts";
import { useMe, useSetupStatus } from "../api/queries.ts";
import { Alert } from "../components/alert.tsx";
import { Button } from "../components/button.tsx";
import { Loading } from "../components/page.tsx";

/**
 * Shows its children to signed-in people only. Others go to sign-in (or to first-run set-up when
 * there is no organisation yet) and are brought back to where they were going afterwards.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const signedOut = me.data === null;
  const setup = useSetupStatus(signedOut);

  if (me.isPending) return <FullPageStatus />;
  if (me.isError) {
    return (
      <FullPageStatus>
        <Alert tone="error" title="Trellis could not load">
          <p>{describeError(me.error)}</p>
          <Button variant="secondary" onClick={() => me.refetch()} busy={me.isFetching}>
            Try again
          </Button>
        </Alert>
      </FullPageStatus>
    );
  }
  if (signedOut) {
    if (setup.isPending) return <FullPageStatus />;
    if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
    const next = location.pathname + location.search;
    const target = next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return children;
}

function FullPageStatus({ children }: { children?: ReactNode }) {
  return (
    <main id="main" className="full-page-status">
      {children ?? <Loading />}
    </main>
  );
}

/** Where to go after signing in: the `next` path if it is one of ours, else home. */
export function safeNext(value: string | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
