import { describe, expect, it } from "vitest";
import { parseTopic } from "../../contracts/realtime.ts";
import { concerns } from "./realtime.ts";

const RUN = "0b8c1f4e-2a39-4bde-9f3e-111111111111";
const ORG = "5b0c9f4e-2a39-4bde-9f3e-222222222222";
const ME = "5b0c9f4e-2a39-4bde-9f3e-333333333333";

describe("which queries a push concerns", () => {
  it("a thing's topic: the queries whose key names its id", () => {
    expect(concerns([`match-run:${RUN}`], ["org", ORG, "programme", "p", "match-runs", RUN])).toBe(true);
    expect(concerns([`match-run:${RUN}`], ["org", ORG, "programme", "p", "match-runs", "list"])).toBe(false);
  });

  it("about me or my organisation: every query of the organisation, never /api/me", () => {
    expect(concerns([`user:${ME}`], ["org", ORG, "notifications", "unread-count"])).toBe(true);
    expect(concerns([`org:${ORG}`], ["org", ORG, "home"])).toBe(true);
    expect(concerns([`user:${ME}`], ["me"])).toBe(false);
  });

  it("ignores what is not a topic", () => {
    expect(concerns(["weather:today", RUN], ["org", ORG, RUN])).toBe(false);
  });
});

describe("topics", () => {
  it("are a known kind and a lowercase uuid", () => {
    expect(parseTopic(`request:${RUN}`)).toEqual({ kind: "request", id: RUN });
    for (const bad of ["request", `requests:${RUN}`, "request:42", `user:${RUN.toUpperCase()}`, `:${RUN}`])
      expect(parseTopic(bad)).toBeNull();
  });
});
