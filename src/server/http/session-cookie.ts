import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_LIFETIME_DAYS } from "../../core/accounts/rules.ts";
import type { Membership, SessionRecord, User, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";

export const SESSION_COOKIE = "trellis_session";
const DAY_MS = 86_400_000;
/** lastSeenAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** The person as loaded with the session cookie, with their active memberships (same query). */
export interface SessionUser extends User {
  memberships: Membership[];
}

export interface Authenticated {
  session: SessionRecord;
  userId: UserId;
  /**
   * The person and their active memberships as loaded with the session cookie, at the start of
   * this request; absent for a session started by this request.
   */
  user?: SessionUser;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

function cookieOptions(deps: ServerDeps) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.config.publicUrl.startsWith("https://"),
    path: "/",
  };
}

/** Creates a session row and sets its cookie; the cookie holds a token, the row only its hash. */
export async function startSession(
  deps: ServerDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: UserId,
): Promise<SessionRecord> {
  const token = newToken();
  const now = deps.now();
  const session = await deps.repos.users.createSession({
    tokenHash: hashToken(deps.secret, token),
    userId,
    csrfToken: newToken(),
    userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null,
    ipAddress: request.ip ?? null,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_DAYS * DAY_MS),
  });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(deps), maxAge: SESSION_LIFETIME_DAYS * 86_400 });
  request.auth = { session, userId };
  return session;
}

export function clearSessionCookie(deps: ServerDeps, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
}

/** Resolves the session cookie of a request, if any and still valid. */
export async function loadSession(deps: ServerDeps, request: FastifyRequest): Promise<Authenticated | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const now = deps.now();
  const found = await deps.repos.users.findSessionWithUser(hashToken(deps.secret, token), now);
  if (!found) return null;
  const { session, user, memberships } = found;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.repos.users.touchSession(session.id, now);
  }
  return { session, userId: session.userId, user: { ...user, memberships } };
}
