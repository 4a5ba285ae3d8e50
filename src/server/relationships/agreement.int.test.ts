import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Relationship, RelationshipEvent } from "../../contracts/relationships.ts";
import { addDays, isoDay } from "../../core/relationships/agreement.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { createProgramme } from "../testing/programme-fixtures.ts";
import { createTestApp, emailsTo, type TestApp } from "../testing/test-app.ts";
import {
  agreementBody,
  createPairWorld,
  type PairWorld,
  relationshipCaller,
} from "./relationship.test-helpers.ts";

describe("the agreement", () => {
  let t: TestApp;
  let world: PairWorld;
  let call: ReturnType<typeof relationshipCaller>;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createPairWorld(t);
    call = relationshipCaller(t, world.orgId);
    today = isoDay(new Date());
  });
  afterAll(() => t.close());

  const view = async (id: string, caller = world.mentee) =>
    (await call.get(caller, id)).json() as Relationship;
  const events = async (id: string) =>
    ((await call.get(world.mentee, id, "history")).json() as { events: RelationshipEvent[] }).events;
  const expect400 = (response: { statusCode: number; body: string; json(): unknown }, path: string) => {
    expect(response.statusCode, response.body).toBe(400);
    const details = (response.json() as { error: { details?: { path: string }[] } }).error.details ?? [];
    expect(details.map((detail) => detail.path)).toContain(path);
  };

  it("either side may change it: a new version, both confirmations cleared, the other side asked to review", async () => {
    const pair = await world.newPair();
    await call.post(world.mentor, pair.id, "agreement/confirm", { version: 1 });
    expect((await view(pair.id)).agreement).toMatchObject({
      confirmedByMentor: true,
      mentorConfirmedVersion: 1,
    });

    const later = addDays(world.programmeEndsOn, -10);
    const response = await call.put(world.mentee, pair.id, agreementBody(1, later));
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Relationship).agreement).toEqual({
      cadence: "weekly",
      formats: ["video", "phone"],
      minutesPerMonth: 180,
      sessionMinutes: 60,
      endsOn: later,
      version: 2,
      menteeConfirmedVersion: null,
      mentorConfirmedVersion: null,
      confirmedByMentee: false,
      confirmedByMentor: false,
      firstGoalCount: 2,
      firstGoals: ["Lead a design review", "Mentor an intern"],
      confidentiality: "Nothing leaves the room.",
      updatedAt: expect.any(String),
      updatedByName: "Mia Mentee",
    });
    expect((response.json() as Relationship).viewer.mustConfirm).toBe(true);
    expect((await events(pair.id)).at(-1)).toMatchObject({
      kind: "agreement_changed",
      actorName: "Mia Mentee",
      detail: `Version 2: changed the meeting cadence, the meeting formats, the time commitment, the confidentiality terms, the end date, the first goals (end date ${world.programmeEndsOn} → ${later})`,
    });
    const email = (await emailsTo(t, "marco@acme.test"))[0];
    expect(email.subject).toBe("Mia Mentee proposed changes to your mentoring agreement");
    expect(email.text).toContain("This is now version 2 of the agreement.");
    expect(email.text).toContain("Your mentoring starts once you have both confirmed the agreement.");
  });

  it("saving the same terms again changes nothing", async () => {
    const pair = await world.newPair();
    await call.put(world.mentee, pair.id, agreementBody(1, world.programmeEndsOn));
    const again = await call.put(world.mentor, pair.id, agreementBody(2, world.programmeEndsOn));
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Relationship).agreement.version).toBe(2);
    expect((await events(pair.id)).filter((event) => event.kind === "agreement_changed")).toHaveLength(1);
  });

  it("trims goals and text before saving", async () => {
    const pair = await world.newPair();
    const response = await call.put(
      world.mentor,
      pair.id,
      agreementBody(1, world.programmeEndsOn, { firstGoals: ["  Ship it  "], confidentiality: "  Ours.  " }),
    );
    expect((response.json() as Relationship).agreement).toMatchObject({
      firstGoals: ["Ship it"],
      confidentiality: "Ours.",
    });
  });

  it("an edit from an old version is a 409 naming the current version", async () => {
    const pair = await world.newPair();
    await call.put(world.mentee, pair.id, agreementBody(1, world.programmeEndsOn));
    const stale = await call.put(
      world.mentor,
      pair.id,
      agreementBody(1, world.programmeEndsOn, { cadence: "monthly" }),
    );
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.message).toContain("the current version is 2");
    expect(stale.json().error.details).toEqual([
      { path: "body.version", message: "the current version is 2" },
    ]);
    expect((await view(pair.id)).agreement.cadence).toBe("weekly");
  });

  it("refuses bad terms field by field, with a 400 that names the field", async () => {
    const pair = await world.newPair();
    const cases: [object, string][] = [
      [{ cadence: "daily" }, "body.cadence"],
      [{ formats: [] }, "body.formats"],
      [{ formats: ["fax"] }, "body.formats"],
      [{ formats: ["video", "video"] }, "body.formats"],
      [{ minutesPerMonth: 10 }, "body.minutesPerMonth"],
      [{ minutesPerMonth: 2401 }, "body.minutesPerMonth"],
      [{ minutesPerMonth: 60.5 }, "body.minutesPerMonth"],
      [{ sessionMinutes: 50 }, "body.sessionMinutes"],
      [{ confidentiality: "x".repeat(2001) }, "body.confidentiality"],
      [{ endsOn: "2026-13-01" }, "body.endsOn"],
      [{ endsOn: today }, "body.endsOn"],
      [{ endsOn: addDays(today, -30) }, "body.endsOn"],
      [{ endsOn: null }, "body.endsOn"],
      [{ firstGoals: Array.from({ length: 11 }, (_, index) => `Goal number ${index}`) }, "body.firstGoals"],
      [{ firstGoals: ["Fine goal", "ab"] }, "body.firstGoals"],
      [{ firstGoals: ["x".repeat(201)] }, "body.firstGoals"],
      [{ version: 0 }, "body.version"],
      [{ version: 10_000 }, "body.version"],
    ];
    for (const [change, path] of cases) {
      const response = await call.put(world.mentee, pair.id, agreementBody(1, world.programmeEndsOn, change));
      expect400(response, path);
    }
    const past = await call.put(world.mentee, pair.id, agreementBody(1, today));
    expect(past.json().error.details[0].message).toBe("must be after today");
    const goal = await call.put(
      world.mentee,
      pair.id,
      agreementBody(1, world.programmeEndsOn, { firstGoals: ["ok goal", "ab"] }),
    );
    expect(goal.json().error.details[0].message).toBe("goal 2 must be 3 to 200 characters");
    expect((await view(pair.id)).agreement.version).toBe(1);
  });

  it("an end date may not come before the programme's start; evergreen programmes may leave it open", async () => {
    const future = await createProgramme(t, world.orgId, {
      startsOn: addDays(today, 30),
      endsOn: addDays(today, 120),
    });
    const early = await world.newPair({ programmeId: future.id as ProgrammeId, endsOn: addDays(today, 120) });
    const before = await call.put(world.mentee, early.id, agreementBody(1, addDays(today, 10)));
    expect400(before, "body.endsOn");
    expect(before.json().error.details[0].message).toBe(
      `must not be before the start (${addDays(today, 30)})`,
    );

    const evergreen = await createProgramme(t, world.orgId, {
      evergreen: true,
      startsOn: null,
      endsOn: null,
    });
    const open = await world.newPair({ programmeId: evergreen.id as ProgrammeId, endsOn: null });
    const response = await call.put(
      world.mentee,
      open.id,
      agreementBody(1, world.programmeEndsOn, { endsOn: null }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Relationship).agreement.endsOn).toBeNull();
  });

  it("a stale confirmation is a 409 naming the current version; nothing is confirmed", async () => {
    const pair = await world.newPair();
    await call.put(world.mentor, pair.id, agreementBody(1, world.programmeEndsOn));
    const stale = await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.message).toContain("the current version is 2");
    expect(stale.json().error.details).toEqual([
      { path: "body.version", message: "the current version is 2" },
    ]);
    const future = await call.post(world.mentee, pair.id, "agreement/confirm", { version: 3 });
    expect(future.statusCode).toBe(409);
    expect((await view(pair.id)).agreement).toMatchObject({
      menteeConfirmedVersion: null,
      confirmedByMentee: false,
    });
  });

  it("each side confirms only for itself: the mentee's confirmation never counts as the mentor's", async () => {
    const pair = await world.newPair();
    const response = await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Relationship).agreement).toMatchObject({
      menteeConfirmedVersion: 1,
      mentorConfirmedVersion: null,
      confirmedByMentee: true,
      confirmedByMentor: false,
    });
    // Confirming twice is harmless and writes nothing more.
    await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 });
    expect((await view(pair.id)).status).toBe("proposed");
    expect((await events(pair.id)).filter((event) => event.kind === "agreement_confirmed")).toHaveLength(1);
    expect((await view(pair.id, world.mentor)).viewer.mustConfirm).toBe(true);
    const email = (await emailsTo(t, "marco@acme.test"))[0];
    expect(email.subject).toBe("Mia Mentee confirmed your mentoring agreement");
  });

  it("when both have confirmed, a proposed pair starts: start, end date and fit check day are set", async () => {
    const pair = await world.newPair();
    const agreedEnd = addDays(world.programmeEndsOn, -20);
    await call.put(world.mentor, pair.id, agreementBody(1, agreedEnd));
    await call.post(world.mentor, pair.id, "agreement/confirm", { version: 2 });
    const response = await call.post(world.mentee, pair.id, "agreement/confirm", { version: 2 });
    expect(response.statusCode, response.body).toBe(200);
    const started = response.json() as Relationship;
    expect(started).toMatchObject({
      status: "active",
      endsOn: agreedEnd,
      fitCheck: { dueOn: addDays(today, 21), menteeAnswer: null, mentorAnswer: null },
      viewer: { mustConfirm: false, actions: ["pause", "complete", "end"], fitCheckDue: false },
    });
    expect(started.startedAt).not.toBeNull();
    expect((await events(pair.id)).map((event) => event.kind).slice(-2)).toEqual([
      "agreement_confirmed",
      "activated",
    ]);
    const email = (await emailsTo(t, "marco@acme.test"))[0];
    expect(email.subject).toBe("Your mentoring with Mia Mentee has started");
    expect(email.text).toContain("is this pairing working?");
  });

  it("a fit check day set by whoever created the pair is kept", async () => {
    const pair = await world.newPair({ fitCheckDueOn: addDays(today, 10) });
    await call.post(world.mentor, pair.id, "agreement/confirm", { version: 1 });
    const started = (await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 })).json();
    expect(started.fitCheck.dueOn).toBe(addDays(today, 10));
  });

  it("both confirming at the same moment start the pair exactly once", async () => {
    const pair = await world.newPair();
    const responses = await Promise.all([
      call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 }),
      call.post(world.mentor, pair.id, "agreement/confirm", { version: 1 }),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
    expect((await view(pair.id)).status).toBe("active");
    expect((await events(pair.id)).filter((event) => event.kind === "activated")).toHaveLength(1);
  });

  it("moving the end date (within the programme): one proposes, the other confirms; the pair stays active meanwhile", async () => {
    const pair = await world.newPair();
    for (const caller of [world.mentee, world.mentor])
      await call.post(caller, pair.id, "agreement/confirm", { version: 1 });
    const current = await view(pair.id);
    // The programme's end bounds a pair's (agreement-limits.int.test.ts), so the move is earlier.
    const extended = addDays(world.programmeEndsOn, -14);
    const proposal = {
      version: 1,
      cadence: current.agreement.cadence,
      formats: current.agreement.formats,
      minutesPerMonth: current.agreement.minutesPerMonth,
      confidentiality: current.agreement.confidentiality ?? "",
      endsOn: extended,
      firstGoals: current.agreement.firstGoals ?? [],
    };
    const proposed = await call.put(world.mentor, pair.id, proposal);
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({
      status: "active",
      endsOn: world.programmeEndsOn,
      agreement: { version: 2, endsOn: extended, confirmedByMentee: false, confirmedByMentor: false },
    });
    expect((await emailsTo(t, "mia@acme.test"))[0].text).toContain(
      "Your mentoring carries on as agreed before until you both confirm the new version.",
    );

    await call.post(world.mentor, pair.id, "agreement/confirm", { version: 2 });
    expect((await view(pair.id)).endsOn).toBe(world.programmeEndsOn);
    const agreed = await call.post(world.mentee, pair.id, "agreement/confirm", { version: 2 });
    expect(agreed.json()).toMatchObject({
      status: "active",
      endsOn: extended,
      viewer: { mustConfirm: false },
    });
    expect((await events(pair.id)).at(-1)).toMatchObject({
      kind: "end_date_changed",
      detail: `${world.programmeEndsOn} → ${extended}`,
      fromStatus: null,
      toStatus: null,
    });
    expect((await emailsTo(t, "marco@acme.test"))[0].subject).toBe(
      "Your agreement with Mia Mentee is updated",
    );
  });

  it("a paused or finished pair's agreement cannot be changed or confirmed (409)", async () => {
    const pair = await world.newPair();
    for (const caller of [world.mentee, world.mentor])
      await call.post(caller, pair.id, "agreement/confirm", { version: 1 });
    await call.post(world.mentee, pair.id, "pause", {});
    const edit = await call.put(world.mentee, pair.id, agreementBody(1, world.programmeEndsOn));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe("The agreement of a paused relationship cannot be changed.");
    expect((await call.post(world.mentee, pair.id, "agreement/confirm", { version: 1 })).statusCode).toBe(
      409,
    );
    expect((await view(pair.id)).viewer).toMatchObject({ mayEditAgreement: false, mustConfirm: false });

    const declined = await world.newPair();
    await call.post(world.mentor, declined.id, "end", { reason: "Not a fit" });
    expect(
      (await call.put(world.mentee, declined.id, agreementBody(1, world.programmeEndsOn))).statusCode,
    ).toBe(409);
    expect((await call.post(world.mentee, declined.id, "agreement/confirm", { version: 1 })).statusCode).toBe(
      409,
    );
  });
});
