import { describe, expect, it } from "vitest";
import { paramKind, pathParams, redactUrl } from "../../contracts/url-secrets.ts";
import { paths } from "./routes.tsx";

/**
 * The web app's pages are served by the server's catch-all, whose logs show their URLs. A page
 * with a secret in its path must take that path from contracts/url-secrets.ts, or logs show it.
 */
describe("web page paths and the log redaction", () => {
  it("every page parameter is a secret, an identifier (…Id) or a named value", () => {
    const unclassified = Object.values(paths).flatMap((path) =>
      pathParams(path).filter((name) => paramKind(name) === "unclassified"),
    );
    expect(unclassified).toEqual([]);
  });

  it("every page with a secret in its path is masked in logs", () => {
    for (const path of Object.values(paths)) {
      if (!pathParams(path).some((name) => paramKind(name) === "secret")) continue;
      const url = path.replace(/:(\w+)/g, (_, name: string) =>
        paramKind(name) === "secret" ? "the-secret" : "id1",
      );
      expect(redactUrl(url), path).not.toContain("the-secret");
    }
  });
});
