import { useSyncExternalStore } from "react";

type Theme = "light" | "dark";
const storageKey = "trellis.theme";
const listeners = new Set<() => void>();

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

const darkQuery = () => window.matchMedia?.("(prefers-color-scheme: dark)");

function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return darkQuery()?.matches ? "dark" : "light";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const query = darkQuery();
  query?.addEventListener("change", listener);
  return () => {
    listeners.delete(listener);
    query?.removeEventListener("change", listener);
  };
}

function chooseTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(storageKey, theme);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/**
 * Applies a remembered theme choice before the first render. With no choice stored the page
 * follows the system setting through the prefers-color-scheme media query in tokens.css.
 */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme) document.documentElement.dataset.theme = theme;
}

/** A switch between light and dark, remembered in localStorage. Every instance shows the same state. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  const isDark = theme === "dark";
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      aria-pressed={isDark}
      title={isDark ? "Dark theme is on" : "Dark theme is off"}
      onClick={() => chooseTheme(isDark ? "light" : "dark")}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
        {isDark ? (
          <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
        ) : (
          <>
            <circle cx="12" cy="12" r="4.5" />
            <path d="M12 1.5v2.5M12 20v2.5M4.2 4.2l1.8 1.8M18 18l1.8 1.8M1.5 12H4M20 12h2.5M4.2 19.8 6 18M18 6l1.8-1.8" />
          </>
        )}
      </svg>
      <span className="visually-hidden">Dark theme</span>
    </button>
  );
}
