import { readNotifications } from "../testing/read-notifications.ts";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchRun, PublishResult } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { programmes, relationships } from "../../db/schema.ts";
import { type Caller, createTestApp, emailsTo, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { growBody } from "../requests/requests.test-support.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { runRegistryOf } from "./bulk-matching.routes.ts";
import { EMAILS_BEFORE_ANSWER } from "./publish-match-run.ts";
import {
  draftOf,
  pairsOf,
  TEST_MATCH_CONFIG,
  programmeWithPeople,
  runsPath,
} from "./match-run.test-helpers.ts";

describe("publishing a bulk-matching draft", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
  });
  afterAll(() => t.close());

  const publish = (programme: ProgrammeRecord, run: MatchRun) =>
    t.app.inject({
      method: "POST",
      url: `${runsPath(orgId, programme.id)}/${run.id}/publish`,
      headers: owner.headers,
    });
  const relationshipsOf = (programme: ProgrammeRecord) =>
    t.database.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.orgId, orgId), eq(relationships.programmeId, programme.id)));

  it("creates exactly the draft's relationships once, even when published twice at the same time", async () => {
    const { programme } = await programmeWithPeople(t, orgId, "race-");
    const run = await draftOf(t, owner, orgId, programme.id);
    const draft = await pairsOf(t, owner, orgId, programme.id, run.id);
    const [first, second] = await Promise.all([publish(programme, run), publish(programme, run)]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses, `${first.body} ${second.body}`).toEqual([200, 409]);
    const winner = (first.statusCode === 200 ? first : second).json() as PublishResult;
    expect(winner).toMatchObject({
      relationshipsCreated: 4,
      peopleNotified: 7,
      programmeStatus: "running",
      run: { status: "published", summary: { matched: 4 } },
    });
    expect(winner.run.publishedAt).not.toBeNull();
    const created = await relationshipsOf(programme);
    expect(created.map((r) => [r.menteeId, r.mentorId]).sort()).toEqual(
      draft.pairs.map((pair) => [pair.mentee.userId, pair.mentor.userId]).sort(),
    );
    for (const relationship of created) {
      expect(relationship).toMatchObject({ status: "proposed", origin: "bulk", matchRunId: run.id });
      const pair = draft.pairs.find((p) => p.mentee.userId === relationship.menteeId)!;
      expect(relationship.score).toBe(pair.score);
      expect(relationship.endsOn).toBe(programme.endsOn);
    }
    const [row] = await t.database.db.select().from(programmes).where(eq(programmes.id, programme.id));
    expect(row.status).toBe("running");
    const again = await publish(programme, run);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already published/);
    expect(await relationshipsOf(programme)).toHaveLength(4);
  });

  it("a publish racing accepted requests keeps one mentor per mentee and every capacity, and never fails with a server error", async () => {
    const { programme, ids } = await programmeWithPeople(t, orgId, "mix-");
    const run = await draftOf(t, owner, orgId, programme.id);
    // Ella asks Paul (full in the draft with Pete and Priya); Pete asks Tara (Ella's in the draft).
    const [ella, pete, paul, tara] = await Promise.all(
      ["ella", "pete", "paul", "tara"].map((name) => signInFixture(t, `mix-${name}@acme.test`)),
    );
    const requests = `/api/orgs/${orgId}/programmes/${programme.id}/requests`;
    const send = async (mentee: Caller, mentorId: string) => {
      const response = await t.app.inject({
        method: "POST",
        url: requests,
        headers: mentee.headers,
        payload: growBody(mentorId),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const ellaToPaul = await send(ella, ids.paul);
    const peteToTara = await send(pete, ids.tara);
    const accept = (mentor: Caller, requestId: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/orgs/${orgId}/requests/${requestId}/accept`,
        headers: mentor.headers,
      });

    const responses = await Promise.all([
      publish(programme, run),
      accept(paul, ellaToPaul),
      accept(tara, peteToTara),
    ]);
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);

    const live = (await relationshipsOf(programme)).filter((r) =>
      ["proposed", "active", "paused"].includes(r.status),
    );
    const perMentee = new Map<string, number>();
    const perMentor = new Map<string, number>();
    for (const r of live) {
      perMentee.set(r.menteeId, (perMentee.get(r.menteeId) ?? 0) + 1);
      perMentor.set(r.mentorId, (perMentor.get(r.mentorId) ?? 0) + 1);
    }
    expect([...perMentee.values()].every((count) => count === 1)).toBe(true);
    expect(perMentor.get(ids.paul) ?? 0).toBeLessThanOrEqual(2);
    expect(perMentor.get(ids.tara) ?? 0).toBeLessThanOrEqual(1);
    // Whatever won, something was created: the publish, or the accepted requests.
    expect(live.length).toBeGreaterThan(0);
  });

  it("tells both sides of every pair in the app and by email, with a link to the relationship", async () => {
    const { programme, ids } = await programmeWithPeople(t, orgId, "mail-");
    const run = await draftOf(t, owner, orgId, programme.id);
    expect((await publish(programme, run)).statusCode).toBe(200);
    const [ellaRelationship] = (await relationshipsOf(programme)).filter((r) => r.menteeId === ids.ella);
    const ellaMail = await emailsTo(t, "mail-ella@acme.test");
    expect(ellaMail).toHaveLength(1);
    expect(ellaMail[0].subject).toBe("You have a mentor: Tara Mentor");
    expect(ellaMail[0].text).toContain(`http://trellis.test/mentoring/relationships/${ellaRelationship.id}`);
    const taraMail = await emailsTo(t, "mail-tara@acme.test");
    expect(taraMail.map((email) => email.subject)).toEqual(["You have a new mentee: Ella Mentee"]);
    expect(await emailsTo(t, "mail-paul@acme.test")).toHaveLength(2);
    expect(await emailsTo(t, "mail-zoe@acme.test")).toHaveLength(0);
    const inApp = await readNotifications(t, orgId, ids.tara, { limit: 10 });
    expect(inApp).toEqual([
      expect.objectContaining({
        kind: "relationship.proposed",
        title: "You have a new mentee: Ella Mentee",
        link: `/mentoring/relationships/${ellaRelationship.id}`,
      }),
    ]);
  });

  it("respects live relationships: a mentor filled since the run makes publishing a 409 that names the pair", async () => {
    const { programme, ids } = await programmeWithPeople(t, orgId, "cap-");
    const run = await draftOf(t, owner, orgId, programme.id);
    // Tara (capacity 1) accepted someone else's request after the run.
    await t.deps.repos.relationships.create({
      orgId,
      programmeId: programme.id,
      menteeId: ids.zoe,
      mentorId: ids.tara,
      origin: "request",
      endsOn: null,
      actorId: ids.tara,
    });
    const refused = await publish(programme, run);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.message).toMatch(/Tara Mentor is over capacity/);
    expect(refused.json().error.details).toEqual([
      { path: `pairs.${ids.ella}`, message: expect.stringMatching(/Tara Mentor is over capacity/) },
    ]);
    expect(await relationshipsOf(programme)).toHaveLength(1);
    // Removing the pair makes it publishable; nothing else was written by the refused attempt.
    const remove = await t.app.inject({
      method: "DELETE",
      url: `${runsPath(orgId, programme.id)}/${run.id}/pairs/${ids.ella}`,
      headers: owner.headers,
    });
    expect(remove.statusCode).toBe(200);
    const published = await publish(programme, run);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().relationshipsCreated).toBe(3);
    expect(await relationshipsOf(programme)).toHaveLength(4);
    expect(await emailsTo(t, "cap-ella@acme.test")).toHaveLength(0);
  });

  it("publishes only drafts, and not an empty one", async () => {
    const { programme, ids } = await programmeWithPeople(t, orgId, "only-");
    const older = await draftOf(t, owner, orgId, programme.id);
    const newer = await draftOf(t, owner, orgId, programme.id);
    const discarded = await publish(programme, older);
    expect(discarded.statusCode).toBe(409);
    expect(discarded.json().error.message).toMatch(/this run is discarded/);
    for (const mentee of [ids.ella, ids.pete, ids.priya, ids.francois]) {
      const response = await t.app.inject({
        method: "DELETE",
        url: `${runsPath(orgId, programme.id)}/${newer.id}/pairs/${mentee}`,
        headers: owner.headers,
      });
      expect(response.statusCode).toBe(200);
    }
    const empty = await publish(programme, newer);
    expect(empty.statusCode).toBe(422);
    expect(await relationshipsOf(programme)).toHaveLength(0);
    const missing = await t.app.inject({
      method: "POST",
      url: `${runsPath(orgId, programme.id)}/00000000-0000-4000-8000-0000000000aa/publish`,
      headers: owner.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("sends a large publish's emails after answering, and all of them", async () => {
    const programme = await createProgramme(t, orgId, {
      name: "Large cohort",
      status: "matching",
      matchConfig: TEST_MATCH_CONFIG as never,
    });
    const size = EMAILS_BEFORE_ANSWER / 2 + 1;
    const en = { languages: ["en"] };
    await addPeople(t, orgId, programme.id, [
      ...Array.from({ length: size }, (_, k) => ({
        email: `big-mentor-${k}@acme.test`,
        role: "mentor" as const,
        profile: en,
      })),
      ...Array.from({ length: size }, (_, k) => ({
        email: `big-mentee-${k}@acme.test`,
        role: "mentee" as const,
        profile: en,
      })),
    ]);
    const run = await draftOf(t, owner, orgId, programme.id);
    const response = await publish(programme, run);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ relationshipsCreated: size, emails: "sending" });
    await runRegistryOf(t.app).idle();
    for (let k = 0; k < size; k += 25) {
      expect(await emailsTo(t, `big-mentor-${k}@acme.test`)).toHaveLength(1);
      expect(await emailsTo(t, `big-mentee-${k}@acme.test`)).toHaveLength(1);
    }
    expect(await relationshipsOf(programme)).toHaveLength(size);
  });

  it("leaves a running programme running", async () => {
    const { programme } = await programmeWithPeople(t, orgId, "run-");
    await t.database.db.update(programmes).set({ status: "running" }).where(eq(programmes.id, programme.id));
    const run = await draftOf(t, owner, orgId, programme.id);
    const response = await publish(programme, run);
    expect(response.json().programmeStatus).toBe("running");
    expect(await relationshipsOf(programme)).toHaveLength(4);
  });
});
