import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature.ts";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "e1", kind: "request.sent" });

  it("verifies its own signature within the tolerance", () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, body, secret, 1_700_000_100)).toBe(true);
  });

  it("refuses another body, another secret, an old timestamp or a malformed header", () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifySignature(header, `${body} `, secret, 1_700_000_000)).toBe(false);
    expect(verifySignature(header, body, "whsec_other", 1_700_000_000)).toBe(false);
    expect(verifySignature(header, body, secret, 1_700_000_301)).toBe(false);
    expect(verifySignature("v1=abc", body, secret, 1_700_000_000)).toBe(false);
    expect(verifySignature(header.replace("t=1700000000", "t=1700000001"), body, secret, 1_700_000_000)).toBe(
      false,
    );
  });
});
