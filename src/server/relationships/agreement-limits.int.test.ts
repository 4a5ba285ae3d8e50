import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../core/relationships/agreement.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import {
  agreementBody,
  createPairWorld,
  type PairWorld,
  relationshipCaller,
} from "./relationship.test-helpers.ts";

/** Long text is refused with the limit named, never cut; an agreement cannot outlast its programme. */
describe("limits on what people write", () => {
  let t: TestApp;
  let world: PairWorld;
  let call: ReturnType<typeof relationshipCaller>;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createPairWorld(t);
    call = relationshipCaller(t, world.orgId);
  });
  afterAll(() => t.close());

  const details = (response: { json(): unknown }) =>
    (response.json() as { error: { code: string; details?: { path: string; message: string }[] } }).error;

  it("a 20,000-character confidentiality text is a 400 naming the field and its limit", async () => {
    const pair = await world.newPair();
    const response = await call.put(
      world.mentee,
      pair.id,
      agreementBody(1, addDays(world.programmeEndsOn, -1), { confidentiality: "x".repeat(20_000) }),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(details(response).details).toContainEqual({
      path: "body.confidentiality",
      message: "must be at most 2000 characters",
    });
  });

  it("a fit-check note and an ending reason over their limits name them too", async () => {
    const pair = await world.newPair();
    const fit = await call.post(world.mentee, pair.id, "fit-check", {
      answer: "good",
      note: "n".repeat(1001),
    });
    expect(fit.statusCode, fit.body).toBe(400);
    expect(details(fit).details).toContainEqual({
      path: "body.note",
      message: "must be at most 1000 characters",
    });
    const end = await call.post(world.mentee, pair.id, "end", { reason: "r".repeat(501) });
    expect(end.statusCode, end.body).toBe(400);
    expect(details(end).details).toContainEqual({
      path: "body.reason",
      message: "must be at most 500 characters",
    });
  });

  it("an agreement ending after the programme's end is a 422 naming the end date; the programme's last day is fine", async () => {
    const pair = await world.newPair();
    const beyond = await call.put(world.mentee, pair.id, agreementBody(1, "2031-01-01"));
    expect(beyond.statusCode, beyond.body).toBe(422);
    expect(details(beyond)).toMatchObject({
      code: "domain_rule",
      details: [
        {
          path: "body.endsOn",
          message: `must not be after the programme's end (${pair.endsOn ?? world.programmeEndsOn})`,
        },
      ],
    });
    const lastDay = await call.put(world.mentee, pair.id, agreementBody(1, world.programmeEndsOn));
    expect(lastDay.statusCode, lastDay.body).toBe(200);
  });

  it("a 500-character programme name is refused with its limit, not cut to 120 and saved", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${world.orgId}/programmes`,
      headers: world.owner.headers,
      payload: { name: "N".repeat(500), type: "one_to_one" },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(details(response).details).toContainEqual({
      path: "body.name",
      message: "must be at most 120 characters",
    });
  });
});
