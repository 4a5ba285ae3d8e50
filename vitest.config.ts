import { defineConfig } from "vitest/config";

/**
 * Three layers of tests: unit (pure, beside the code), integration on embedded PostgreSQL
 * (PGlite), and the same integration suite again on a PostgreSQL server when TEST_DATABASE_URL
 * is set (CI sets it). Browser journeys have their own config (vitest.e2e.config.ts).
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
          exclude: ["src/**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "pglite",
          include: ["src/**/*.int.test.ts"],
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
