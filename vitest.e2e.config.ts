import { defineConfig } from "vitest/config";

/**
 * Browser journeys: `vitest run --config vitest.e2e.config.ts`. The global setup builds the web
 * app once; each file starts the real server on a free port with a fresh data folder.
 */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/support/global-setup.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: "UTC" },
  },
});
