import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchRun, MatchRunSummary } from "../../contracts/bulk-matching.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { addPeople, createProgramme } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { runRegistryOf } from "./bulk-matching.routes.ts";
import {
  draftOf,
  pairing,
  pairsOf,
  programmeWithPeople,
  runsPath,
  startRun,
  TEST_MATCH_CONFIG,
  waitForRun,
} from "./match-run.test-helpers.ts";

describe("bulk-matching runs", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let programme: ProgrammeRecord;
  let ids: Record<string, UserId>;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    ({ programme, ids } = await programmeWithPeople(t, orgId));
  });
  afterAll(() => t.close());

  const get = (url: string, caller = owner) => t.app.inject({ method: "GET", url, headers: caller.headers });

  it("runs the matcher off the request: 202 with the run, progress while it runs, then the draft", async () => {
    const started = await startRun(t, owner, orgId, programme.id, { objective: "participation" });
    expect(started).toMatchObject({ status: "running", objective: "participation", keepLocks: false });
    expect(started.startedByName).toBe("Olivia Owner");
    const whileRunning = (await get(`${runsPath(orgId, programme.id)}/${started.id}`)).json() as MatchRun;
    if (whileRunning.status === "running") {
      expect(whileRunning.progress?.percent).toBeGreaterThanOrEqual(0);
      expect(whileRunning.summary).toBeNull();
    }
    const run = await waitForRun(t, owner, orgId, programme.id, started.id);
    expect(run.status).toBe("draft");
    expect(run.progress).toBeNull();
    expect(run.summary).toMatchObject({
      objective: "participation",
      menteesConsidered: 5,
      mentorsConsidered: 3,
      mentorPlaces: 4,
      matched: 4,
      unmatched: 1,
      matchedByMatcher: 4,
      optimal: true,
      gap: 0,
      locked: 0,
    } satisfies Partial<MatchRunSummary>);
    const summary = run.summary!;
    expect(summary.moreThanGreedy).toBe(summary.matchedByMatcher - summary.greedyMatched);
    expect(summary.distribution).toHaveLength(10);
    expect(summary.distribution.reduce((sum, band) => sum + band.count, 0)).toBe(4);
    expect(summary.meanScore).toBeGreaterThan(0);
    expect(summary.seconds.total).toBeGreaterThan(0);

    const pairs = await pairsOf(t, owner, orgId, programme.id, run.id);
    expect(pairing(pairs)).toEqual({
      "Ella Mentee": "Tara Mentor",
      "Pete Mentee": "Paul Mentor",
      "Priya Mentee": "Paul Mentor",
      "Francois Mentee": "Fleur Mentor",
    });
    const ella = pairs.pairs.find((pair) => pair.mentee.userId === ids.ella)!;
    expect(ella.score).toBe(10_000);
    expect(ella.explanation.map((c) => c.criterion)).toEqual([
      "skills wanted offered",
      "shared topics",
      "shared language",
    ]);
    expect(ella.explanation.every((c) => c.passed)).toBe(true);

    const unmatched = (await get(`${runsPath(orgId, programme.id)}/${run.id}/unmatched`)).json();
    expect(unmatched).toEqual({
      total: 1,
      people: [
        {
          userId: ids.zoe,
          name: "Zoe Mentee",
          reason: expect.stringMatching(
            /^no allowed mentor: every mentor excluded by hard rule: shared language/,
          ),
        },
      ],
    });
  });

  it("pages, sorts by score and filters pairs by either name", async () => {
    const run = await draftOf(t, owner, orgId, programme.id);
    const ascending = await pairsOf(t, owner, orgId, programme.id, run.id, "?sort=score_asc&limit=2");
    expect(ascending.total).toBe(4);
    expect(ascending.pairs).toHaveLength(2);
    const all = await pairsOf(t, owner, orgId, programme.id, run.id, "?sort=score_asc");
    const scores = all.pairs.map((pair) => pair.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const descending = await pairsOf(t, owner, orgId, programme.id, run.id);
    expect(descending.pairs.map((pair) => pair.score)).toEqual([...scores].reverse());
    expect(pairing(await pairsOf(t, owner, orgId, programme.id, run.id, "?q=paul"))).toEqual({
      "Pete Mentee": "Paul Mentor",
      "Priya Mentee": "Paul Mentor",
    });
    expect(pairing(await pairsOf(t, owner, orgId, programme.id, run.id, "?q=ELLA"))).toEqual({
      "Ella Mentee": "Tara Mentor",
    });
    const page2 = await pairsOf(t, owner, orgId, programme.id, run.id, "?sort=mentee&limit=2&offset=2");
    expect(page2.pairs.map((pair) => pair.mentee.name)).toEqual(["Pete Mentee", "Priya Mentee"]);
  });

  it("allows one running run per programme (409), and a new run discards the older draft", async () => {
    const before = await draftOf(t, owner, orgId, programme.id);
    const started = await startRun(t, owner, orgId, programme.id);
    const second = await t.app.inject({
      method: "POST",
      url: runsPath(orgId, programme.id),
      headers: owner.headers,
      payload: {},
    });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().error.code).toBe("conflict");
    await waitForRun(t, owner, orgId, programme.id, started.id);
    const older = (await get(`${runsPath(orgId, programme.id)}/${before.id}`)).json() as MatchRun;
    expect(older.status).toBe("discarded");
    const list = (await get(runsPath(orgId, programme.id))).json() as { runs: MatchRun[] };
    expect(list.runs[0].id).toBe(started.id);
    expect(list.runs.filter((run) => run.status === "draft")).toHaveLength(1);
  });

  it("cancels a running run: nothing is stored, and cancelling again is a 409", async () => {
    const started = await startRun(t, owner, orgId, programme.id);
    const cancel = await t.app.inject({
      method: "POST",
      url: `${runsPath(orgId, programme.id)}/${started.id}/cancel`,
      headers: owner.headers,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: "cancelled", summary: null });
    await runRegistryOf(t.app).idle();
    const after = (await get(`${runsPath(orgId, programme.id)}/${started.id}`)).json() as MatchRun;
    expect(after.status).toBe("cancelled");
    expect((await pairsOf(t, owner, orgId, programme.id, started.id)).total).toBe(0);
    const again = await t.app.inject({
      method: "POST",
      url: `${runsPath(orgId, programme.id)}/${started.id}/cancel`,
      headers: owner.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it("stores nothing for a run cancelled by another server instance (seen at its next write)", async () => {
    const started = await startRun(t, owner, orgId, programme.id);
    // Another instance cancels through the database only: this instance's registry is not told.
    await t.deps.repos.matchRuns.transition({ orgId, runId: started.id }, "running", "cancelled", {
      finishedAt: new Date(),
    });
    await runRegistryOf(t.app).idle();
    const after = (await get(`${runsPath(orgId, programme.id)}/${started.id}`)).json() as MatchRun;
    expect(after).toMatchObject({ status: "cancelled", summary: null });
    expect((await pairsOf(t, owner, orgId, programme.id, started.id)).total).toBe(0);
  });

  it("reports a run whose server died as failed, and lets a new run start", async () => {
    const stale = await t.deps.repos.matchRuns.insert({
      orgId,
      programmeId: programme.id,
      startedBy: owner.me.user.id as UserId,
      progress: {
        phase: "scoring",
        percent: 30,
        heartbeatAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      },
      config: {
        objective: "score",
        keepLocks: false,
        locks: [],
        referenceWeek: "2026-11-16",
        matchConfig: TEST_MATCH_CONFIG as never,
      },
    });
    const read = (await get(`${runsPath(orgId, programme.id)}/${stale.id}`)).json() as MatchRun;
    expect(read).toMatchObject({ status: "failed", error: expect.stringMatching(/stopped/) });
    await draftOf(t, owner, orgId, programme.id);
  });

  it("matches a programme with nobody in it to an empty draft", async () => {
    const empty = await createProgramme(t, orgId, { name: "Empty", status: "matching" });
    const run = await draftOf(t, owner, orgId, empty.id, { objective: "score" });
    expect(run.summary).toMatchObject({ matched: 0, unmatched: 0, menteesConsidered: 0, meanScore: null });
  });

  it("leaves out mentees who already have a mentor and counts the mentor's place as taken", async () => {
    const other = await createProgramme(t, orgId, {
      name: "Second cohort",
      matchConfig: TEST_MATCH_CONFIG as never,
    });
    const people = await addPeople(t, orgId, other.id, [
      { email: "m2@acme.test", role: "mentor", mentorCapacity: 1, profile: { languages: ["en"] } },
      { email: "a2@acme.test", role: "mentee", profile: { languages: ["en"] } },
      { email: "b2@acme.test", role: "mentee", profile: { languages: ["en"] } },
    ]);
    await t.deps.repos.relationships.create({
      orgId,
      programmeId: other.id,
      menteeId: people["a2@acme.test"],
      mentorId: people["m2@acme.test"],
      origin: "admin",
      endsOn: null,
      actorId: null,
    });
    const run = await draftOf(t, owner, orgId, other.id);
    expect(run.summary).toMatchObject({
      alreadyMatched: 1,
      menteesConsidered: 1,
      mentorPlaces: 0,
      matched: 0,
    });
    const unmatched = (await get(`${runsPath(orgId, other.id)}/${run.id}/unmatched`)).json();
    expect(unmatched.people).toEqual([expect.objectContaining({ userId: people["b2@acme.test"] })]);
  });

  it("refuses bad input with 400s naming the field", async () => {
    for (const [payload, path] of [
      [{ objective: "best" }, "body.objective"],
      [{ locks: "yes" }, "body.locks"],
      [{ keepLocks: true }, "body.keepLocks"],
    ] as const) {
      const response = await t.app.inject({
        method: "POST",
        url: runsPath(orgId, programme.id),
        headers: owner.headers,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const run = await draftOf(t, owner, orgId, programme.id);
    for (const query of ["?sort=best", "?limit=0", "?limit=500", "?offset=-1", "?colour=red"]) {
      const response = await get(`${runsPath(orgId, programme.id)}/${run.id}/pairs${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });

  it("refuses a programme that is archived, and one whose criteria are broken (422)", async () => {
    const archived = await createProgramme(t, orgId, { name: "Old", status: "archived" });
    const broken = await createProgramme(t, orgId, {
      name: "Broken",
      matchConfig: { criteria: [{ kind: "vibes", weight: 3 }] } as never,
    });
    for (const target of [archived, broken]) {
      const response = await t.app.inject({
        method: "POST",
        url: runsPath(orgId, target.id),
        headers: owner.headers,
        payload: {},
      });
      expect(response.statusCode, response.body).toBe(422);
    }
  });

  it("is for admins: a member gets 403 on every route", async () => {
    const member = await inviteAndAccept(t, owner, orgId, { email: "member@acme.test", role: "member" });
    const run = await draftOf(t, owner, orgId, programme.id);
    const base = `${runsPath(orgId, programme.id)}/${run.id}`;
    const calls: [string, string, object?][] = [
      ["POST", runsPath(orgId, programme.id), {}],
      ["GET", runsPath(orgId, programme.id)],
      ["GET", base],
      ["GET", `${base}/pairs`],
      ["GET", `${base}/unmatched`],
      ["GET", `${base}/mentors`],
      ["POST", `${base}/cancel`],
      ["PUT", `${base}/pairs/${ids.ella}/lock`],
      ["DELETE", `${base}/pairs/${ids.ella}/lock`],
      ["PUT", `${base}/pairs/${ids.ella}`, { mentorId: ids.paul }],
      ["DELETE", `${base}/pairs/${ids.ella}`],
      ["POST", `${base}/swaps`, { menteeId: ids.ella, otherMenteeId: ids.pete }],
      ["POST", `${base}/publish`],
    ];
    for (const [method, url, payload] of calls) {
      const response = await t.app.inject({
        method: method as "GET",
        url,
        headers: member.headers,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("answers 404 for another organisation's programme or run through this organisation's path", async () => {
    const b = await createSecondOrganisation(t);
    const theirs = await programmeWithPeople(t, b.orgId, "b-");
    const theirRun = await draftOf(t, b.owner, b.orgId, theirs.programme.id);
    const mine = await draftOf(t, owner, orgId, programme.id);
    const viaMyProgramme = `${runsPath(orgId, programme.id)}/${theirRun.id}`;
    const viaTheirProgramme = `${runsPath(orgId, theirs.programme.id)}/${theirRun.id}`;
    const calls: [string, string, object?][] = [
      ["POST", runsPath(orgId, theirs.programme.id), {}],
      ["GET", runsPath(orgId, theirs.programme.id)],
      ["GET", viaMyProgramme],
      ["GET", viaTheirProgramme],
      ["GET", `${viaMyProgramme}/pairs`],
      ["GET", `${viaMyProgramme}/unmatched`],
      ["GET", `${viaMyProgramme}/mentors`],
      ["POST", `${viaMyProgramme}/cancel`],
      ["PUT", `${viaMyProgramme}/pairs/${theirs.ids.ella}/lock`],
      ["DELETE", `${viaMyProgramme}/pairs/${theirs.ids.ella}/lock`],
      ["PUT", `${viaMyProgramme}/pairs/${theirs.ids.ella}`, { mentorId: theirs.ids.paul }],
      ["DELETE", `${viaMyProgramme}/pairs/${theirs.ids.ella}`],
      ["POST", `${viaMyProgramme}/swaps`, { menteeId: theirs.ids.ella, otherMenteeId: theirs.ids.pete }],
      ["POST", `${viaMyProgramme}/publish`],
      ["POST", `${viaTheirProgramme}/publish`],
      // B's people in A's own draft
      ["PUT", `${runsPath(orgId, programme.id)}/${mine.id}/pairs/${theirs.ids.ella}/lock`],
      ["GET", `${runsPath(orgId, programme.id)}/${mine.id}/mentors?menteeId=${theirs.ids.ella}`],
    ];
    for (const [method, url, payload] of calls) {
      const response = await t.app.inject({
        method: method as "GET",
        url,
        headers: owner.headers,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
    }
    const assignTheirMentor = await t.app.inject({
      method: "PUT",
      url: `${runsPath(orgId, programme.id)}/${mine.id}/pairs/${ids.ella}`,
      headers: owner.headers,
      payload: { mentorId: theirs.ids.paul },
    });
    expect(assignTheirMentor.statusCode).toBe(422);
    const untouched = (await get(`${runsPath(b.orgId, theirs.programme.id)}/${theirRun.id}`, b.owner)).json();
    expect(untouched).toMatchObject({ status: "draft", summary: { matched: 4 } });
  });
});
