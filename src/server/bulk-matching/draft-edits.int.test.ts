import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DraftEditResult, MatchRun, MentorOption } from "../../contracts/bulk-matching.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { programmes } from "../../db/schema.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import {
  draftOf,
  pairing,
  pairsOf,
  programmeWithPeople,
  runsPath,
  TEST_MATCH_CONFIG,
} from "./match-run.test-helpers.ts";

describe("editing a bulk-matching draft", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let programme: ProgrammeRecord;
  let ids: Record<string, UserId>;
  let run: MatchRun;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    ({ programme, ids } = await programmeWithPeople(t, orgId));
  });
  afterAll(() => t.close());
  // Every test starts from a fresh draft: Ella-Tara, Pete-Paul, Priya-Paul, Francois-Fleur; Zoe unmatched.
  beforeEach(async () => {
    run = await draftOf(t, owner, orgId, programme.id);
  });

  const base = () => `${runsPath(orgId, programme.id)}/${run.id}`;
  const send = (method: string, path: string, payload?: object) =>
    t.app.inject({
      method: method as "GET",
      url: `${base()}${path}`,
      headers: owner.headers,
      ...(payload ? { payload } : {}),
    });
  const ok = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DraftEditResult;
  };
  const refused = (response: LightMyRequestResponse, status: number, message: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.message).toMatch(message);
  };
  const unmatched = async () => (await send("GET", "/unmatched")).json().people;
  const pairs = async () => pairing(await pairsOf(t, owner, orgId, programme.id, run.id));

  it("locks and unlocks a pair", async () => {
    const locked = ok(await send("PUT", `/pairs/${ids.ella}/lock`));
    expect(locked.pairs).toEqual([
      expect.objectContaining({ locked: true, mentor: expect.objectContaining({ userId: ids.tara }) }),
    ]);
    expect(locked.run.summary?.locked).toBe(1);
    const unlocked = ok(await send("DELETE", `/pairs/${ids.ella}/lock`));
    expect(unlocked.pairs[0].locked).toBe(false);
    expect(unlocked.run.summary?.locked).toBe(0);
    refused(await send("PUT", `/pairs/${ids.zoe}/lock`), 404, /no pair/);
  });

  it("removes a pair: the mentee is unmatched, removed by manager, and the counts follow", async () => {
    const result = ok(await send("DELETE", `/pairs/${ids.pete}`));
    expect(result.run.summary).toMatchObject({ matched: 3, unmatched: 2 });
    expect(result.run.summary?.distribution.reduce((sum, band) => sum + band.count, 0)).toBe(3);
    expect(await unmatched()).toContainEqual({
      userId: ids.pete,
      name: "Pete Mentee",
      reason: "removed by manager",
    });
    refused(await send("DELETE", `/pairs/${ids.pete}`), 404, /no pair/);
  });

  it("refuses to remove or change a locked pair", async () => {
    ok(await send("PUT", `/pairs/${ids.ella}/lock`));
    refused(await send("DELETE", `/pairs/${ids.ella}`), 409, /locked/);
    refused(await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.paul }), 409, /locked/);
    refused(await send("POST", "/swaps", { menteeId: ids.ella, otherMenteeId: ids.pete }), 409, /locked/);
  });

  it("assigns a mentee to a mentor with room, rescored and explained, and marks it manual", async () => {
    ok(await send("DELETE", `/pairs/${ids.ella}`));
    const result = ok(await send("PUT", `/pairs/${ids.pete}`, { mentorId: ids.tara }));
    expect(result.pairs).toEqual([
      expect.objectContaining({
        mentee: { userId: ids.pete, name: "Pete Mentee" },
        mentor: { userId: ids.tara, name: "Tara Mentor" },
        manual: true,
        locked: false,
      }),
    ]);
    // Tara offers TypeScript, Pete wants Python: no skill or topic in common, still allowed.
    expect(result.pairs[0].score).toBe(0);
    expect(result.pairs[0].explanation.find((c) => c.criterion === "shared language")?.passed).toBe(true);
    expect(result.run.summary).toMatchObject({ matched: 3, manual: 1, unmatched: 2 });
    // An unmatched mentee can be given a mentor too (Paul has a place again).
    const ella = ok(await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.paul }));
    expect(ella.pairs[0]).toMatchObject({ score: 0, manual: true });
    expect(ella.run.summary).toMatchObject({ matched: 4, manual: 2, unmatched: 1 });
    expect(await unmatched()).toEqual([expect.objectContaining({ userId: ids.zoe })]);
    expect(await pairs()).toMatchObject({ "Ella Mentee": "Paul Mentor", "Pete Mentee": "Tara Mentor" });
  });

  it("refuses an assignment that breaks a hard rule (422) or a mentor's capacity (409)", async () => {
    refused(
      await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.fleur }),
      422,
      /Fleur Mentor cannot mentor Ella Mentee: excluded by hard rule: shared language/,
    );
    refused(
      await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.paul }),
      409,
      /Paul Mentor is at capacity \(2 of 2 places taken\)/,
    );
    refused(await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.tara }), 409, /already paired/);
    refused(await send("PUT", `/pairs/${ids.ella}`, { mentorId: ids.pete }), 422, /not an active mentor/);
    refused(await send("PUT", `/pairs/${ids.paul}`, { mentorId: ids.tara }), 404, /not part of the draft/);
    expect(await pairs()).toMatchObject({ "Ella Mentee": "Tara Mentor" });
  });

  it("swaps the mentors of two pairs, and refuses a swap that breaks a hard rule", async () => {
    const result = ok(await send("POST", "/swaps", { menteeId: ids.ella, otherMenteeId: ids.pete }));
    expect(pairing({ pairs: result.pairs, total: 2 })).toEqual({
      "Ella Mentee": "Paul Mentor",
      "Pete Mentee": "Tara Mentor",
    });
    expect(result.pairs.every((pair) => pair.manual)).toBe(true);
    expect(result.run.summary).toMatchObject({ matched: 4, manual: 2 });
    refused(
      await send("POST", "/swaps", { menteeId: ids.ella, otherMenteeId: ids.francois }),
      422,
      /cannot mentor/,
    );
    refused(
      await send("POST", "/swaps", { menteeId: ids.pete, otherMenteeId: ids.zoe }),
      404,
      /Both mentees/,
    );
    refused(
      await send("POST", "/swaps", { menteeId: ids.ella, otherMenteeId: ids.ella }),
      400,
      /another mentee/,
    );
    refused(
      await send("POST", "/swaps", { menteeId: ids.ella, otherMenteeId: ids.priya }),
      409,
      /share a mentor/,
    );
  });

  it("lists mentors with a free place, scored for a mentee, best first", async () => {
    const plain = (await send("GET", "/mentors")).json() as { mentors: MentorOption[]; total: number };
    expect(plain.total).toBe(0); // every place is taken
    ok(await send("DELETE", `/pairs/${ids.priya}`));
    ok(await send("DELETE", `/pairs/${ids.ella}`));
    const forPete = (await send("GET", `/mentors?menteeId=${ids.pete}`)).json() as {
      mentors: MentorOption[];
    };
    // Pete's own mentor (Paul) is left out; Tara is free and allowed; Fleur is full.
    expect(forPete.mentors).toEqual([
      expect.objectContaining({ userId: ids.tara, allowed: true, used: 0, capacity: 1, score: 0 }),
    ]);
    const forPriya = (await send("GET", `/mentors?menteeId=${ids.priya}`)).json() as {
      mentors: MentorOption[];
    };
    expect(forPriya.mentors.map((m) => m.name)).toEqual(["Paul Mentor", "Tara Mentor"]);
    expect(forPriya.mentors[0].score).toBeGreaterThan(forPriya.mentors[1].score!);
    const searched = (await send("GET", `/mentors?q=tar`)).json() as { mentors: MentorOption[] };
    expect(searched.mentors.map((m) => m.name)).toEqual(["Tara Mentor"]);
    expect((await send("GET", "/mentors?limit=99")).statusCode).toBe(400);
  });

  it("re-runs keeping the locked pairs of the latest draft", async () => {
    // Make a pair the matcher would not choose, lock it, and re-run keeping locks.
    ok(await send("DELETE", `/pairs/${ids.ella}`));
    ok(await send("PUT", `/pairs/${ids.pete}`, { mentorId: ids.tara }));
    ok(await send("PUT", `/pairs/${ids.pete}/lock`));
    const kept = await draftOf(t, owner, orgId, programme.id, { locks: "keep" });
    expect(kept).toMatchObject({ keepLocks: true, summary: { locksKept: 1, locksDropped: 0, locked: 1 } });
    const keptPairs = await pairsOf(t, owner, orgId, programme.id, kept.id);
    expect(pairing(keptPairs)).toMatchObject({ "Pete Mentee": "Tara Mentor" });
    expect(keptPairs.pairs.find((pair) => pair.mentee.userId === ids.pete)?.locked).toBe(true);
    // Tara's only place is held by the lock: Ella goes to Paul (with Priya).
    expect(pairing(keptPairs)).toMatchObject({ "Ella Mentee": "Paul Mentor", "Priya Mentee": "Paul Mentor" });
    // Without keeping locks the matcher is free again.
    const fresh = await draftOf(t, owner, orgId, programme.id, { locks: "discard" });
    expect(pairing(await pairsOf(t, owner, orgId, programme.id, fresh.id))).toMatchObject({
      "Ella Mentee": "Tara Mentor",
      "Pete Mentee": "Paul Mentor",
    });
  });

  it("keeps a lock's score but not its explanation when the criteria changed since", async () => {
    ok(await send("PUT", `/pairs/${ids.ella}/lock`));
    await t.database.db
      .update(programmes)
      .set({ matchConfig: { criteria: [...TEST_MATCH_CONFIG.criteria, { kind: "goals", weight: 1 }] } })
      .where(eq(programmes.id, programme.id));
    try {
      const kept = await draftOf(t, owner, orgId, programme.id, { locks: "keep" });
      const ella = (await pairsOf(t, owner, orgId, programme.id, kept.id)).pairs.find(
        (pair) => pair.mentee.userId === ids.ella,
      );
      expect(ella).toMatchObject({ locked: true, score: 10_000, explanation: [] });
    } finally {
      await t.database.db
        .update(programmes)
        .set({ matchConfig: TEST_MATCH_CONFIG })
        .where(eq(programmes.id, programme.id));
    }
  });

  it("edits only drafts: a discarded draft answers 409", async () => {
    const older = run;
    run = await draftOf(t, owner, orgId, programme.id);
    const response = await t.app.inject({
      method: "PUT",
      url: `${runsPath(orgId, programme.id)}/${older.id}/pairs/${ids.ella}/lock`,
      headers: owner.headers,
    });
    refused(response, 409, /Only a draft can be changed; this run is discarded/);
  });
});
