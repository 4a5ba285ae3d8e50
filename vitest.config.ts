import { defineConfig } from "vitest/config";

/**
 * Three layers of tests: unit (pure and fast, beside the code: `*.test.ts`), integration on
 * embedded PostgreSQL (PGlite: `*.int.test.ts`, plus `*.spawn.test.ts`, the tests that start
 * processes or worker threads, which need no database but take seconds each), and the database
 * suite again on a PostgreSQL server when TEST_DATABASE_URL is set (CI sets it). Browser journeys
 * have their own config (vitest.e2e.config.ts).
 */
const shared = {
  environment: "node" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};
const serverUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.spawn.test.ts"],
          // Unit tests are pure (no database, no env, no mocks), so the files share one process:
          // forking a process per file cost more than the tests (55 s against 29 s here).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "pglite",
          include: ["src/**/*.int.test.ts", "src/**/*.spawn.test.ts", "scripts/**/*.spawn.test.ts"],
          env: { TZ: "UTC", TRELLIS_TEST_DB: "pglite" },
        },
      },
      ...(serverUrl
        ? [
            {
              extends: true as const,
              test: {
                ...shared,
                name: "postgres",
                include: ["src/**/*.int.test.ts"],
                env: { TZ: "UTC", TRELLIS_TEST_DB: "postgres" },
                globalSetup: ["src/db/testing/postgres-global-setup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
