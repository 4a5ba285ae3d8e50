import { describe, expect, it } from "vitest";
import { parseRealtime } from "../../db/change-feed.ts";
import { isOwnOrigin } from "./realtime.routes.ts";

describe("realtime payloads", () => {
  it("read as a sequence number and topics", () => {
    expect(parseRealtime("42 user:a request:b")).toEqual({ seq: 42, topics: ["user:a", "request:b"] });
  });

  it("anything else is ignored", () => {
    for (const payload of ["", "42", "x user:a", "0 user:a", "-1 user:a", "42  user:a", "4.5 user:a"])
      expect(parseRealtime(payload), payload).toBeNull();
  });
});

describe("our own Origin", () => {
  const PUBLIC = "https://trellis.example.org";

  it("is the public URL's origin, or the origin of the Host asked", () => {
    expect(isOwnOrigin("https://trellis.example.org", "10.0.0.5:3000", PUBLIC)).toBe(true);
    expect(isOwnOrigin("http://localhost:5173", "localhost:5173", PUBLIC)).toBe(true);
  });

  it("refuses another site, a look-alike, a missing or a malformed Origin", () => {
    expect(isOwnOrigin("https://evil.example", "trellis.example.org", PUBLIC)).toBe(false);
    expect(isOwnOrigin("https://trellis.example.org.evil.example", "x", PUBLIC)).toBe(false);
    expect(isOwnOrigin("http://trellis.example.org", undefined, PUBLIC)).toBe(false);
    expect(isOwnOrigin(undefined, "trellis.example.org", PUBLIC)).toBe(false);
    expect(isOwnOrigin("null", "trellis.example.org", PUBLIC)).toBe(false);
  });
});
