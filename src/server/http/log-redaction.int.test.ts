import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paramKind, pathParams, secretPagePaths } from "../../contracts/url-secrets.ts";
import { allRoutes, fillPath, sampleBody, samplePathIds } from "../testing/route-samples.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

const hasSecret = (pattern: string) => pathParams(pattern).some((name) => paramKind(name) === "secret");

/**
 * Walks every token-bearing route of the contract table and every token-bearing page the web app
 * serves, through the real app with its real logger, and reads what was logged: no secret may
 * appear, at the default level or at trace.
 */
describe.each(["info", "trace"] as const)("secrets in logged URLs (level %s)", (logLevel) => {
  let t: TestApp;
  let owner: Caller;
  let webRoot: string;
  const lines: string[] = [];
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), "trellis-web-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Trellis</title>");
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await createTestApp({ logLevel }, { logStream: stream, webRoot });
    owner = await setUpOwner(t.app);
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const secretRoutes = allRoutes.filter(([, contract]) => hasSecret(contract.path));
  const secretPages = Object.values(secretPagePaths);

  it("the walk covers the routes and pages that carry tokens", () => {
    expect(secretRoutes.map(([, contract]) => contract.path)).toEqual(
      expect.arrayContaining([
        "/api/invitations/:token",
        "/api/invitations/:token/accept",
        "/api/join/:token",
      ]),
    );
    expect(secretPages).toEqual(expect.arrayContaining(["/invitations/:token", "/join/:token"]));
  });

  it("no token of any route or page reaches the log", async () => {
    const sent: { url: string; token: string }[] = [];
    const fill = (pattern: string) => {
      const token = randomBytes(32).toString("base64url");
      const values: Record<string, string> = { ...samplePathIds, orgId: owner.me.currentOrgId as string };
      for (const name of pathParams(pattern)) if (paramKind(name) === "secret") values[name] = token;
      return { url: fillPath(pattern, values), token };
    };
    for (const [name, contract] of secretRoutes) {
      const { url, token } = fill(contract.path);
      sent.push({ url, token });
      await t.app.inject({
        method: contract.method,
        url,
        headers: owner.headers,
        ...(contract.body ? { payload: sampleBody(name) as object } : {}),
      });
    }
    for (const page of secretPages) {
      for (const spell of [
        (u: string) => u,
        (u: string) => `${u}?from=email`,
        (u: string) => u.toUpperCase(),
      ]) {
        const { url, token } = fill(page);
        const spelled = spell(url).replace(token.toUpperCase(), token);
        sent.push({ url: spelled, token });
        const response = await t.app.inject({
          method: "GET",
          url: spelled,
          headers: { accept: "text/html" },
        });
        expect(response.statusCode, spelled).toBe(200);
      }
    }
    const log = lines.join("");
    expect(log).toContain("[redacted]");
    for (const { url, token } of sent) {
      expect(log.includes(token), `the log shows the token of ${url.replace(token, "<token>")}`).toBe(false);
    }
  });
});
