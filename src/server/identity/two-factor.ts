import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import type { Me } from "../../contracts/accounts.ts";
import type {
  TwoFactorChallenge,
  TwoFactorSetUp,
  TwoFactorStatus,
} from "../../contracts/two-factor.routes.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import { loadMe } from "../accounts/load-me.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { startSession } from "../http/session-cookie.ts";
import { verifyPassword } from "../security/passwords.ts";
import { createSecretBox, deriveKey, type SecretBox } from "../security/secret-box.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { matchTotp, newTotpSecret, otpauthUri } from "../security/totp.ts";

/** A pending sign-in waits this long for its code. */
export const PENDING_SIGN_IN_MINUTES = 5;
/** Wrong codes allowed on one pending sign-in before it is dropped (then the password again). */
export const PENDING_SIGN_IN_MAX_FAILURES = 5;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Trellis";
// No 0/o, 1/l/i: read from paper and typed by hand.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const boxes = new WeakMap<ServerDeps, SecretBox>();
/** The secret box for two-factor seeds: its key derived from the instance secret. */
function seedBox(deps: ServerDeps): SecretBox {
  let box = boxes.get(deps);
  if (!box) {
    box = createSecretBox(deriveKey(deps.secret, "two-factor-seed"));
    boxes.set(deps, box);
  }
  return box;
}

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const recoveryHash = (deps: ServerDeps, code: string) =>
  hashToken(deps.secret, `recovery:${normaliseRecoveryCode(code)}`);

async function issueRecoveryCodes(deps: ServerDeps, repos: ServerDeps["repos"], userId: UserId) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await repos.identity.replaceRecoveryCodes(
    userId,
    codes.map((code) => recoveryHash(deps, code)),
  );
  return codes;
}

export async function twoFactorStatus(deps: ServerDeps, userId: UserId): Promise<TwoFactorStatus> {
  const [credential, left, requiredBy, memberships] = await Promise.all([
    deps.repos.identity.findTwoFactor(userId),
    deps.repos.identity.countUnusedRecoveryCodes(userId),
    deps.repos.identity.orgsRequiringTwoFactorOf(userId),
    deps.repos.organisations.membershipsOf(userId),
  ]);
  const enabledAt = credential?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? left : 0,
    requiredBy: requiredBy.map((orgId) => ({
      orgId,
      orgName: memberships.find((membership) => membership.orgId === orgId)?.orgName ?? "",
    })),
  };
}

/** Starts set-up: a new secret (sealed at rest), its otpauth URI and QR code. Refused while on. */
export async function startTwoFactorSetUp(deps: ServerDeps, userId: UserId): Promise<TwoFactorSetUp> {
  const user = await deps.repos.users.findById(userId);
  if (!user) throw new AppError("not_signed_in", "Your account no longer exists.");
  const secret = newTotpSecret();
  const started = await deps.repos.identity.startTwoFactorSetUp(userId, seedBox(deps).seal(secret, userId));
  if (!started) throw new AppError("conflict", "Two-factor sign-in is already on. Turn it off first.");
  const uri = otpauthUri(secret, user.email, ISSUER);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, otpauthUri: uri, qrSvg };
}

/** Turns two-factor on with a first code from the app; answers 10 recovery codes, shown once. */
export async function confirmTwoFactor(deps: ServerDeps, userId: UserId, code: string): Promise<string[]> {
  const now = deps.now();
  return inTransaction(deps.db, async (repos) => {
    const credential = await repos.identity.findTwoFactor(userId);
    if (!credential) throw new AppError("conflict", "Start setting up two-factor sign-in first.");
    if (credential.enabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
    const secret = seedBox(deps).open(credential.secretSealed, userId);
    const step = matchTotp(secret, code, now, credential.lastUsedStep);
    if (step === null || !(await repos.identity.recordStep(userId, step, now))) {
      throw invalidField("body.code", "is not the current code (check the time on your phone)");
    }
    return issueRecoveryCodes(deps, repos, userId);
  });
}

async function requirePassword(deps: ServerDeps, userId: UserId, password: string): Promise<void> {
  const user = await deps.repos.users.findById(userId);
  const withHash = user ? await deps.repos.users.findByEmailWithHash(user.email) : null;
  if (!withHash || !(await verifyPassword(withHash.passwordHash, password))) {
    throw new AppError("invalid_credentials", "That is not your password.", [
      { path: "body.password", message: "is not your password" },
    ]);
  }
}

export async function disableTwoFactor(deps: ServerDeps, userId: UserId, password: string): Promise<void> {
  await requirePassword(deps, userId, password);
  await inTransaction(deps.db, (repos) => repos.identity.deleteTwoFactor(userId));
}

export async function regenerateRecoveryCodes(
  deps: ServerDeps,
  userId: UserId,
  password: string,
): Promise<string[]> {
  await requirePassword(deps, userId, password);
  return inTransaction(deps.db, async (repos) => {
    const credential = await repos.identity.findTwoFactor(userId);
    if (!credential?.enabledAt) throw new AppError("conflict", "Two-factor sign-in is off.");
    return issueRecoveryCodes(deps, repos, userId);
  });
}

/**
 * Checks a second factor: a TOTP code of now ±1 step newer than the last one used (recorded, so
 * it works once), or an unused recovery code (marked used).
 */
export async function verifySecondFactor(deps: ServerDeps, userId: UserId, code: string): Promise<boolean> {
  const credential = await deps.repos.identity.findTwoFactor(userId);
  if (!credential?.enabledAt) return false;
  const compact = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) {
    const secret = seedBox(deps).open(credential.secretSealed, userId);
    const step = matchTotp(secret, compact, deps.now(), credential.lastUsedStep);
    return step !== null && (await deps.repos.identity.recordStep(userId, step));
  }
  if (normaliseRecoveryCode(code).length !== 10) return false;
  return deps.repos.identity.spendRecoveryCode(userId, recoveryHash(deps, code), deps.now());
}

/**
 * After a password (sign-in, a reset, an invitation for an existing account): a session, or,
 * when the person has two-factor on, a short-lived pending sign-in that needs the code first.
 */
export async function signInOrChallenge(
  deps: ServerDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: UserId,
): Promise<Me | TwoFactorChallenge> {
  const credential = await deps.repos.identity.findTwoFactor(userId);
  if (credential?.enabledAt) {
    const token = newToken();
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000);
    await deps.repos.identity.deleteExpiredPendingSignIns(now);
    await deps.repos.identity.createPendingSignIn({
      tokenHash: hashToken(deps.secret, token),
      userId,
      expiresAt,
    });
    reply.header("cache-control", "no-store");
    return { twoFactorRequired: true, pendingToken: token, expiresAt: expiresAt.toISOString() };
  }
  const session = await startSession(deps, request, reply, userId);
  return loadMe(deps, userId, session);
}

/** The pending sign-in of a token, or 410 when it is unknown, used or expired. */
export async function findPendingSignIn(deps: ServerDeps, pendingToken: string) {
  const pending = await deps.repos.identity.findPendingSignIn(
    hashToken(deps.secret, pendingToken),
    deps.now(),
  );
  if (!pending)
    throw new AppError("token_invalid", "This sign-in has expired. Sign in with your password again.");
  return pending;
}

/** Counts a wrong code on a pending sign-in and refuses; after the last allowed, the sign-in ends. */
export async function refuseCode(deps: ServerDeps, pendingId: string): Promise<never> {
  const failures = await deps.repos.identity.failPendingSignIn(pendingId);
  if (failures >= PENDING_SIGN_IN_MAX_FAILURES) {
    await deps.repos.identity.deletePendingSignIn(pendingId);
    throw new AppError("token_invalid", "Too many wrong codes. Sign in with your password again.");
  }
  throw new AppError("invalid_credentials", "That code is not right, or was already used.", [
    { path: "body.code", message: "is not right, or was already used" },
  ]);
}
