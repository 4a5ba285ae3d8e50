import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

export interface Harness {
  /** A page in a new browser context (its own cookies: a separate person) on the server. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Starts a real Trellis server (fresh data folder) and Chromium before the suite's tests and stops
 * both after. Call at the top of a describe block; open pages inside tests.
 */
export function useServerAndBrowser(options: Parameters<typeof startServer>[0] = {}): Harness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    openPage(contextOptions = {}) {
      if (!server || !browser) throw new Error("useServerAndBrowser: the suite has not started yet");
      return openPage(browser, server.url, contextOptions);
    },
  };
}
