import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new unguessable token for a link or a cookie: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What we store instead of a token: an HMAC with the instance secret, so a leaked database
 * alone does not yield working session cookies or reset links.
 */
export function hashToken(secret: string, token: string): string {
  return createHmac("sha256", secret).update(token).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
