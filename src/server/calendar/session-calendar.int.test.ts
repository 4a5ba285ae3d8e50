import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookedSessions, Session } from "../../contracts/sessions.ts";
import { createSessionWorld, type SessionWorld, utcAt } from "../sessions/session.test-helpers.ts";
import {
  makeRadicaleCalendar,
  putRadicaleObject,
  type Radicale,
  startRadicale,
} from "../testing/radicale.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { busyRangesFor } from "./busy.ts";
import { calendarRepo } from "./calendar-deps.ts";
import { parseCalendar } from "./ical-time.ts";

const auth = (radicale: Radicale) => ({
  authorization: `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString("base64")}`,
});

describe("sessions reach people's calendars: CalDAV (Radicale) and ICS emails", () => {
  let radicale: Radicale;
  let calendarUrl: string;
  let t: TestApp;
  let w: SessionWorld;
  let session: Session;

  beforeAll(async () => {
    radicale = await startRadicale();
    calendarUrl = await makeRadicaleCalendar(radicale, "personal");
    t = await createTestApp();
    t.deps.config.calendar = { key: null, allowPrivateAddresses: true, timeoutMs: 3_000 };
    w = await createSessionWorld(t);
    await w.setProgramme(w.pair.programmeId, { instantBooking: true });
    const connected = await t.app.inject({
      method: "POST",
      url: "/api/me/calendars",
      headers: w.mentee.headers,
      payload: { url: radicale.url, username: "alice", password: "secret" },
    });
    expect(connected.statusCode, connected.body).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await radicale?.stop();
  });

  const inRadicale = async (id: string) => {
    const response = await fetch(`${calendarUrl}trellis-${id}.ics`, { headers: auth(radicale) });
    return response.status === 200 ? await response.text() : null;
  };
  const invitations = async (address: string) => {
    const emails = await t.deps.repos.emails.listSentTo(address, 50);
    const withFiles = [];
    for (const email of emails) {
      const files = await t.deps.repos.emails.attachmentsOf(email.id);
      if (files.length > 0) withFiles.push({ email, file: files[0] as (typeof files)[number] });
    }
    return withFiles;
  };
  const onlyEvent = (text: string) => {
    const calendar = parseCalendar(text);
    const [vevent] = calendar.getAllSubcomponents("vevent");
    return { calendar, vevent: vevent as ICAL.Component, event: new ICAL.Event(vevent) };
  };

  it("a booking is written into the connected calendar (no METHOD) and emailed to both as METHOD:REQUEST", async () => {
    const startsAt = utcAt(t, 8, 14);
    const response = await w.book(w.mentee, {
      startsAt,
      format: "video",
      videoUrl: "https://meet.example.org/x",
    });
    expect(response.statusCode, response.body).toBe(201);
    session = (response.json() as BookedSessions).sessions[0] as Session;
    expect(session.status).toBe("confirmed");

    const stored = await inRadicale(session.id);
    expect(stored).not.toBeNull();
    const { calendar, event, vevent } = onlyEvent(stored as string);
    expect(calendar.getFirstPropertyValue("method")).toBeNull();
    expect(event.uid).toBe(`${session.id}@trellis.test`);
    expect(event.sequence).toBe(session.version);
    expect(event.startDate.toUnixTime() * 1000).toBe(Date.parse(startsAt));
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");

    for (const person of [w.mentee, w.mentor]) {
      const [invite] = await invitations(person.me.user.email);
      expect(invite?.email.subject).toMatch(/^Invitation: session with/);
      expect(invite?.file).toMatchObject({ method: "REQUEST", filename: "invite.ics" });
      const parsed = onlyEvent(invite?.file.content as string);
      expect(parsed.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
      expect(parsed.event.uid).toBe(event.uid);
      expect(parsed.event.startDate.toUnixTime() * 1000).toBe(Date.parse(startsAt));
      expect(parsed.event.attendees).toHaveLength(2);
    }
  });

  it("the pushed session is not read back as outside busy time", async () => {
    const [connection] = await calendarRepo(t.deps).listConnections(w.mentee.userId);
    const synced = await t.app.inject({
      method: "POST",
      url: `/api/me/calendars/${connection?.id}/sync`,
      headers: w.mentee.headers,
    });
    expect(synced.json()).toMatchObject({ state: "ok" });
    const busy = await busyRangesFor(t.deps.db, [w.mentee.userId], {
      start: Date.parse(session.startsAt) - 3_600_000,
      end: Date.parse(session.endsAt) + 3_600_000,
    });
    expect(busy.get(w.mentee.userId)?.ranges).toEqual([]);
  });

  it("a move raises the SEQUENCE in the calendar, even after the entry was edited there (stale If-Match, 412)", async () => {
    const stored = (await inRadicale(session.id)) as string;
    await putRadicaleObject(
      radicale,
      `${calendarUrl}trellis-${session.id}.ics`,
      stored.replace(/SUMMARY:[^\r\n]*/, "SUMMARY:edited on the phone"),
    );
    const startsAt = utcAt(t, 9, 15);
    const moved = await w.call(w.mentor, "POST", `/sessions/${session.id}/reschedule`, {
      version: session.version,
      startsAt,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = moved.json() as Session;
    expect(after.version).toBeGreaterThan(session.version);
    const { event } = onlyEvent((await inRadicale(session.id)) as string);
    expect(event.sequence).toBe(after.version);
    expect(event.startDate.toUnixTime() * 1000).toBe(Date.parse(startsAt));
    expect(event.summary).not.toBe("edited on the phone");

    const [update] = await invitations(w.mentee.me.user.email);
    expect(update?.email.subject).toMatch(/^Updated: session with/);
    expect(onlyEvent(update?.file.content as string).event.sequence).toBe(after.version);
    session = after;
  });

  it("a cancellation deletes it from the calendar and emails METHOD:CANCEL with a higher SEQUENCE", async () => {
    const cancelled = await w.call(w.mentee, "POST", `/sessions/${session.id}/cancel`, {
      version: session.version,
      reason: "Something came up",
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = cancelled.json() as Session;
    expect(await inRadicale(session.id)).toBeNull();
    for (const person of [w.mentee, w.mentor]) {
      const [cancel] = await invitations(person.me.user.email);
      expect(cancel?.email.subject).toMatch(/^Cancelled: /);
      expect(cancel?.file.method).toBe("CANCEL");
      const parsed = onlyEvent(cancel?.file.content as string);
      expect(parsed.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
      expect(parsed.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
      expect(parsed.event.uid).toBe(`${session.id}@trellis.test`);
      expect(parsed.event.sequence).toBe(after.version);
      expect(after.version).toBeGreaterThan(session.version);
    }
  });

  it("the mentee's feed lists the session with its UID, cancelled", async () => {
    const made = await t.app.inject({
      method: "POST",
      url: "/api/me/calendar-feed",
      headers: w.mentee.headers,
    });
    const read = await t.app.inject({ method: "GET", url: new URL(made.json().url).pathname });
    expect(read.statusCode).toBe(200);
    const calendar = parseCalendar(read.body);
    const events = calendar.getAllSubcomponents("vevent");
    const mine = events.find(
      (vevent) => vevent.getFirstPropertyValue("uid") === `${session.id}@trellis.test`,
    );
    expect(mine?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(calendar.getFirstPropertyValue("method")).toBeNull();
  });
});
