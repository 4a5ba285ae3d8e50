import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encrypts the calendar secrets we must read back (CalDAV app passwords, feed tokens) with
 * AES-256-GCM. A sealed value is `v1.<iv>.<tag>.<ciphertext>` in base64url: the version lets a
 * later key or algorithm change read old rows. GCM's tag means a row edited in the database fails
 * to open instead of yielding a different secret.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the value was sealed with another key or altered. */
  open(sealed: string): string;
}

const VERSION = "v1";

/** The box's key: the configured one (base64, 32 bytes), else derived from the instance secret. */
export function calendarKey(configured: string | null, instanceSecret: string): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  return Buffer.from(hkdfSync("sha256", instanceSecret, "trellis-calendar", "secret-box v1", 32));
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("the calendar key must be 32 bytes");
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error("not a sealed calendar secret");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}
