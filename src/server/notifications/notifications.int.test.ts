import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification, NotificationList } from "../../contracts/notifications.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { addPeople, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  emailsTo,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { CONSUMER_NAMES } from "../events/consumer-names.ts";
import { recordEvents } from "../events/record-events.ts";

describe("notifications", () => {
  let t: TestApp;
  let orgA: OrgId;
  let orgB: OrgId;
  let ada: Caller & { userId: UserId };
  let ben: Caller & { userId: UserId };
  let benIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await setUpOwner(t.app);
    orgA = owner.me.currentOrgId as OrgId;
    const ids = await addPeople(t, orgA, null, [
      { email: "ada@acme.test", name: "Ada" },
      { email: "ben@acme.test", name: "Ben" },
    ]);
    ada = { ...(await signInFixture(t, "ada@acme.test")), userId: ids["ada@acme.test"] };
    ben = { ...(await signInFixture(t, "ben@acme.test")), userId: ids["ben@acme.test"] };
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    await t.deps.repos.organisations.addMember(orgB, ada.userId, "member");

    // 25 for Ada in A, written a few at a time (notices of one change share a timestamp).
    for (let batch = 0; batch < 5; batch++) {
      // Rows stored as text (as before events, and as CSV imports still write them).
      await t.deps.repos.notifications.insertMany(
        Array.from({ length: 5 }, (_, index) => ({
          orgId: orgA,
          userId: ada.userId,
          kind: "test.event",
          title: `Notice ${batch * 5 + index + 1}`,
          body: "Something happened",
          link: "/mentoring",
        })),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await t.deps.repos.notifications.insertMany([
      { orgId: orgB, userId: ada.userId, kind: "test.event", title: "Only in Beta" },
      { orgId: orgA, userId: ben.userId, kind: "test.event", title: "For Ben" },
      { orgId: orgA, userId: ben.userId, kind: "test.event", title: "For Ben too" },
    ]);
    const list = await t.deps.repos.notifications.list(orgA, ben.userId, { limit: 10 });
    benIds = list.map((item) => item.id);
  });
  afterAll(() => t.close());

  const get = (caller: Caller, path: string, orgId: string = orgA) =>
    t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/notifications${path}`, headers: caller.headers });
  const markRead = (caller: Caller, payload: object, orgId: string = orgA) =>
    t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/notifications/read`,
      headers: caller.headers,
      payload,
    });
  const unread = async (caller: Caller, orgId: string = orgA) => {
    const response = await get(caller, "/unread-count", orgId);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { count: number }).count;
  };

  it("lists mine in this organisation, newest first, a page at a time with no gaps or repeats", async () => {
    const seen: Notification[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const response = await get(ada, `?limit=7${before ? `&before=${before}` : ""}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as NotificationList;
      expect(page.unread).toBe(25);
      seen.push(...page.notifications);
      before = page.nextBefore;
      pages++;
    } while (before);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((item) => item.id)).size).toBe(25);
    const titles = seen.map((item) => Number(item.title.replace("Notice ", "")));
    // Batches come newest first; within a batch the order is stable but not meaningful.
    expect(titles.slice(0, 5).sort((a, b) => a - b)).toEqual([21, 22, 23, 24, 25]);
    expect(titles.slice(20).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0]).toMatchObject({
      kind: "test.event",
      body: "Something happened",
      link: "/mentoring",
      readAt: null,
    });
    expect(seen.map((item) => item.title)).not.toContain("Only in Beta");
    expect(seen.map((item) => item.title)).not.toContain("For Ben");
  });

  it("each organisation and each person has their own list and count", async () => {
    expect(await unread(ada)).toBe(25);
    expect(await unread(ada, orgB)).toBe(1);
    expect(await unread(ben)).toBe(2);
    const beta = (await get(ada, "", orgB)).json() as NotificationList;
    expect(beta.notifications.map((item) => item.title)).toEqual(["Only in Beta"]);
    // A cursor that is someone else's notification gives an empty page, not their list.
    const foreign = (await get(ada, `?before=${benIds[0]}`)).json() as NotificationList;
    expect(foreign).toEqual({ notifications: [], nextBefore: null, unread: 25 });
  });

  it("marks some read, ignoring ids that are someone else's, then all", async () => {
    const page = (await get(ada, "?limit=3")).json() as NotificationList;
    const ids = page.notifications.map((item) => item.id);
    const response = await markRead(ada, { ids: [...ids, ...benIds] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ marked: 3, unread: 22 });
    expect(await unread(ben)).toBe(2);
    const after = (await get(ada, "?limit=3")).json() as NotificationList;
    expect(after.notifications.every((item) => item.readAt !== null)).toBe(true);
    expect(
      ((await get(ada, "?unread=true&limit=100")).json() as NotificationList).notifications,
    ).toHaveLength(22);
    // Marking again changes nothing.
    expect((await markRead(ada, { ids })).json()).toEqual({ marked: 0, unread: 22 });

    expect((await markRead(ada, {})).json()).toEqual({ marked: 22, unread: 0 });
    expect(await unread(ada)).toBe(0);
    expect(await unread(ada, orgB)).toBe(1);
    expect(await unread(ben)).toBe(2);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    for (const [payload, path] of [
      [{ ids: ["not-an-id"] }, "body.ids"],
      [{ ids: [] }, "body.ids"],
      [{ ids: Array.from({ length: 201 }, () => benIds[0]) }, "body.ids"],
      [{ ids: "all" }, "body.ids"],
      [{ all: true }, "body.all"],
    ] as const) {
      const response = await markRead(ben, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
    for (const [query, path] of [
      ["?before=abc", "query.before"],
      ["?limit=0", "query.limit"],
      ["?limit=101", "query.limit"],
      ["?unread=yes", "query.unread"],
    ]) {
      const response = await get(ben, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
    expect(await unread(ben)).toBe(2);
  });

  it("a member of another organisation gets 404 for this one's list, count and marking", async () => {
    const outsider = await createSecondOrganisation(t, {
      organisationName: "Gamma",
      email: "owner@gamma.test",
      name: "Gil Gamma",
    });
    expect((await get(outsider.owner, "")).statusCode).toBe(404);
    expect((await get(outsider.owner, "/unread-count")).statusCode).toBe(404);
    expect((await markRead(outsider.owner, { ids: benIds })).statusCode).toBe(404);
    expect(await unread(ben)).toBe(2);
  });

  it("an event's notification is stored as the event and rendered when read; its email goes once", async () => {
    const relationshipId = "00000000-0000-4000-8000-0000000000aa";
    await recordEvents(t.deps.repos, [
      {
        kind: "fit_check.answered",
        orgId: orgA,
        actorId: ada.userId,
        payload: {
          relationshipId,
          programmeName: "Developer cohort",
          recipientId: ben.userId,
          actorName: "Ada",
          note: "We never managed to meet.",
          recipientIsMentee: true,
        },
      },
    ]);
    await t.deps.events.afterCommit();
    await t.deps.events.afterCommit();
    expect(await unread(ben)).toBe(3);
    const stored = await t.deps.repos.notifications.list(orgA, ben.userId, { limit: 1 });
    expect(stored[0]).toMatchObject({ kind: "fit_check.answered", title: "", body: "" });
    expect(stored[0]?.eventId).toBeTruthy();
    const [shown] = ((await get(ben, "?limit=1")).json() as NotificationList).notifications;
    expect(shown).toMatchObject({
      kind: "fit_check.answered",
      title: "Ada ended your mentoring at the fit check",
      link: `/mentoring/relationships/${relationshipId}`,
    });
    expect(shown?.body).toContain("We never managed to meet.");
    const emails = await emailsTo(t, "ben@acme.test");
    expect(emails.map((email) => email.subject)).toEqual(["Ada ended your mentoring at the fit check"]);
    expect(emails[0].text).toContain("Hello Ben,");
    expect(emails[0].text).toContain("They added: “We never managed to meet.”");
    // One delivery per consumer (notifications, email, calendar, webhooks), all done.
    expect(await t.deps.repos.events.deliveryCounts()).toEqual({ done: CONSUMER_NAMES.length });
  });
});
