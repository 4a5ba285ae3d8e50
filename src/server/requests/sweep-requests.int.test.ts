import { readNotifications } from "../testing/read-notifications.ts";
import { and, eq, inArray, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { enrolments, mentoringRequests } from "../../db/schema.ts";
import { periodicJobs } from "../jobs/jobs.ts";
import { createTestApp, emailsTo, movableClock, setUpOwner, type TestApp } from "../testing/test-app.ts";
import {
  call,
  requestUrl,
  type SelfMatchWorld,
  selfMatchWorld,
  sendRequest,
} from "./requests.test-support.ts";
import { sweepRequests } from "./sweep-requests.ts";

/** The request sweep with a clock the test moves (expiry 14 days, reminder 3 days before). */
describe("the request sweep", () => {
  let t: TestApp;
  let orgId: OrgId;
  const clock = movableClock();
  beforeAll(async () => {
    t = await createTestApp({}, { now: clock.now });
    orgId = (await setUpOwner(t.app)).me.currentOrgId as OrgId;
  });
  afterAll(() => t.close());

  const status = async (world: SelfMatchWorld, id: string, who = "e") =>
    (await call(t, world.callers[who], "GET", requestUrl(world, id))).json();
  const latestNotice = async (world: SelfMatchWorld, who: string) =>
    (await readNotifications(t, orgId, world.ids[who], { limit: 1 }))[0];

  it("is one of the server's periodic jobs", () => {
    expect(periodicJobs.map((job) => job.name)).toContain("self-match request sweep");
  });

  it("reminds the mentor once, 3 days before expiry, then expires the request and tells both", async () => {
    const world = await selfMatchWorld(t, orgId, [
      { email: "m@sweep.test", name: "Mia Mentor", role: "mentor" },
      { email: "e@sweep.test", name: "Eli Mentee", role: "mentee" },
    ]);
    const id = await sendRequest(t, world, "e", "m");

    clock.advanceDays(10);
    expect((await sweepRequests(t.deps)).reminded).toBe(0);
    expect((await status(world, id)).remindedAt).toBeNull();

    clock.advanceDays(1.5); // 2.5 days left
    expect(await sweepRequests(t.deps)).toMatchObject({ reminded: 1, expired: 0 });
    expect((await status(world, id)).remindedAt).not.toBeNull();
    expect(await latestNotice(world, "m")).toMatchObject({
      kind: "request.reminder_due",
      title: "Eli Mentee's request expires in 3 days",
    });
    expect((await emailsTo(t, "m@sweep.test"))[0].subject).toBe("Eli Mentee's request expires in 3 days");
    // Once: the next sweep does not remind again.
    expect((await sweepRequests(t.deps)).reminded).toBe(0);

    clock.advanceDays(3);
    expect(await sweepRequests(t.deps)).toMatchObject({ expired: 1 });
    expect(await status(world, id)).toMatchObject({
      status: "expired",
      closeReason: "no reply before the request expired",
    });
    expect((await latestNotice(world, "e")).title).toBe("Your request to Mia Mentor expired");
    expect((await latestNotice(world, "m")).title).toBe("Eli Mentee's request expired");
    const late = await call(t, world.callers.m, "POST", requestUrl(world, id, "accept"));
    expect(late.statusCode).toBe(409);
    expect((await sweepRequests(t.deps)).expired).toBe(0);
  });

  it("while the mentor waits for an answer, the mentee is reminded and the request expires for them", async () => {
    const world = await selfMatchWorld(t, orgId, [
      { email: "m@waiting.test", name: "Wes Mentor", role: "mentor" },
      { email: "e@waiting.test", name: "Ola Mentee", role: "mentee" },
    ]);
    const id = await sendRequest(t, world, "e", "m");
    clock.advanceDays(12);
    await call(t, world.callers.m, "POST", requestUrl(world, id, "ask"), { question: "When?" });
    // Asking gave the mentee a full 14 days: nothing is due 12 days after the request was sent.
    expect(await sweepRequests(t.deps)).toMatchObject({ reminded: 0, expired: 0 });
    clock.advanceDays(11.5);
    expect((await sweepRequests(t.deps)).reminded).toBe(1);
    expect(await latestNotice(world, "e")).toMatchObject({
      kind: "request.reminder_due",
      title: "Wes Mentor is waiting for your answer",
    });
    clock.advanceDays(3);
    expect((await sweepRequests(t.deps)).expired).toBe(1);
    expect(await status(world, id)).toMatchObject({
      status: "expired",
      closeReason: "no answer before the request expired",
    });
  });

  it("closes open requests whose mentor paused or whose mentee left, and tells the other side", async () => {
    const world = await selfMatchWorld(t, orgId, [
      { email: "m1@inactive.test", name: "Paula Paused", role: "mentor" },
      { email: "m2@inactive.test", name: "Sam Staying", role: "mentor" },
      { email: "e1@inactive.test", name: "Eva Staying", role: "mentee" },
      { email: "e2@inactive.test", name: "Leo Leaving", role: "mentee" },
    ]);
    const toPaused = await sendRequest(t, world, "e1", "m1");
    const fromLeaver = await sendRequest(t, world, "e2", "m2");
    const untouched = await sendRequest(t, world, "e1", "m2");
    await t.database.db
      .update(enrolments)
      .set({ status: "paused" })
      .where(eq(enrolments.userId, world.ids.m1));
    await t.database.db.update(enrolments).set({ status: "left" }).where(eq(enrolments.userId, world.ids.e2));

    expect((await sweepRequests(t.deps)).closed).toBe(2);
    expect(await status(world, toPaused, "e1")).toMatchObject({
      status: "withdrawn",
      closeReason: "the mentor is no longer taking requests in this programme",
    });
    expect(await status(world, fromLeaver, "m2")).toMatchObject({
      status: "withdrawn",
      closeReason: "the mentee is no longer active in this programme",
    });
    expect((await status(world, untouched, "e1")).status).toBe("pending");
    expect((await latestNotice(world, "e1")).title).toBe("Your request to Paula Paused closed");
    expect((await latestNotice(world, "m2")).title).toBe("Leo Leaving's request closed");
  });

  it("two instances sweeping at once handle each request once", async () => {
    const world = await selfMatchWorld(t, orgId, [
      { email: "m@twice.test", role: "mentor", mentorCapacity: 5 },
      ...Array.from({ length: 5 }, (_, k) => ({ email: `e${k}@twice.test`, role: "mentee" as const })),
    ]);
    for (let k = 0; k < 5; k++) await sendRequest(t, world, `e${k}`, "m");
    clock.advanceDays(15);
    const due = await t.database.db
      .select()
      .from(mentoringRequests)
      .where(
        and(
          inArray(mentoringRequests.status, ["pending", "needs_info"]),
          lte(mentoringRequests.expiresAt, clock.now()),
        ),
      );
    expect(due.length).toBeGreaterThanOrEqual(5);
    const [a, b] = await Promise.all([sweepRequests(t.deps), sweepRequests(t.deps)]);
    expect(a.expired + b.expired).toBe(due.length);
    const notices = await readNotifications(t, orgId, world.ids.m, { limit: 50 });
    expect(notices.filter((notice) => notice.kind === "request.expired")).toHaveLength(5);
  });
});
