import type { Writable } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Me } from "../../contracts/accounts.ts";
import type { Invitation } from "../../contracts/organisations.ts";
import type { OrgId, Role, UserId } from "../../core/accounts/types.ts";
import { type StoredEmail, repositories } from "../../db/index.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing/test-database.ts";
import { afterResponseSettled } from "../accounts/after-response.ts";
import { buildApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import type { ServerDeps } from "../deps.ts";
import { createMailer } from "../email/mailer.ts";
import { createEventDispatcher } from "../events/dispatcher.ts";
import { allJobs } from "../jobs/job-list.ts";
import { createJobQueue } from "../jobs/queue.ts";
import { SESSION_COOKIE } from "../http/session-cookie.ts";
import { hashPassword } from "../security/passwords.ts";

export interface TestApp {
  app: FastifyInstance;
  deps: ServerDeps;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (PGlite, or the PostgreSQL server in the postgres project).
 * Rate limits are high unless a test asks otherwise; mail goes to the outbox unless smtpUrl is given.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: {
    now?: () => Date;
    /** Serve a built web app from this folder (a test can write a tiny index.html). */
    webRoot?: string;
    /** Write the app's JSON logs here (set overrides.logLevel too: tests default to silent). */
    logStream?: Writable;
    /** Deliver events in the background, as the server does (default: before the request returns). */
    backgroundEvents?: boolean;
  } = {},
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
    changes: database.changes,
    repos,
    config,
    mailer,
    secret: "test-secret-not-for-production",
    now,
    // Not started: a test that needs the queue calls `deps.jobs.start(deps)` (close() stops it).
    jobs: createJobQueue(database.queueConnection, allJobs),
    // Inline: a use case's afterCommit() waits for the delivery, so a test reads the notification
    // and the email as soon as the request returns (the server delivers in the background).
    events: createEventDispatcher({ inline: options.backgroundEvents !== true }),
  };
  deps.events.bind(deps);
  const app = await buildApp(deps, {
    logger: options.logStream !== undefined,
    logStream: options.logStream,
    webRoot: options.webRoot ?? null,
  });
  return {
    app,
    deps,
    database,
    async close() {
      await deps.jobs.stop();
      await app.close();
      await deps.events.idle();
      await mailer.close();
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

/** A clock tests can move: `clock.now` goes into createTestApp's options. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advanceDays(days: number) {
      offsetMs += days * 86_400_000;
    },
    advanceMinutes(minutes: number) {
      offsetMs += minutes * 60_000;
    },
  };
}

/** Signs in through the API and returns the caller; throws unless it succeeds. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Caller> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return callerFrom(response);
}

/** Every email recorded for an address, newest first (the outbox, or the log of SMTP deliveries). */
export async function emailsTo(t: TestApp, address: string): Promise<StoredEmail[]> {
  await afterResponseSettled(t.deps);
  return t.deps.repos.emails.listSentTo(address, 50);
}

/** The newest email recorded for an address; throws when there is none. */
export async function latestEmailTo(t: TestApp, address: string): Promise<StoredEmail> {
  const [email] = await emailsTo(t, address);
  if (!email) throw new Error(`no email to ${address}`);
  return email;
}

/** The token in the newest emailed link with this path prefix, e.g. "/reset-password?token=". */
export async function tokenFromLatestEmail(t: TestApp, address: string, pathPrefix: string): Promise<string> {
  const link = linkFromEmail((await latestEmailTo(t, address)).text, pathPrefix);
  const url = new URL(link);
  return url.searchParams.get("token") ?? decodeURIComponent(url.pathname.split("/").pop() ?? "");
}

/**
 * A second organisation created the way the CLI's create-admin does (straight through the
 * repositories), with its owner signed in through the API.
 */
export async function createSecondOrganisation(
  t: TestApp,
  input: Partial<{ organisationName: string; name: string; email: string; password: string }> = {},
): Promise<{ orgId: OrgId; owner: Caller; password: string }> {
  const values = {
    organisationName: "Beta Coaching",
    name: "Bob Beta",
    email: "owner@beta.test",
    password: "beta-password-1",
    ...input,
  };
  const user = await t.deps.repos.users.create({
    email: values.email,
    name: values.name,
    passwordHash: await hashPassword(values.password),
    emailVerifiedAt: new Date(),
  });
  if (!user) throw new Error(`${values.email} already has an account`);
  const orgId = await t.deps.repos.organisations.create(values.organisationName);
  await t.deps.repos.organisations.addMember(orgId, user.id, "owner");
  await t.deps.repos.users.update(user.id, { lastOrgId: orgId });
  return { orgId, owner: await signIn(t.app, values.email, values.password), password: values.password };
}

/** Invites an email through the API; returns the invitation and the token from the emailed link. */
export async function invite(
  t: TestApp,
  inviter: Caller,
  orgId: string,
  input: { email: string; role: Role },
): Promise<{ invitation: Invitation; token: string }> {
  const response = await t.app.inject({
    method: "POST",
    url: `/api/orgs/${orgId}/invitations`,
    headers: inviter.headers,
    payload: input,
  });
  if (response.statusCode !== 201) throw new Error(`invite failed: ${response.statusCode} ${response.body}`);
  return {
    invitation: response.json() as Invitation,
    token: await tokenFromLatestEmail(t, input.email, "/invitations/"),
  };
}

/** Invites someone and accepts as them (a new account unless the email has one): they come back signed in. */
export async function inviteAndAccept(
  t: TestApp,
  inviter: Caller,
  orgId: string,
  input: { email: string; role: Role; name?: string; password?: string },
): Promise<Caller & { userId: UserId }> {
  const { token } = await invite(t, inviter, orgId, { email: input.email, role: input.role });
  const response = await t.app.inject({
    method: "POST",
    url: `/api/invitations/${token}/accept`,
    payload: {
      ...(input.name === undefined ? { name: "New Person" } : input.name ? { name: input.name } : {}),
      password: input.password ?? "member-password-1",
    },
  });
  if (response.statusCode !== 200) throw new Error(`accept failed: ${response.statusCode} ${response.body}`);
  const caller = callerFrom(response);
  return { ...caller, userId: caller.me.user.id as UserId };
}
