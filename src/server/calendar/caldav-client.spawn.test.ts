import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeRadicaleCalendar,
  putRadicaleObject,
  type Radicale,
  startRadicale,
} from "../testing/radicale.ts";
import { CalDavError, calDavClient } from "./caldav-client.ts";

const settings = { timeoutMs: 2_000, allowPrivateAddresses: true };
const ics = (uid: string, start: string, summary = "Busy") =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20300101T000000Z",
    `DTSTART:${start}`,
    "DURATION:PT1H",
    `SUMMARY:${summary}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

async function failure(promise: Promise<unknown>): Promise<CalDavError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CalDavError) return error;
    throw error;
  }
  throw new Error("expected a CalDavError");
}

describe("CalDAV client against Radicale", () => {
  let radicale: Radicale;
  let calendarUrl: string;
  beforeAll(async () => {
    radicale = await startRadicale();
    calendarUrl = await makeRadicaleCalendar(radicale, "work");
  });
  afterAll(async () => {
    await radicale?.stop();
  });

  it("discovers the calendar from the server root, the user's home or the calendar itself", async () => {
    for (const url of [radicale.url, radicale.home, calendarUrl]) {
      const client = calDavClient({ url, username: "alice", password: "secret" }, settings);
      expect((await client.discover()).calendarUrl).toBe(calendarUrl);
    }
  });

  it("a wrong password is 'unauthorized' with a clear message", async () => {
    const client = calDavClient({ url: radicale.url, username: "alice", password: "wrong" }, settings);
    const error = await failure(client.discover());
    expect(error.failure).toBe("unauthorized");
    expect(error.message).toMatch(/user name or app password \(401\)/);
  });

  it("syncs with tokens: all first, then only changes and deletions", async () => {
    const client = calDavClient({ url: calendarUrl, username: "alice", password: "secret" }, settings);
    await putRadicaleObject(radicale, `${calendarUrl}a.ics`, ics("a", "20300320T100000Z"));
    await putRadicaleObject(radicale, `${calendarUrl}b.ics`, ics("b", "20300321T100000Z"));
    const first = await client.sync(calendarUrl, null);
    expect(first.full).toBe(true);
    expect(first.syncToken).toBeTruthy();
    expect(first.changed.map((object) => object.href.split("/").pop()).sort()).toEqual(["a.ics", "b.ics"]);
    expect(first.changed.every((object) => object.etag && object.data.includes("BEGIN:VEVENT"))).toBe(true);

    await putRadicaleObject(radicale, `${calendarUrl}a.ics`, ics("a", "20300320T120000Z", "Moved"));
    await fetch(`${calendarUrl}b.ics`, {
      method: "DELETE",
      headers: { authorization: `Basic ${Buffer.from("alice:secret").toString("base64")}` },
    });
    const second = await client.sync(calendarUrl, first.syncToken);
    expect(second.full).toBe(false);
    expect(second.changed.map((object) => object.data.includes("Moved"))).toEqual([true]);
    expect(second.deleted.map((href) => href.split("/").pop())).toEqual(["b.ics"]);

    const unknownToken = await client.sync(calendarUrl, "http://radicale.org/ns/sync/not-a-token");
    expect(unknownToken.full).toBe(true);
    expect(unknownToken.changed).toHaveLength(1);
  });

  it("writes with If-None-Match / If-Match and recovers from a stale ETag (412) by reading again", async () => {
    const client = calDavClient({ url: calendarUrl, username: "alice", password: "secret" }, settings);
    const href = `${calendarUrl}session-1.ics`;
    const etag = await client.write(href, ics("session-1", "20300322T100000Z", "v0"), null);
    expect(etag).toBeTruthy();
    // The person edits it in their calendar app: our ETag is now stale.
    await putRadicaleObject(radicale, href, ics("session-1", "20300322T100000Z", "edited elsewhere"));
    expect(await client.put(href, ics("session-1", "20300322T110000Z", "v1"), etag)).toEqual({
      conflict: true,
    });
    const newEtag = await client.write(href, ics("session-1", "20300322T110000Z", "v1"), etag);
    expect(newEtag).not.toBe(etag);
    expect((await client.get(href))?.data).toContain("SUMMARY:v1");
    // Creating over an object we lost track of also recovers.
    await client.write(href, ics("session-1", "20300322T120000Z", "v2"), null);
    expect((await client.get(href))?.data).toContain("SUMMARY:v2");
    expect(await client.remove(href, null)).toEqual({ conflict: false });
    expect(await client.get(href)).toBeNull();
  });
});

describe("CalDAV client against servers that are not CalDAV or fail", () => {
  const servers: Server[] = [];
  const serve = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`;
  };
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const client = (url: string) =>
    calDavClient({ url, username: "u", password: "p" }, { ...settings, timeoutMs: 500 });

  it("an ordinary web page is 'not CalDAV'", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<html>hello</html>");
    });
    const error = await failure(client(url).discover());
    expect(error.failure).toBe("not_caldav");
    expect(error.message).toMatch(/No CalDAV calendar/);
  });

  it("401 is 'unauthorized', 500 is 'server_error'", async () => {
    const denied = await serve((_request, response) => response.writeHead(401).end());
    expect((await failure(client(denied).discover())).failure).toBe("unauthorized");
    const broken = await serve((_request, response) => response.writeHead(500).end("boom"));
    const error = await failure(client(broken).sync(broken, null));
    expect(error.failure).toBe("server_error");
    expect(error.message).toMatch(/HTTP 500/);
  });

  it("a server that never answers times out instead of hanging", async () => {
    const silent = await serve(() => {
      // never answers
    });
    const began = Date.now();
    const error = await failure(client(silent).discover());
    expect(error.failure).toBe("timeout");
    expect(Date.now() - began).toBeLessThan(3_000);
  });

  it("a redirect to a private address is refused when private addresses are not allowed", async () => {
    const guarded = calDavClient(
      { url: "https://dav.example.org/", username: "u", password: "p" },
      { timeoutMs: 500, allowPrivateAddresses: false, lookup: async () => ["127.0.0.1"] },
    );
    const error = await failure(guarded.discover());
    expect(error.failure).toBe("blocked");
  });
});
