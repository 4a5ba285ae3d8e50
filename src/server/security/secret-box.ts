import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encrypts secrets we must read back (two-factor seeds; reusable by any feature) with AES-256-GCM
 * under a key derived from the instance secret (kept in `instance_settings`) and a purpose label,
 * so each feature's key is different and a key never leaves the process. A sealed value is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url: the version lets a later key or algorithm read old
 * rows. `context` (for example the owner's user id) is bound as associated data: a sealed value
 * copied to another row does not open there, and an edited one fails instead of yielding a
 * different secret.
 */
export interface SecretBox {
  seal(plaintext: string, context?: string): string;
  /** Throws when the value was sealed with another key or context, or was altered. */
  open(sealed: string, context?: string): string;
}

const VERSION = "v1";

/** The 32-byte key for one purpose ("two-factor", ...), derived from the instance secret with HKDF. */
export function deriveKey(instanceSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", instanceSecret, "trellis-secret-box", purpose, 32));
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("a secret box key must be 32 bytes");
  return {
    seal(plaintext, context = "") {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(
        ".",
      );
    },
    open(sealed, context = "") {
      const [version, iv, tag, body, extra] = sealed.split(".");
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || extra) {
        throw new Error("not a sealed secret");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}
