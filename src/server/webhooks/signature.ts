import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How a receiver checks a Trellis webhook (docs/ARCHITECTURE.md, "Webhooks"):
 *   header  Trellis-Signature: t=<unix seconds>,v1=<hex>
 *   v1 = hex(HMAC-SHA256(key = the endpoint's secret as given, message = "<t>.<raw request body>"))
 * Compare in constant time, and refuse a `t` more than five minutes from your clock (a replay).
 * Each try is signed afresh (a new `t`); the body of every try of one delivery is the same, and its
 * `id` field (the event id, or the ping's delivery id) lets the receiver drop repeats.
 */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

function hmac(secret: string, timestampSeconds: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
}

/** The receiver's side: whether `header` signs `body` with `secret` within `toleranceSeconds` of `nowSeconds`. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const at = item.indexOf("=");
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, t, body), "hex");
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
