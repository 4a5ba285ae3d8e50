import { describe, expect, it } from "vitest";
import { afterFailedAttempt, isPermanentSmtpFailure, MAX_DELIVERY_ATTEMPTS } from "./delivery.ts";

describe("afterFailedAttempt", () => {
  const now = new Date("2027-01-01T12:00:00Z");
  it("retries after 1 min, 5 min, 30 min and 2 h, then fails", () => {
    const next = [1, 2, 3, 4].map((attempts) =>
      afterFailedAttempt({ attempts, now, permanent: false }).nextAttemptAt?.toISOString(),
    );
    expect(next).toEqual([
      "2027-01-01T12:01:00.000Z",
      "2027-01-01T12:05:00.000Z",
      "2027-01-01T12:30:00.000Z",
      "2027-01-01T14:00:00.000Z",
    ]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(5);
    expect(afterFailedAttempt({ attempts: 5, now, permanent: false })).toEqual({
      state: "failed",
      nextAttemptAt: null,
    });
  });

  it("a permanent refusal fails at once", () => {
    expect(afterFailedAttempt({ attempts: 1, now, permanent: true }).state).toBe("failed");
  });
});

describe("isPermanentSmtpFailure", () => {
  it("5xx is permanent; 4xx and no answer (connection refused) are not", () => {
    expect(isPermanentSmtpFailure(550)).toBe(true);
    expect(isPermanentSmtpFailure(451)).toBe(false);
    expect(isPermanentSmtpFailure(undefined)).toBe(false);
  });
});
