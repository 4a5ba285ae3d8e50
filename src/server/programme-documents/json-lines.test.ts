import { describe, expect, it } from "vitest";
import { jsonLines, lineAndColumn, lineOf } from "./json-lines.ts";

describe("jsonLines", () => {
  const text = `{
  "format": "trellis-programme",
  "programme": {
    "name": "A \\"quoted\\" name",
    "registrationForm": [
      { "id": "q1" },
      {
        "id": "q2",
        "label": ""
      }
    ]
  }
}`;
  it("names the line each value starts on", () => {
    const lines = jsonLines(text);
    expect(lines.get("")).toBe(1);
    expect(lines.get("format")).toBe(2);
    expect(lines.get("programme.name")).toBe(4);
    expect(lines.get("programme.registrationForm.0")).toBe(6);
    expect(lines.get("programme.registrationForm.1")).toBe(7);
    expect(lines.get("programme.registrationForm.1.label")).toBe(9);
  });
  it("falls back to the nearest ancestor for a missing key", () => {
    expect(lineOf(jsonLines(text), ["programme", "registrationForm", 0, "label"])).toBe(6);
  });
  it("turns an offset into a line and column", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
