import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { createSecretBox } from "../security/secret-box.ts";
import { calendarKey } from "./calendar-deps.ts";

describe("calendar secrets in the shared secret box", () => {
  const box = createSecretBox(calendarKey(null, "instance-secret"));

  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = box.seal("app-password-123");
    expect(sealed).not.toContain("app-password-123");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(box.open(sealed)).toBe("app-password-123");
  });

  it("seals the same secret differently each time (random IV)", () => {
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("refuses a value altered in the database or sealed with another key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3] as string, "base64url");
    body[0] = (body[0] as number) ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
    const other = createSecretBox(calendarKey(null, "another-instance"));
    expect(() => other.open(sealed)).toThrow();
    expect(() => box.open("plain text")).toThrow(/not a sealed/);
  });

  it("uses the configured key over the derived one", () => {
    const configured = randomBytes(32).toString("base64");
    const key = calendarKey(configured, "instance-secret");
    expect(key.equals(Buffer.from(configured, "base64"))).toBe(true);
    expect(key.equals(calendarKey(null, "instance-secret"))).toBe(false);
  });

  it("config: a key of the wrong length stops the start with the variable named", () => {
    expect(() => loadConfig({ TRELLIS_CALENDAR_KEY: "short" })).toThrow(/TRELLIS_CALENDAR_KEY/);
    const good = randomBytes(32).toString("base64");
    expect(loadConfig({ TRELLIS_CALENDAR_KEY: good }).calendar.key).toBe(good);
    expect(loadConfig({}).calendar).toEqual({ key: null, allowPrivateAddresses: false, timeoutMs: 10_000 });
    expect(loadConfig({ TRELLIS_CALENDAR_ALLOW_PRIVATE: "true" }).calendar.allowPrivateAddresses).toBe(true);
  });
});
