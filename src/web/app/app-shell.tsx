import { useMutation } from "@tanstack/react-query";
import { type ReactNode, Suspense, useEffect, useId, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import type { Me } from "../../contracts/index.ts";
import { describeError } from "../api/api-error.ts";
import { api, currentMembership, isAdminOf, useEndSession, useMe } from "../api/queries.ts";
import { Alert } from "../components/alert.tsx";
import { Brand, SkipLink } from "../components/brand.tsx";
import { Button } from "../components/button.tsx";
import { FlashMessage } from "../components/flash.tsx";
import { Loading } from "../components/page.tsx";
import { ThemeToggle } from "../components/theme.tsx";
import { NotificationCount } from "./notification-count.tsx";
import { OrgSwitcher } from "./org-switcher.tsx";
import { TwoFactorGate } from "./two-factor-gate.tsx";
import { useRouteFocus } from "./use-route-focus.ts";

/** The frame of the signed-in pages: a sidebar (a drop-down menu on small screens) and the page. */
export function AppShell({ children }: { children?: ReactNode }) {
  const me = useMe().data;
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  const menuId = useId();
  useRouteFocus();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu whenever the page changes
  useEffect(() => setMenuOpen(false), [pathname]);

  if (!me) return null;
  return (
    <div className="app-shell">
      <SkipLink />
      <header className="topbar">
        <Brand />
        <div className="topbar__end">
          <ThemeToggle />
          <button
            type="button"
            className="icon-button menu-button"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
              {menuOpen ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
            </svg>
            <span className="visually-hidden">Menu</span>
          </button>
        </div>
      </header>
      <aside id={menuId} className={`sidebar${menuOpen ? " sidebar--open" : ""}`} aria-label="Sidebar">
        <div className="sidebar__brand">
          <Brand />
          <ThemeToggle />
        </div>
        <OrgSwitcher me={me} />
        <MainNav me={me} />
        <UserPanel me={me} />
      </aside>
      <main id="main" tabIndex={-1} className="app-main">
        <FlashMessage />
        <Suspense fallback={<Loading />}>
          <TwoFactorGate me={me}>{children ?? <Outlet />}</TwoFactorGate>
        </Suspense>
      </main>
    </div>
  );
}

function MainNav({ me }: { me: Me }) {
  const isAdmin = isAdminOf(me);
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        <li>
          <NavLink to="/" end className="main-nav__link">
            <NavIcon d="M4 11.5 12 5l8 6.5V20h-5v-5H9v5H4z" />
            Home
          </NavLink>
        </li>
        <li>
          <NavLink to="/mentoring" className="main-nav__link">
            <NavIcon d="M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 2.7-5 6-5s6 2 6 5M14 15.2c.6-.1 1.3-.2 2-.2 3.3 0 6 2 6 5" />
            My mentoring
          </NavLink>
        </li>
        <li>
          <NavLink to="/sessions" className="main-nav__link">
            <NavIcon d="M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h3v3H8z" />
            Sessions
          </NavLink>
        </li>
        <li>
          <NavLink to="/programmes" className="main-nav__link">
            <NavIcon d="M4 5h16v4H4zM4 11h10v4H4zM4 17h13v3H4z" />
            Programmes
          </NavLink>
        </li>
        <li>
          <NavLink to="/notifications" className="main-nav__link">
            <NavIcon d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0" />
            Notifications
            <NotificationCount />
          </NavLink>
        </li>
        {isAdmin ? (
          <>
            <li>
              <NavLink to="/relationships" className="main-nav__link">
                <NavIcon d="M7 12a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm10 6a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM9.5 10.5l5 4" />
                Relationships
              </NavLink>
            </li>
            <li>
              <NavLink to="/members" end className="main-nav__link">
                <NavIcon d="M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6 9c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2 .8 3.5 3 3.5 6" />
                Members
              </NavLink>
            </li>
            <li>
              <NavLink to="/members/invitations" className="main-nav__link">
                <NavIcon d="M15 19v-1.5c0-2.5-2.5-4.5-6-4.5s-6 2-6 4.5V19M9 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 8v6M16 11h6" />
                Invitations
              </NavLink>
            </li>
            <li>
              <NavLink to="/skills" className="main-nav__link">
                <NavIcon d="M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6L12 16.5 6.7 19.4l1.2-6L3.4 9.3l6-.7z" />
                Skills
              </NavLink>
            </li>
            <li>
              <NavLink to="/emails" className="main-nav__link">
                <NavIcon d="M3 6h18v12H3zM3 7l9 6 9-6" />
                Sent email
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/email-templates" className="main-nav__link">
                <NavIcon d="M4 5h16v14H4zM8 9h8M8 13h8M8 17h5" />
                Email templates
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/security" className="main-nav__link">
                <NavIcon d="M12 3 5 6v5c0 4.4 3 8.3 7 9.5 4-1.2 7-5.1 7-9.5V6zM9.5 12l2 2 3.5-4" />
                Security
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/sso" className="main-nav__link">
                <NavIcon d="M7 14a4 4 0 1 1 3.9-5H21v3h-2v3h-3v-3h-5.1A4 4 0 0 1 7 14z" />
                Single sign-on
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/webhooks" className="main-nav__link">
                <NavIcon d="M8 15a3 3 0 1 1-1-5.8L10 4m6 11a3 3 0 1 1 2.6 3H10m-4.6-3L9 9.5a3 3 0 1 1 4.5 1" />
                Webhooks
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/audit-log" className="main-nav__link">
                <NavIcon d="M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7" />
                Audit log
              </NavLink>
            </li>
          </>
        ) : null}
        <li>
          <NavLink to="/profile" className="main-nav__link">
            <NavIcon d="M4 4h16v16H4zM9 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM5.5 18c.5-2.2 1.8-3.5 3.5-3.5s3 1.3 3.5 3.5M14 9h4M14 13h4" />
            My profile
          </NavLink>
        </li>
        <li>
          <NavLink to="/account" end className="main-nav__link">
            <NavIcon d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8c0-3.9 3.6-6 8-6s8 2.1 8 6" />
            My account
          </NavLink>
        </li>
        <li>
          <NavLink to="/account/calendars" className="main-nav__link">
            <NavIcon d="M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h3v3H8z" />
            My calendars
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

function NavIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
      <path d={d} />
    </svg>
  );
}

function UserPanel({ me }: { me: Me }) {
  const navigate = useNavigate();
  const endSession = useEndSession();
  const signOut = useMutation({
    mutationFn: () => api.call("signOut"),
    onSuccess: () => {
      endSession();
      navigate("/sign-in", { state: { flash: "You are signed out." } });
    },
  });
  const role = currentMembership(me)?.role;
  return (
    <div className="user-panel">
      <p className="user-panel__name">{me.user.name}</p>
      {/* The address on one line, cut with an ellipsis (whole in the tooltip), never broken mid-word. */}
      <p className="user-panel__email" title={me.user.email}>
        {me.user.email}
      </p>
      {role ? <p className="user-panel__meta">{role[0]?.toUpperCase() + role.slice(1)}</p> : null}
      {signOut.isError ? <Alert tone="error">{describeError(signOut.error)}</Alert> : null}
      <Button
        variant="secondary"
        size="small"
        busy={signOut.isPending}
        busyLabel="Signing out…"
        onClick={() => signOut.mutate()}
      >
        Sign out
      </Button>
    </div>
  );
}
