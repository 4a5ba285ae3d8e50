import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RouteContract } from "../../contracts/routes.ts";
import { allRoutes, fillPath, sampleBody, samplePathIds } from "../testing/route-samples.ts";
import { type Caller, createTestApp, invite, setUpOwner, type TestApp } from "../testing/test-app.ts";

const writeRoutes = allRoutes.filter(([, contract]) => contract.method !== "GET");
const bodyRoutes = allRoutes.filter(([, contract]) => contract.body !== undefined);

/** The fields of a route's body schema (every body in the table is a zod object). */
function bodyFields(contract: RouteContract): [string, z.ZodType][] {
  const body = contract.body as z.ZodObject;
  return Object.entries(body.shape);
}

describe("bad input on every route", () => {
  let t: TestApp;
  let owner: Caller;
  let values: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    const pending = await invite(t, owner, owner.me.currentOrgId!, {
      email: "pending@acme.test",
      role: "member",
    });
    values = {
      ...samplePathIds,
      orgId: owner.me.currentOrgId!,
      userId: owner.me.user.id,
      invitationId: pending.invitation.id,
      sessionId: "00000000-0000-4000-8000-000000000000",
      token: pending.token,
    };
  });
  afterAll(() => t.close());

  const send = (contract: RouteContract, payload: string, params = values) =>
    t.app.inject({
      method: contract.method,
      url: fillPath(contract.path, params),
      headers: { ...owner.headers, "content-type": "application/json" },
      payload,
    });

  const expect400 = (
    response: { statusCode: number; body: string; json(): unknown },
    path: string,
    what: string,
  ) => {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    const envelope = response.json() as { error: { code: string; details?: { path: string }[] } };
    expect(envelope.error.code, what).toBe("validation_failed");
    // The field itself, or a part of it (a list's bad item: body.roles.0).
    const paths = envelope.error.details?.map((detail) => detail.path) ?? [];
    expect(
      paths.some((named) => named === path || named.startsWith(`${path}.`)),
      `${what}: named ${paths.join(", ")}`,
    ).toBe(true);
  };

  it("every route with a body has a valid sample body", () => {
    for (const [name, contract] of bodyRoutes) {
      const parsed = (contract.body as z.ZodType).safeParse(sampleBody(name));
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("a missing required field is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        if (schema.safeParse(undefined).success) continue;
        const { [field]: _dropped, ...rest } = sampleBody(name) as Record<string, unknown>;
        expect400(await send(contract, JSON.stringify(rest)), `body.${field}`, `${name} without ${field}`);
      }
    }
  });

  it("a field of the wrong type is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        for (const wrong of [12345, true, { nested: "object" }, ["a"]]) {
          // A value of the field's own type is not wrong (true for a boolean field).
          if (schema.safeParse(wrong).success) continue;
          const payload = { ...(sampleBody(name) as object), [field]: wrong };
          expect400(
            await send(contract, JSON.stringify(payload)),
            `body.${field}`,
            `${name}.${field} = ${JSON.stringify(wrong)}`,
          );
        }
      }
    }
  });

  it("an oversized string is a 400 naming body.<field>", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        // 20 kB is over every short field's limit; a field declared longer (a pasted programme
        // document) gets one character over its own declared limit.
        const limit = Math.max(20_000, declaredMaxLength(schema) ?? 0);
        const huge = `${"x".repeat(limit)}@example.test`;
        if (schema.safeParse(huge).success)
          throw new Error(`${name}.${field} accepts ${huge.length} characters`);
        const payload = { ...(sampleBody(name) as object), [field]: huge };
        expect400(
          await send(contract, JSON.stringify(payload)),
          `body.${field}`,
          `${name}.${field} oversized`,
        );
      }
    }
  });

  it("an unknown field is a 400 naming it", async () => {
    for (const [name, contract] of bodyRoutes) {
      const payload = { ...(sampleBody(name) as object), isAdmin: true };
      expect400(await send(contract, JSON.stringify(payload)), "body.isAdmin", `${name} with isAdmin`);
    }
  });

  it("malformed JSON, an empty body, or a body that is not an object is a 400 on body", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const payload of ['{"email": ', "", "[]", '"text"', "null", "42"]) {
        expect400(await send(contract, payload), "body", `${name} with ${JSON.stringify(payload)}`);
      }
    }
  });

  it("text that PostgreSQL cannot store (a NUL character) is a 400, not a 500", async () => {
    for (const [name, contract] of bodyRoutes) {
      for (const [field, schema] of bodyFields(contract)) {
        const sample = (sampleBody(name) as Record<string, unknown>)[field];
        if (typeof sample !== "string") continue;
        const poisoned = `${sample.slice(0, 5)}\u0000${sample.slice(5)}`;
        const response = await send(
          contract,
          JSON.stringify({ ...(sampleBody(name) as object), [field]: poisoned }),
        );
        if (schema.safeParse(poisoned).success) {
          expect(response.statusCode, `${name}.${field} with NUL: ${response.body}`).toBeLessThan(500);
        }
        if (response.statusCode === 400) {
          expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(
            `body.${field}`,
          );
        }
      }
    }
    const search = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${values.orgId}/members?q=a%00b`,
      headers: owner.headers,
    });
    expect400(search, "query.q", "member search with NUL");
  });

  it("a malformed path parameter is a 400 naming params.<name>", async () => {
    for (const [name, contract] of allRoutes) {
      for (const param of contract.path.match(/:(\w+)/g) ?? []) {
        const key = param.slice(1);
        for (const bad of ["not-an-id", "x".repeat(250)]) {
          const response = await t.app.inject({
            method: contract.method,
            url: fillPath(contract.path, { ...values, [key]: bad }),
            headers: owner.headers,
            ...(contract.body ? { payload: sampleBody(name as never) as object } : {}),
          });
          expect400(response, `params.${key}`, `${name} with :${key} = ${bad.slice(0, 12)}`);
        }
      }
    }
  });

  it("bad query parameters on the member list are 400s naming query.<name>", async () => {
    const cases: [string, string][] = [
      ["limit=abc", "query.limit"],
      ["limit=0", "query.limit"],
      ["limit=100000", "query.limit"],
      ["offset=-1", "query.offset"],
      ["offset=1.5", "query.offset"],
      ["role=boss", "query.role"],
      ["status=gone", "query.status"],
      [`q=${"x".repeat(201)}`, "query.q"],
      ["q=a&q=b", "query.q"],
      ["bogus=1", "query.bogus"],
    ];
    for (const [query, path] of cases) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/orgs/${values.orgId}/members?${query}`,
        headers: owner.headers,
      });
      expect400(response, path, query);
    }
  });

  it("a URL that does not decode is a 400 with the envelope", async () => {
    for (const url of ["/api/invitations/%E0%A4%A", `/api/invitations/${"t".repeat(5000)}`]) {
      const response = await t.app.inject({ method: "GET", url });
      expect400(response, "params", url.slice(0, 30));
    }
  });

  it("a body that is not JSON is refused with the envelope (400 or 415), and a huge one with 413", async () => {
    const [, signInRoute] = allRoutes.find(([name]) => name === "signIn")!;
    const text = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "text/plain" },
      payload: "email=a&password=b",
    });
    expect400(text, "body", "text/plain body");
    const xml = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "application/xml" },
      payload: "<email>a</email>",
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe("unsupported_media_type");
    const huge = await t.app.inject({
      method: "POST",
      url: signInRoute.path,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@b.test", password: "x".repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
  });

  it("random JSON bodies on every write route never cause a 500 (property)", async () => {
    const keysOf = (contract: RouteContract) =>
      contract.body ? bodyFields(contract).map(([key]) => key) : ["x"];
    for (const [name, contract] of writeRoutes) {
      if (name === "setup") continue; // would succeed never (already set up) but costs a hash each time
      const keys = keysOf(contract);
      const bodyArbitrary = fc.oneof(
        fc.jsonValue(),
        fc.dictionary(fc.constantFrom(...keys, "extra"), fc.jsonValue()),
        fc.record(
          Object.fromEntries(
            keys.map((key) => [key, fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer())]),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(bodyArbitrary, async (body) => {
          const response = await send(contract, JSON.stringify(body));
          expect(response.statusCode, `${name} ${JSON.stringify(body)}: ${response.body}`).toBeLessThan(500);
          if (response.statusCode === 400) {
            for (const detail of response.json().error.details ?? [])
              expect(detail.path).toMatch(/^body(\.|$)/);
          }
        }),
        { numRuns: 25 },
      );
    }
    // 25 bodies for each of ~150 write routes: its time grows with the route table, not a hang.
  }, 180_000);
});

/** The `.max()` of a string schema, through optional/nullable wrappers; null when it has none. */
function declaredMaxLength(schema: unknown): number | null {
  let current = schema as { maxLength?: number | null; unwrap?: () => unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.maxLength === "number") return current.maxLength;
    if (typeof current.unwrap !== "function") return null;
    current = current.unwrap() as typeof current;
  }
  return null;
}
