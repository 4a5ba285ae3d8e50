import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("toCsv", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    const text = toCsv(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        ["=1+1", "line\nbreak"],
        [null, 3],
        ["-2", "@me"],
      ],
    )
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    expect(text).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,"line\nbreak"\r\n,3\r\n\'-2,\'@me\r\n');
  });
  it("starts with a byte order mark", () => {
    expect([...toCsv(["é"], []).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
