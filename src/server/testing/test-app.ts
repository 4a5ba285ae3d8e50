import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Me } from "../../contracts/accounts.ts";
import { type DatabaseHandle, repositories } from "../../db/index.ts";
import { createTestDatabase } from "../../db/testing/test-database.ts";
import { buildApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import type { ServerDeps } from "../deps.ts";
import { createMailer } from "../email/mailer.ts";
import { SESSION_COOKIE } from "../http/session-cookie.ts";

export interface TestApp {
  app: FastifyInstance;
  deps: ServerDeps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (PGlite, or the PostgreSQL server in the postgres project).
 * Rate limits are high unless a test asks otherwise; mail goes to the outbox unless smtpUrl is given.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: { now?: () => Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({ PUBLIC_URL: "http://trellis.test", LOG_LEVEL: "silent" }),
    rateLimits: { signInPerMinute: 1000, emailPerHour: 1000 },
    ...overrides,
  };
  const repos = repositories(database.db);
  const now = options.now ?? (() => new Date());
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    emails: repos.emails,
    now,
    onError: () => {},
  });
  const deps: ServerDeps = {
    db: database.db,
    databaseKind: database.kind,
    repos,
    config,
    mailer,
    secret: "test-secret-not-for-production",
    now,
  };
  const app = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    database,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
    },
  };
}

/** A signed-in caller: its cookie and CSRF token, ready to pass to inject(). */
export interface Caller {
  me: Me;
  cookie: string;
  headers: Record<string, string>;
}

export function callerFrom(response: LightMyRequestResponse): Caller {
  const me = response.json() as Me;
  const cookie = response.cookies.find((item) => item.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  const header = `${SESSION_COOKIE}=${cookie.value}`;
  return { me, cookie: header, headers: { cookie: header, "x-csrf-token": me.csrfToken } };
}

/** Runs first-run set-up and returns the owner as a caller. */
export async function setUpOwner(
  app: FastifyInstance,
  input: Partial<{ organisationName: string; name: string; email: string; password: string }> = {},
): Promise<Caller> {
  const response = await app.inject({
    method: "POST",
    url: "/api/setup",
    payload: {
      organisationName: "Acme Mentoring",
      name: "Olivia Owner",
      email: "owner@acme.test",
      password: "owner-password-1",
      ...input,
    },
  });
  if (response.statusCode !== 201) throw new Error(`set-up failed: ${response.statusCode} ${response.body}`);
  return callerFrom(response);
}

/** Extracts the first link to PUBLIC_URL with the given path prefix from an email's text. */
export function linkFromEmail(text: string, pathPrefix: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/?]/g, "\\$&")}[^\\s]+`));
  if (!match) throw new Error(`no ${pathPrefix} link in email:\n${text}`);
  return match[0];
}
