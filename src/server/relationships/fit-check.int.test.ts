import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MyMentoring, Relationship } from "../../contracts/relationships.ts";
import { addDays, isoDay } from "../../core/relationships/agreement.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { createTestApp, emailsTo, movableClock, type TestApp } from "../testing/test-app.ts";
import { remindDueFitChecks } from "./fit-check-reminders.job.ts";
import { createPairWorld, type PairWorld, relationshipCaller } from "./relationship.test-helpers.ts";

describe("the fit check", () => {
  const clock = movableClock();
  let t: TestApp;
  let world: PairWorld;
  let call: ReturnType<typeof relationshipCaller>;

  // A fresh app per test: sessions would expire as the clock moves on by weeks.
  beforeEach(async () => {
    t = await createTestApp({}, { now: clock.now });
    world = await createPairWorld(t);
    call = relationshipCaller(t, world.orgId);
  });
  afterEach(() => t.close());

  /** A pair in the world's own programme (where both are enrolled), started today. */
  const startPair = async () => {
    const pair = await world.newPair({ programmeId: world.programme.id as ProgrammeId });
    for (const caller of [world.mentee, world.mentor])
      await call.post(caller, pair.id, "agreement/confirm", { version: 1 });
    return pair;
  };
  const myMentoring = async (caller = world.mentee) =>
    (
      await t.app.inject({
        method: "GET",
        url: `/api/orgs/${world.orgId}/mentoring`,
        headers: caller.headers,
      })
    ).json() as MyMentoring;

  it("opens three weeks after the start: before that an answer is a 409 naming the day", async () => {
    const pair = await startPair();
    const dueOn = addDays(isoDay(clock.now()), 21);
    const early = await call.post(world.mentee, pair.id, "fit-check", { answer: "good" });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.message).toMatch(/^The fit check opens on /);
    expect((await call.get(world.mentee, pair.id)).json()).toMatchObject({
      fitCheck: { dueOn },
      viewer: { fitCheckDue: false },
    });
    expect((await myMentoring()).relationships[0]).toMatchObject({
      fitCheckDue: false,
      fitCheckDueOn: dueOn,
    });

    clock.advanceDays(21);
    expect((await call.get(world.mentee, pair.id)).json().viewer.fitCheckDue).toBe(true);
    const mine = await myMentoring();
    expect(mine.relationships[0]).toMatchObject({ id: pair.id, fitCheckDue: true });
    expect(mine.nextSteps).toContainEqual({
      kind: "fit_check",
      text: "How is it going with Marco Mentor? Answer the fit check.",
      link: `/mentoring/relationships/${pair.id}`,
      relationshipId: pair.id,
    });

    const bad = await call.post(world.mentee, pair.id, "fit-check", { answer: "maybe" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe("body.answer");
    const long = await call.post(world.mentee, pair.id, "fit-check", {
      answer: "good",
      note: "x".repeat(1001),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].path).toBe("body.note");

    const good = await call.post(world.mentee, pair.id, "fit-check", { answer: "good", note: "Great start" });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      status: "active",
      fitCheck: { menteeAnswer: "good", mentorAnswer: null, menteeNote: "Great start" },
      viewer: { fitCheckDue: false },
    });
    expect((await call.get(world.mentor, pair.id)).json().viewer.fitCheckDue).toBe(true);
    const twice = await call.post(world.mentee, pair.id, "fit-check", { answer: "end" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe("You have already answered the fit check.");

    // Managers see the answers (states), never the notes.
    expect((await call.get(world.owner, pair.id)).json().fitCheck).toEqual({
      dueOn,
      menteeAnswer: "good",
      mentorAnswer: null,
      menteeNote: null,
      mentorNote: null,
    });
    await call.post(world.mentor, pair.id, "fit-check", { answer: "good" });
    await call.post(world.mentee, pair.id, "complete");
  });

  it("'end' from either side ends the pair early, and the mentee can be matched again", async () => {
    const pair = await startPair();
    clock.advanceDays(21);
    const response = await call.post(world.mentor, pair.id, "fit-check", {
      answer: "end",
      note: "Our schedules never line up",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json() as Relationship).toMatchObject({
      status: "ended_early",
      endReason: "fit check",
      endedByName: "Marco Mentor",
      fitCheck: { mentorAnswer: "end", mentorNote: "Our schedules never line up" },
      viewer: { actions: [], fitCheckDue: false },
    });
    const history = (await call.get(world.owner, pair.id, "history")).json().events;
    expect(history.at(-1)).toMatchObject({
      kind: "ended_early",
      fromStatus: "active",
      toStatus: "ended_early",
      actorName: "Marco Mentor",
      detail: "fit check",
    });
    expect(JSON.stringify(history)).not.toContain("schedules");

    const email = (await emailsTo(t, "mia@acme.test"))[0];
    expect(email.subject).toBe("Marco Mentor ended your mentoring at the fit check");
    expect(email.text).toContain("“Our schedules never line up”");
    expect(email.text).toContain("You can be matched with another mentor");

    // Matchable again: the enrolment stays active, and this pair is one that met before.
    const repos = t.deps.repos;
    const enrolment = await repos.enrolments.findForUser(
      world.orgId,
      world.programme.id,
      world.mentee.userId,
    );
    expect(enrolment?.status).toBe("active");
    const active = await repos.participants.listActive(world.orgId, world.programme.id);
    expect(active.map((person) => person.userId)).toContain(world.mentee.userId);
    const pairs = await repos.participants.pairs(world.orgId, world.programme.id);
    expect(pairs.existing).not.toContainEqual([world.mentee.userId, world.mentor.userId]);
    expect(pairs.earlier).toContainEqual([world.mentee.userId, world.mentor.userId]);
    const next = await myMentoring();
    expect(next.nextSteps.map((step) => step.kind)).toContain("find_mentor");
  });

  it("is only for active pairs: a proposed or paused pair gets a 409", async () => {
    const pair = await world.newPair();
    const paused = await startPair();
    clock.advanceDays(22);
    const proposed = await call.post(world.mentee, pair.id, "fit-check", { answer: "end" });
    expect(proposed.statusCode).toBe(409);
    expect(proposed.json().error.message).toBe("The fit check is for active relationships.");
    await call.post(world.mentor, paused.id, "pause", {});
    expect((await call.post(world.mentee, paused.id, "fit-check", { answer: "good" })).statusCode).toBe(409);
  });

  it("a sweep tells both sides once when the fit check opens (only those who have not answered)", async () => {
    const pair = await startPair();
    const other = await world.newPair();
    for (const caller of [world.mentee, world.mentor])
      await call.post(caller, other.id, "agreement/confirm", { version: 1 });
    expect(await remindDueFitChecks(t.deps)).toBe(0);

    clock.advanceDays(21);
    await call.post(world.mentor, other.id, "fit-check", { answer: "good" });
    const before = (await emailsTo(t, "mia@acme.test")).length;
    expect(await remindDueFitChecks(t.deps)).toBe(2);
    expect(await remindDueFitChecks(t.deps)).toBe(0);

    const allToMentee = await emailsTo(t, "mia@acme.test");
    const menteeEmails = allToMentee.slice(0, allToMentee.length - before);
    expect(menteeEmails.map((email) => email.subject)).toEqual([
      "How is your mentoring with Marco Mentor going?",
      "How is your mentoring with Marco Mentor going?",
    ]);
    const mentorReminders = (await emailsTo(t, "marco@acme.test")).filter((email) =>
      email.subject.startsWith("How is your mentoring"),
    );
    expect(mentorReminders).toHaveLength(1);
    expect(menteeEmails[0].text).toContain(`/mentoring/relationships/`);
    const events = (await call.get(world.owner, pair.id, "history")).json().events;
    expect(events.filter((event: { kind: string }) => event.kind === "fit_check_due")).toHaveLength(1);
  });
});
