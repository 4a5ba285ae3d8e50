import { describe, expect, it } from "vitest";
import { findNulCharacter, findTextProblem, MAX_NESTING_DEPTH } from "./text-guard.ts";

/** `depth` arrays inside one another, built without recursion. */
function nested(depth: number, inner: unknown = 1): unknown {
  let value: unknown = inner;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe("findNulCharacter", () => {
  it("names the path of a NUL in a nested string or key", () => {
    expect(findNulCharacter({ a: [{ b: "x\u0000y" }] }, "body")).toBe("body.a.0.b");
    expect(findNulCharacter({ "k\u0000": 1 }, "body")).toBe("body.k");
    expect(findNulCharacter({ a: "fine" }, "body")).toBeNull();
  });

  it("reports the first NUL in document order", () => {
    expect(findNulCharacter({ a: ["ok", "b\u0000"], c: "d\u0000" }, "body")).toBe("body.a.1");
  });
});

describe("findTextProblem", () => {
  it("accepts nesting up to the limit and refuses one level more", () => {
    expect(findTextProblem(nested(MAX_NESTING_DEPTH), "body")).toBeNull();
    expect(findTextProblem(nested(MAX_NESTING_DEPTH + 1), "body")).toEqual({
      path: "body",
      message: `nests deeper than ${MAX_NESTING_DEPTH} levels`,
    });
  });

  it("walks a million levels without overflowing the stack (it refuses them)", () => {
    expect(findTextProblem(nested(1_000_000), "body")?.message).toMatch(/deeper/);
  });

  it("finds a NUL just inside the limit", () => {
    expect(findTextProblem(nested(10, "a\u0000"), "body")?.path).toBe(`body${".0".repeat(10)}`);
  });
});
