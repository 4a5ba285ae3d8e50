import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalendarConnection, CalendarFeed } from "../../contracts/calendar.ts";
import {
  makeRadicaleCalendar,
  putRadicaleObject,
  type Radicale,
  startRadicale,
} from "../testing/radicale.ts";
import {
  type Caller,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { busyRangesFor } from "./busy.ts";
import { calendarRepo } from "./calendar-deps.ts";
import { parseCalendar } from "./ical-time.ts";

const NOW = Date.parse("2030-03-10T12:00:00Z");
const weeklyAcrossDst = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//test//EN",
  "BEGIN:VEVENT",
  "UID:weekly-standup",
  "DTSTAMP:20300101T000000Z",
  "DTSTART;TZID=Europe/Berlin:20300304T090000",
  "DTEND;TZID=Europe/Berlin:20300304T100000",
  "RRULE:FREQ=WEEKLY;COUNT=6",
  "SUMMARY:Stand-up",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

type Mode = "pass" | "401" | "500" | "html" | "hang";

/** A front for Radicale that can be told to fail: the calendar server people really meet. */
async function flakyProxy(
  target: string,
): Promise<{ url: string; mode: (next: Mode) => void; close(): Promise<void> }> {
  let mode: Mode = "pass";
  const server: Server = createServer(async (request, response) => {
    if (mode === "hang") return;
    if (mode === "401") return void response.writeHead(401, { "www-authenticate": 'Basic realm="x"' }).end();
    if (mode === "500") return void response.writeHead(500).end("Internal Server Error");
    if (mode === "html")
      return void response.writeHead(200, { "content-type": "text/html" }).end("<h1>Welcome</h1>");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name !== "host" && name !== "connection") as [
        string,
        string,
      ][],
    );
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      redirect: "manual",
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== "content-length" && name !== "transfer-encoding" && name !== "content-encoding")
        out[name] = value;
    });
    response.writeHead(upstream.status, out).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: (next) => {
      mode = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("calendar connections against Radicale", () => {
  let radicale: Radicale;
  let proxy: Awaited<ReturnType<typeof flakyProxy>>;
  let calendarUrl: string;
  let t: TestApp;
  let owner: Caller;
  let now = NOW;

  beforeAll(async () => {
    radicale = await startRadicale();
    calendarUrl = await makeRadicaleCalendar(radicale, "work");
    await putRadicaleObject(radicale, `${calendarUrl}standup.ics`, weeklyAcrossDst);
    proxy = await flakyProxy(radicale.url);
    t = await createTestApp({}, { now: () => new Date(now) });
    t.deps.config.calendar = { key: null, allowPrivateAddresses: true, timeoutMs: 5_000 };
    owner = await setUpOwner(t.app);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await radicale?.stop();
  });

  const connect = (caller: Caller, payload: Record<string, string>) =>
    t.app.inject({ method: "POST", url: "/api/me/calendars", headers: caller.headers, payload });

  it("refuses bad input with a 400 naming the field, storing nothing", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ url: "not a url", username: "alice", password: "secret" }, "body.url", /full address/],
      [{ url: `${proxy.url}/`, username: "alice", password: "wrong" }, "body.password", /\(401\)/],
      [{ url: "ftp://example.org/", username: "alice", password: "secret" }, "body.url", /https/],
      [{ url: `${proxy.url}/`, username: "", password: "secret" }, "body.username", /required/],
    ];
    for (const [payload, path, message] of cases) {
      const response = await connect(owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const detail = response.json().error.details[0];
      expect(detail.path).toBe(path);
      expect(detail.message).toMatch(message);
    }
    proxy.mode("html");
    const html = await connect(owner, { url: `${proxy.url}/`, username: "alice", password: "secret" });
    expect(html.json().error.details[0]).toEqual({
      path: "body.url",
      message: expect.stringMatching(/No CalDAV calendar/),
    });
    proxy.mode("pass");
    expect((await calendarRepo(t.deps).listConnections(owner.me.user.id)).length).toBe(0);
  });

  it("refuses a private address unless the deployment allows it", async () => {
    t.deps.config.calendar = { ...t.deps.config.calendar, allowPrivateAddresses: false };
    try {
      const response = await connect(owner, { url: `${proxy.url}/`, username: "alice", password: "secret" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0]).toEqual({
        path: "body.url",
        message: expect.stringMatching(/private or local network/),
      });
    } finally {
      t.deps.config.calendar = { ...t.deps.config.calendar, allowPrivateAddresses: true };
    }
  });

  let connection: CalendarConnection;
  it("connects, finds the calendar, imports a weekly event across the DST change, never shows the password", async () => {
    const response = await connect(owner, { url: `${proxy.url}/`, username: "alice", password: "secret" });
    expect(response.statusCode).toBe(201);
    connection = response.json();
    expect(connection).toMatchObject({
      state: "ok",
      stale: false,
      lastError: null,
      calendarUrl: `${proxy.url}/alice/work/`,
      displayName: "work",
    });
    expect(response.body).not.toContain("secret");
    const [stored] = await calendarRepo(t.deps).listConnections(owner.me.user.id);
    expect(stored?.passwordSealed).toMatch(/^v1\./);
    expect(stored?.passwordSealed).not.toContain("secret");

    const busy = await busyRangesFor(
      t.deps.db,
      [owner.me.user.id],
      {
        start: Date.parse("2030-03-01T00:00:00Z"),
        end: Date.parse("2030-04-15T00:00:00Z"),
      },
      new Date(now),
    );
    const mine = busy.get(owner.me.user.id);
    expect(mine).toMatchObject({ stale: false, unknown: false, connected: true });
    expect(mine?.ranges.map((range) => new Date(range.start).toISOString())).toEqual([
      // 4 March is before the import window (a day back from 10 March).
      "2030-03-11T08:00:00.000Z",
      "2030-03-18T08:00:00.000Z",
      "2030-03-25T08:00:00.000Z",
      "2030-04-01T07:00:00.000Z",
      "2030-04-08T07:00:00.000Z",
    ]);
    const again = await connect(owner, {
      url: `${proxy.url}/alice/work/`,
      username: "alice",
      password: "secret",
    });
    expect(again.statusCode).toBe(409);
  });

  it("sync now brings changes; failures (401, 500, not CalDAV, no answer) show on the connection and keep busy time, stale", async () => {
    const lunch = weeklyAcrossDst
      .replace("weekly-standup", "lunch")
      .replace("20300304T090000", "20300312T120000")
      .replace("20300304T100000", "20300312T130000")
      .replace("COUNT=6", "COUNT=1");
    await putRadicaleObject(radicale, `${calendarUrl}lunch.ics`, lunch);
    const sync = () =>
      t.app.inject({
        method: "POST",
        url: `/api/me/calendars/${connection.id}/sync`,
        headers: owner.headers,
      });
    const ok = await sync();
    expect(ok.json()).toMatchObject({ state: "ok", stale: false });
    const window = { start: NOW, end: Date.parse("2030-04-15T00:00:00Z") };
    const before = (await busyRangesFor(t.deps.db, [owner.me.user.id], window, new Date(now))).get(
      owner.me.user.id,
    );
    expect(before?.ranges).toHaveLength(6);

    const expectations: [Mode, RegExp][] = [
      ["401", /refused the user name or app password \(401\)/],
      ["500", /had an error \(HTTP 500\)/],
      ["html", /No CalDAV calendar/],
      ["hang", /did not answer within 5 seconds/],
    ];
    for (const [mode, message] of expectations) {
      proxy.mode(mode);
      const began = Date.now();
      const response = await sync();
      expect(Date.now() - began).toBeLessThan(12_000);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        state: "failing",
        stale: true,
        lastError: expect.stringMatching(message),
      });
      const after = (await busyRangesFor(t.deps.db, [owner.me.user.id], window, new Date(now))).get(
        owner.me.user.id,
      );
      expect(after).toMatchObject({ stale: true, unknown: false, connected: true });
      expect(after?.ranges).toEqual(before?.ranges);
    }
    proxy.mode("pass");
    expect((await sync()).json()).toMatchObject({ state: "ok", stale: false, lastError: null });
    // Old but not failed: stale after two hours without a sync.
    now += 3 * 3_600_000;
    const list = await t.app.inject({ method: "GET", url: "/api/me/calendars", headers: owner.headers });
    expect(list.json().connections[0]).toMatchObject({ state: "ok", stale: true });
    expect(
      (await busyRangesFor(t.deps.db, [owner.me.user.id], window, new Date(now))).get(owner.me.user.id)
        ?.stale,
    ).toBe(true);
    now = NOW;
  });

  it("another person cannot see, sync or disconnect my calendar; disconnecting removes its busy time", async () => {
    const other = await inviteAndAccept(t, owner, owner.me.currentOrgId as string, {
      email: "mira@acme.test",
      role: "member",
      name: "Mira",
    });
    const list = await t.app.inject({ method: "GET", url: "/api/me/calendars", headers: other.headers });
    expect(list.json()).toEqual({ connections: [] });
    for (const [method, url] of [
      ["POST", `/api/me/calendars/${connection.id}/sync`],
      ["DELETE", `/api/me/calendars/${connection.id}`],
    ] as const) {
      expect((await t.app.inject({ method, url, headers: other.headers })).statusCode).toBe(404);
    }
    const none = (
      await busyRangesFor(t.deps.db, [other.userId], { start: NOW, end: NOW + 86_400_000 * 30 })
    ).get(other.userId);
    expect(none).toEqual({ ranges: [], stale: false, unknown: false, connected: false });

    const removed = await t.app.inject({
      method: "DELETE",
      url: `/api/me/calendars/${connection.id}`,
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    const after = (
      await busyRangesFor(t.deps.db, [owner.me.user.id], { start: NOW, end: NOW + 86_400_000 * 60 })
    ).get(owner.me.user.id);
    expect(after).toEqual({ ranges: [], stale: false, unknown: false, connected: false });
  });

  it("the feed: made, read without a cookie, rotated (old address 404) and revoked", async () => {
    const empty = await t.app.inject({ method: "GET", url: "/api/me/calendar-feed", headers: owner.headers });
    expect(empty.json()).toEqual({ url: null, createdAt: null, lastReadAt: null });
    const made = await t.app.inject({ method: "POST", url: "/api/me/calendar-feed", headers: owner.headers });
    expect(made.statusCode).toBe(201);
    const feed = made.json() as CalendarFeed;
    expect(feed.url).toMatch(/^http:\/\/trellis\.test\/api\/calendar-feeds\/[\w-]{43}\.ics$/);
    const path = new URL(feed.url as string).pathname;
    const read = await t.app.inject({ method: "GET", url: path });
    expect(read.statusCode).toBe(200);
    expect(read.headers["content-type"]).toMatch(/^text\/calendar/);
    const calendar = parseCalendar(read.body);
    expect(calendar.getFirstPropertyValue("method")).toBeNull();
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(0);
    expect(read.body.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ICAL).toBeTruthy();
    // Shown again on the page (sealed copy), with when it was last read.
    const shown = await t.app.inject({ method: "GET", url: "/api/me/calendar-feed", headers: owner.headers });
    expect(shown.json()).toMatchObject({ url: feed.url, lastReadAt: expect.any(String) });

    const rotated = (
      await t.app.inject({ method: "POST", url: "/api/me/calendar-feed", headers: owner.headers })
    ).json() as CalendarFeed;
    expect(rotated.url).not.toBe(feed.url);
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    const rotatedPath = new URL(rotated.url as string).pathname;
    expect((await t.app.inject({ method: "GET", url: rotatedPath })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: rotatedPath.replace(/\.ics$/, "") })).statusCode).toBe(
      200,
    );

    const revoked = await t.app.inject({
      method: "DELETE",
      url: "/api/me/calendar-feed",
      headers: owner.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: rotatedPath })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/calendar-feeds/not-a-real-token-at-all-000" }))
        .statusCode,
    ).toBe(404);
  });
});
