import { type ReactNode, Suspense } from "react";
import { Outlet } from "react-router";
import { Brand, SkipLink } from "../components/brand.tsx";
import { FlashMessage } from "../components/flash.tsx";
import { Loading } from "../components/page.tsx";
import { ThemeToggle } from "../components/theme.tsx";
import { useRouteFocus } from "./use-route-focus.ts";

/** The frame of the signed-out pages: a centred card under the brand. */
export function PublicShell({ children }: { children?: ReactNode }) {
  useRouteFocus();
  return (
    <div className="public-shell">
      <SkipLink />
      <header className="public-shell__header">
        <Brand />
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1} className="public-shell__main">
        <div className="public-card">
          <FlashMessage />
          <Suspense fallback={<Loading />}>{children ?? <Outlet />}</Suspense>
        </div>
      </main>
      <footer className="public-shell__footer">
        <p>Trellis · open-source mentoring</p>
      </footer>
    </div>
  );
}
