import { describe, expect, it } from "vitest";
import { PAGE_PATTERNS, pages } from "./pages.ts";

const ID = "0b8c3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

/** The path a pattern gives with every parameter set to `value`. */
const fill = (pattern: string, value: string) => pattern.replace(/:\w+/g, value);

describe("page paths", () => {
  it("each builder gives its router pattern with the ids filled in", () => {
    for (const [name, build] of Object.entries(pages) as [keyof typeof pages, (id: string) => string][])
      expect(build(ID).split("?")[0], name).toBe(fill(PAGE_PATTERNS[name], ID));
  });

  it("encodes what it is given and adds a participants filter only when asked", () => {
    expect(pages.request("a/b")).toBe("/mentoring/requests/a%2Fb");
    expect(pages.programmeParticipants(ID)).toBe(`/programmes/${ID}/participants`);
    expect(pages.programmeParticipants(ID, "pending_approval")).toBe(
      `/programmes/${ID}/participants?status=pending_approval`,
    );
  });
});
