import { describe, expect, it } from "vitest";
import { routes } from "./routes.ts";
import { knownPathPatterns, paramKind, pathParams, redactUrl, secretPagePaths } from "./url-secrets.ts";

describe("secrets in URLs", () => {
  it("every path parameter of every route and page is a secret, an identifier (…Id) or a named value", () => {
    const unclassified = knownPathPatterns().flatMap((pattern) =>
      pathParams(pattern)
        .filter((name) => paramKind(name) === "unclassified")
        .map((name) => `${pattern} :${name}`),
    );
    expect(unclassified, "name it …Id, or add it to SECRET_PATH_PARAMS or NAMED_PATH_PARAMS").toEqual([]);
  });

  it("masks the secret of every secret-bearing route and page, however it is spelled", () => {
    const patterns = knownPathPatterns().filter((pattern) =>
      pathParams(pattern).some((name) => paramKind(name) === "secret"),
    );
    expect(patterns).toEqual(
      expect.arrayContaining([
        "/api/invitations/:token",
        "/api/join/:token",
        ...Object.values(secretPagePaths),
      ]),
    );
    for (const pattern of patterns) {
      const url = pattern.replace(/:(\w+)/g, (_, name: string) =>
        paramKind(name) === "secret" ? "s3cr3t-T0ken_value" : "00000000-0000-4000-8000-000000000001",
      );
      for (const spelling of [url, `${url}/`, `${url}?x=1`, url.toUpperCase(), url.replace("/", "//")]) {
        expect(redactUrl(spelling).toLowerCase(), spelling).not.toContain("s3cr3t-t0ken_value");
      }
    }
  });

  it("masks secret query values and leaves everything else as it was", () => {
    expect(redactUrl("/reset-password?token=abc&x=1")).toBe("/reset-password?token=[redacted]&x=1");
    expect(redactUrl("/oauth?CODE=abc")).toBe("/oauth?CODE=[redacted]");
    expect(redactUrl("/api/orgs/o1/members?q=ann")).toBe("/api/orgs/o1/members?q=ann");
    expect(redactUrl("/join/abc/extra")).toBe("/join/[redacted]/extra");
    expect(redactUrl("/api/invitations/abc/accept")).toBe("/api/invitations/[redacted]/accept");
    expect(redactUrl("/%4Aoin/abc")).toBe("/%4Aoin/[redacted]");
  });

  it("the route table has the routes this rule was written for", () => {
    expect(Object.values(routes).some((contract) => contract.path === "/api/join/:token")).toBe(true);
  });
});
