import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from "./totp.ts";

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors (last 6 digits of the 8-digit values)", () => {
    const vectors: [number, string][] = [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
      [20000000000, "353130"],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it("matches the RFC 4226 HOTP vectors", () => {
    expect(hotp(RFC_SECRET, 0)).toBe("755224");
    expect(hotp(RFC_SECRET, 9)).toBe("520489");
  });

  it("base32 round-trips", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
  });

  it("accepts one step either side and refuses two", () => {
    const now = new Date("2026-12-08T10:00:10Z");
    const step = totpStep(now);
    const at = (offset: number) => hotp(RFC_SECRET, step + offset);
    expect(matchTotp(RFC_SECRET, at(0), now, null)).toBe(step);
    expect(matchTotp(RFC_SECRET, at(-1), now, null)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, at(1), now, null)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, at(-2), now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, at(2), now, null)).toBeNull();
  });

  it("refuses a code of the last used step or earlier", () => {
    const now = new Date("2026-12-08T10:00:10Z");
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, step - 1)).toBeNull();
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it("refuses what is not six digits", () => {
    expect(matchTotp(RFC_SECRET, "12345", new Date(), null)).toBeNull();
    expect(matchTotp(RFC_SECRET, "abcdef", new Date(), null)).toBeNull();
  });

  it("writes an otpauth URI apps read", () => {
    const uri = otpauthUri("JBSWY3DPEHPK3PXP", "ann@example.test", "Trellis");
    expect(uri).toBe(
      "otpauth://totp/Trellis:ann%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Trellis&algorithm=SHA1&digits=6&period=30",
    );
  });
});
