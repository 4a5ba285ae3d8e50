import { describe, expect, it } from "vitest";
import { overLimitError } from "./character-count.tsx";

describe("a text field over its limit", () => {
  it("says so in the server's words, naming the limit", () => {
    expect(overLimitError(500, 120)).toBe("must be at most 120 characters");
  });

  it("is quiet at the limit, under it, or without one", () => {
    expect(overLimitError(120, 120)).toBeUndefined();
    expect(overLimitError(3, 120)).toBeUndefined();
    expect(overLimitError(20_000, undefined)).toBeUndefined();
  });
});
