import type { FastifyRequest } from "fastify";
import { type RateLimitHit, rateLimitsRepository } from "../../db/repositories/rate-limits.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { hashToken } from "../security/tokens.ts";
import { AppError } from "./app-error.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One budget: at most `max` hits per fixed window of `windowMs` for one subject. */
interface Budget {
  name: string;
  max: number;
  windowMs: number;
}

/** A budget applied to one subject (an address, an account, or both together). */
interface Charge {
  budget: Budget;
  subject: string;
}

/** Every this-many checks an instance also deletes expired counters (in the same statement). */
const CLEAN_UP_EVERY = 100;

/**
 * Rate limits shared by every instance on one database (sign-in, password resets, set-up,
 * invitation acceptance). The in-process limits of @fastify/rate-limit count per instance, so
 * spreading guesses over instances multiplied the budget; these count in `rate_limit_counters`
 * with one statement per check. Budgets come from `config.rateLimits`.
 */
export interface SharedRateLimits {
  /**
   * Sign-in (and anything else that guesses one account's password): per account at one address
   * (a minute and a quarter hour), per address over all accounts (generous, so people behind one
   * shared address are not locked out by a noisy neighbour), and per account over all addresses
   * (spreading guesses over addresses does not help). The account-wide count only counts attempts
   * that were within the address budgets, so one address cannot use up an account's budget.
   */
  signIn(request: FastifyRequest, email: string): Promise<void>;
  /** Password-reset requests: per address and per email, the same way, per hour. */
  passwordResetRequest(request: FastifyRequest, email: string): Promise<void>;
  /** Set-up, reset confirmation and invitation acceptance: per address, per minute. */
  perAddress(request: FastifyRequest, name: string): Promise<void>;
}

const instances = new WeakMap<ServerDeps, SharedRateLimits>();

const NO_LIMITS: SharedRateLimits = {
  signIn: async () => {},
  passwordResetRequest: async () => {},
  perAddress: async () => {},
};

/**
 * Turns an app's shared limits off or back on (routes look the limiter up per request). Only for
 * the benchmark, which measures sign-in with and without them in one run on one app.
 */
export function setSharedRateLimitsEnabled(deps: ServerDeps, enabled: boolean): void {
  if (enabled) instances.delete(deps);
  else instances.set(deps, NO_LIMITS);
}

/** The shared limiter of an app (one per deps: its clean-up counter is per instance). */
export function sharedRateLimits(deps: ServerDeps): SharedRateLimits {
  let limiter = instances.get(deps);
  if (!limiter) {
    limiter = createSharedRateLimits(deps);
    instances.set(deps, limiter);
  }
  return limiter;
}

function createSharedRateLimits(deps: ServerDeps): SharedRateLimits {
  const repo = rateLimitsRepository(deps.db);
  const { signInPerMinute, emailPerHour } = deps.config.rateLimits;
  let checks = 0;

  const budgets = {
    signInPair: { name: "sign-in:account-address", max: signInPerMinute, windowMs: MINUTE },
    signInPairLong: { name: "sign-in:account-address-15m", max: 2 * signInPerMinute, windowMs: 15 * MINUTE },
    signInAddress: { name: "sign-in:address", max: 10 * signInPerMinute, windowMs: MINUTE },
    signInAccount: { name: "sign-in:account", max: 5 * signInPerMinute, windowMs: 15 * MINUTE },
    resetPair: { name: "reset:email-address", max: emailPerHour, windowMs: HOUR },
    resetAddress: { name: "reset:address", max: 10 * emailPerHour, windowMs: HOUR },
    resetEmail: { name: "reset:email", max: 3 * emailPerHour, windowMs: HOUR },
  } satisfies Record<string, Budget>;

  const toHit = (charge: Charge, now: Date): RateLimitHit => {
    const start = Math.floor(now.getTime() / charge.budget.windowMs) * charge.budget.windowMs;
    return {
      // Keyed by an HMAC: the table holds no email addresses or client addresses.
      key: `${charge.budget.name}:${hashToken(deps.secret, charge.subject)}`,
      windowStart: new Date(start),
      windowEnd: new Date(start + charge.budget.windowMs),
      max: charge.budget.max,
    };
  };

  /** Counts the charges; throws 429 with Retry-After (the latest window end among those over). */
  const check = async (always: Charge[], gated: Charge[] = []): Promise<void> => {
    const now = deps.now();
    const alwaysHits = always.map((charge) => toHit(charge, now));
    const gatedHits = gated.map((charge) => toHit(charge, now));
    checks += 1;
    const counts = await repo.hit(alwaysHits, gatedHits, checks % CLEAN_UP_EVERY === 0 ? now : null);
    let retryAt = 0;
    for (const hit of [...alwaysHits, ...gatedHits]) {
      const count = counts.get(hit.key);
      if (count !== undefined && count > hit.max) retryAt = Math.max(retryAt, hit.windowEnd.getTime());
    }
    if (retryAt === 0) return;
    const seconds = Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
    throw new AppError("rate_limited", `Too many attempts. Try again in ${seconds} seconds.`, undefined, {
      "retry-after": String(seconds),
    });
  };

  const account = (email: string) => `account:${email.trim().toLowerCase()}`;
  const address = (request: FastifyRequest) => `address:${request.ip}`;
  const pair = (request: FastifyRequest, email: string) => `${account(email)}|${address(request)}`;

  return {
    signIn: (request, email) =>
      check(
        [
          { budget: budgets.signInPair, subject: pair(request, email) },
          { budget: budgets.signInPairLong, subject: pair(request, email) },
          { budget: budgets.signInAddress, subject: address(request) },
        ],
        [{ budget: budgets.signInAccount, subject: account(email) }],
      ),
    passwordResetRequest: (request, email) =>
      check(
        [
          { budget: budgets.resetPair, subject: pair(request, email) },
          { budget: budgets.resetAddress, subject: address(request) },
        ],
        [{ budget: budgets.resetEmail, subject: account(email) }],
      ),
    perAddress: (request, name) =>
      check([
        {
          budget: { name: `${name}:address`, max: signInPerMinute, windowMs: MINUTE },
          subject: address(request),
        },
      ]),
  };
}
