import { describe, expect, it } from "vitest";
import { findNulCharacter } from "./text-guard.ts";

describe("findNulCharacter", () => {
  it("names the path of a NUL in a nested string or key", () => {
    expect(findNulCharacter({ a: [{ b: "x\u0000y" }] }, "body")).toBe("body.a.0.b");
    expect(findNulCharacter({ "k\u0000": 1 }, "body")).toBe("body.k");
    expect(findNulCharacter({ a: "fine" }, "body")).toBeNull();
  });
});
