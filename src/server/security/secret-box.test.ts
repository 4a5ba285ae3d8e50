import { describe, expect, it } from "vitest";
import { createSecretBox, deriveKey } from "./secret-box.ts";

describe("secret box", () => {
  const box = createSecretBox(deriveKey("instance-secret", "two-factor"));

  it("opens what it sealed, with the same context", () => {
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "user-1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.open(sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("seals the same secret differently each time (a fresh IV)", () => {
    expect(box.seal("same", "c")).not.toBe(box.seal("same", "c"));
  });

  it("refuses another context, another key, another purpose and an edited value", () => {
    const sealed = box.seal("secret", "user-1");
    expect(() => box.open(sealed, "user-2")).toThrow();
    expect(() => createSecretBox(deriveKey("other-secret", "two-factor")).open(sealed, "user-1")).toThrow();
    expect(() => createSecretBox(deriveKey("instance-secret", "calendar")).open(sealed, "user-1")).toThrow();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString("base64url")].join("."), "user-1")).toThrow();
    expect(() => box.open("plain text", "user-1")).toThrow("not a sealed secret");
  });
});
