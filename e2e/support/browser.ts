import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Debian Chromium with a fresh profile, quiet about updates and sync. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A new signed-out browser context (its own cookies) on the server, and a page in it. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // A browser error on the page is a bug worth seeing in the test output.
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  page.on("console", (message) => {
    // Expected: 4xx answers (401 from /api/me when signed out) show as "Failed to load resource";
    // an email's HTML inherits our CSP, which refuses its inline styles (we apply them via the CSSOM).
    const text = message.text();
    if (
      message.type() === "error" &&
      !text.startsWith("Failed to load resource") &&
      !text.startsWith("Applying inline style violates")
    )
      console.error(`[console error] ${message.text()}`);
  });
  return page;
}
