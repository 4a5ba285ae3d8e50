import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { mentoringRequests, relationships } from "../../db/schema.ts";
import { createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { call, requestUrl, selfMatchWorld, sendRequest } from "./requests.test-support.ts";

/**
 * Accepting under real concurrency (PostgreSQL; PGlite runs the same calls one at a time). The
 * calls are fired together through app.inject; the database pool lets them overlap.
 */
describe("accepting at once", () => {
  let t: TestApp;
  let orgId: OrgId;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await setUpOwner(t.app)).me.currentOrgId as OrgId;
  });
  afterAll(() => t.close());

  it("20 mentors accepting the same mentee's 20 requests: exactly one relationship, the other 19 withdrawn", async () => {
    const mentors = Array.from({ length: 20 }, (_, k) => ({
      email: `m${k}@one-mentee.test`,
      role: "mentor" as const,
      mentorCapacity: 2,
    }));
    const world = await selfMatchWorld(
      t,
      orgId,
      [...mentors, { email: "e@one-mentee.test", role: "mentee" }],
      {
        pendingRequestCap: 20,
      },
    );
    const requestIds: string[] = [];
    for (let k = 0; k < 20; k++) requestIds.push(await sendRequest(t, world, "e", `m${k}`));

    const responses = await Promise.all(
      requestIds.map((id, k) => call(t, world.callers[`m${k}`], "POST", requestUrl(world, id, "accept"))),
    );
    const codes = responses.map((response) => response.statusCode);
    expect(
      codes.filter((code) => code === 200),
      JSON.stringify(codes),
    ).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(19);
    for (const response of responses.filter((item) => item.statusCode === 409)) {
      expect(response.json().error.details).toEqual([{ path: "request.status", message: "withdrawn" }]);
    }

    const pairs = await t.database.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.programmeId, world.programme.id), eq(relationships.menteeId, world.ids.e)));
    expect(pairs).toHaveLength(1);
    const requests = await t.database.db
      .select()
      .from(mentoringRequests)
      .where(eq(mentoringRequests.programmeId, world.programme.id));
    expect(requests.filter((r) => r.status === "accepted")).toHaveLength(1);
    const withdrawn = requests.filter((r) => r.status === "withdrawn");
    expect(withdrawn).toHaveLength(19);
    expect(new Set(withdrawn.map((r) => r.closeReason))).toEqual(new Set(["matched with another mentor"]));
    expect(requests.find((r) => r.status === "accepted")?.mentorId).toBe(pairs[0].mentorId);
  });

  it("a mentor with capacity 3 accepting 50 requests at once: 3 relationships, 47 declined at capacity", async () => {
    const mentees = Array.from({ length: 50 }, (_, k) => ({
      email: `e${k}@busy.test`,
      role: "mentee" as const,
    }));
    const world = await selfMatchWorld(t, orgId, [
      { email: "m@busy.test", role: "mentor", mentorCapacity: 3 },
      ...mentees,
    ]);
    const requestIds: string[] = [];
    for (let k = 0; k < 50; k++) requestIds.push(await sendRequest(t, world, `e${k}`, "m"));

    const responses = await Promise.all(
      requestIds.map((id) => call(t, world.callers.m, "POST", requestUrl(world, id, "accept"))),
    );
    const codes = responses.map((response) => response.statusCode);
    expect(
      codes.filter((code) => code === 200),
      JSON.stringify(codes),
    ).toHaveLength(3);
    expect(codes.filter((code) => code === 409)).toHaveLength(47);
    for (const response of responses.filter((item) => item.statusCode === 409)) {
      expect(response.json().error.message).toContain("at capacity");
    }

    const live = await t.database.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.programmeId, world.programme.id), eq(relationships.mentorId, world.ids.m)));
    expect(live).toHaveLength(3);
    const requests = await t.database.db
      .select()
      .from(mentoringRequests)
      .where(eq(mentoringRequests.programmeId, world.programme.id));
    expect(requests.filter((r) => r.status === "accepted")).toHaveLength(3);
    const declined = requests.filter((r) => r.status === "declined");
    expect(declined).toHaveLength(47);
    expect(new Set(declined.map((r) => r.closeReason))).toEqual(new Set(["at capacity"]));
  });
});
