import { describe, expect, it } from "vitest";
import { maskLinkSecrets } from "./mask-link-secrets.ts";

describe("maskLinkSecrets", () => {
  it("hides token values in text and HTML links, and leaves other links alone", () => {
    expect(maskLinkSecrets("Open http://t.test/reset-password?token=abc_DEF-123 now")).toBe(
      "Open http://t.test/reset-password?token=[hidden] now",
    );
    expect(maskLinkSecrets('<a href="http://t.test/verify-email?x=1&amp;token=abc">x</a>')).toBe(
      '<a href="http://t.test/verify-email?x=1&amp;token=[hidden]">x</a>',
    );
    expect(maskLinkSecrets("http://t.test/invitations/abc")).toBe("http://t.test/invitations/abc");
  });
});
