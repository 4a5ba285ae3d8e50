/**
 * Busy import of a 2,000-event CalDAV calendar from a real Radicale, on this machine.
 *
 *   npx tsx bench/calendar/busy-import.ts            (EVENTS=2000 RUNS=5 by default)
 *
 * Radicale runs on a loopback port (src/server/testing/radicale.ts). The calendar holds EVENTS
 * objects over the next 120 days: 90% single events (some all-day, some in other zones), 10%
 * weekly series that started a year ago (some with an EXDATE and a moved occurrence). Printed,
 * each the median of RUNS:
 *   - full sync: sync-collection without a token, calendar-multiget of every object (what a new
 *     connection and an expired token cost), then busy expansion over the 121-day window;
 *   - parse + expand only: busyFromCalendarObjects on the same texts (the reference: our own work
 *     without the network and Radicale);
 *   - incremental sync after 10 objects changed: sync-collection with the token, multiget of the
 *     10, expansion of all kept texts again (the 5-minute job's usual case).
 */
import { performance } from "node:perf_hooks";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { busyFromCalendarObjects } from "../../src/server/calendar/busy-import.ts";
import { calDavClient } from "../../src/server/calendar/caldav-client.ts";
import { makeRadicaleCalendar, putRadicaleObject, startRadicale } from "../../src/server/testing/radicale.ts";

const EVENTS = Number(process.env.EVENTS ?? 2000);
const RUNS = Number(process.env.RUNS ?? 5);
const DAY = 86_400_000;
const NOW = Date.UTC(2030, 2, 10, 12);
const WINDOW = { start: NOW - DAY, end: NOW + 120 * DAY };

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const localStamp = (ms: number) => stamp(ms).replace("Z", "");
const day = (ms: number) => stamp(ms).slice(0, 8);

function eventText(index: number): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"];
  // Calendar apps send the zone's definition with the event (Radicale refuses a recurring event without it).
  const zoneOf = (name: string) => (getVtimezoneComponent(name) as string).trim().split(/\r?\n/);
  const uid = `bench-${index}`;
  const start = NOW + Math.floor((index * 7919) % (118 * 24)) * 3_600_000;
  if (index % 10 === 0) {
    const first = start - 365 * DAY;
    lines.push(
      ...zoneOf("Europe/Berlin"),
      "BEGIN:VEVENT",
      `UID:${uid}`,
      "DTSTAMP:20300101T000000Z",
      `DTSTART;TZID=Europe/Berlin:${localStamp(first)}`,
      `DTEND;TZID=Europe/Berlin:${localStamp(first + 3_600_000)}`,
      "RRULE:FREQ=WEEKLY",
      ...(index % 20 === 0 ? [`EXDATE;TZID=Europe/Berlin:${localStamp(first + 56 * 7 * DAY)}`] : []),
      "SUMMARY:Weekly",
      "END:VEVENT",
    );
    if (index % 30 === 0) {
      const original = first + 55 * 7 * DAY;
      lines.push(
        "BEGIN:VEVENT",
        `UID:${uid}`,
        "DTSTAMP:20300101T000000Z",
        `RECURRENCE-ID;TZID=Europe/Berlin:${localStamp(original)}`,
        `DTSTART;TZID=Europe/Berlin:${localStamp(original + 2 * 3_600_000)}`,
        `DTEND;TZID=Europe/Berlin:${localStamp(original + 3 * 3_600_000)}`,
        "SUMMARY:Weekly (moved)",
        "END:VEVENT",
      );
    }
  } else if (index % 10 === 1) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${uid}`,
      "DTSTAMP:20300101T000000Z",
      `DTSTART;VALUE=DATE:${day(start)}`,
      "SUMMARY:All day",
      "END:VEVENT",
    );
  } else {
    const zone = index % 3 === 0 ? "America/New_York" : "Europe/Berlin";
    lines.push(
      ...zoneOf(zone),
      "BEGIN:VEVENT",
      `UID:${uid}`,
      "DTSTAMP:20300101T000000Z",
      `DTSTART;TZID=${zone}:${localStamp(start)}`,
      "DURATION:PT45M",
      ...(index % 17 === 0 ? ["TRANSP:TRANSPARENT"] : []),
      `SUMMARY:Meeting ${index}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const radicale = await startRadicale();
  try {
    const calendarUrl = await makeRadicaleCalendar(radicale, "bench");
    const loadStart = performance.now();
    const put = async (index: number) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await putRadicaleObject(radicale, `${calendarUrl}bench-${index}.ics`, eventText(index));
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };
    for (let index = 0; index < EVENTS; index += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, EVENTS - index) }, (_, offset) => put(index + offset)),
      );
    }
    console.log(
      `loaded ${EVENTS} events into Radicale in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );

    const client = calDavClient(
      { url: calendarUrl, username: radicale.username, password: radicale.password },
      { timeoutMs: 60_000, allowPrivateAddresses: true },
    );
    const full: number[] = [];
    const fetchOnly: number[] = [];
    const parseOnly: number[] = [];
    const incremental: number[] = [];
    let texts: string[] = [];
    let busyCount = 0;
    let token: string | null = null;
    for (let run = 0; run < RUNS; run += 1) {
      const began = performance.now();
      const result = await client.sync(calendarUrl, null);
      const fetched = performance.now();
      texts = result.changed.map((object) => object.data);
      token = result.syncToken;
      busyCount = busyFromCalendarObjects(texts, WINDOW, "Europe/Berlin").busy.length;
      full.push(performance.now() - began);
      fetchOnly.push(fetched - began);

      const parseBegan = performance.now();
      busyFromCalendarObjects(texts, WINDOW, "Europe/Berlin");
      parseOnly.push(performance.now() - parseBegan);

      for (let change = 0; change < 10; change += 1) {
        const index = (run * 10 + change) * 13 + 1;
        await putRadicaleObject(
          radicale,
          `${calendarUrl}bench-${index}.ics`,
          eventText(index).replace("Meeting", "Changed"),
        );
      }
      const incBegan = performance.now();
      const delta = await client.sync(calendarUrl, token);
      const kept = new Map(result.changed.map((object) => [object.href, object.data]));
      for (const object of delta.changed) kept.set(object.href, object.data);
      busyFromCalendarObjects([...kept.values()], WINDOW, "Europe/Berlin");
      incremental.push(performance.now() - incBegan);
      if (delta.changed.length !== 10)
        console.log(`  (incremental sync saw ${delta.changed.length} changes)`);
    }
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log(`objects ${texts.length}, busy ranges in the 121-day window ${busyCount}`);
    console.log(`full sync + expansion      median ${ms(median(full))} (fetch ${ms(median(fetchOnly))})`);
    console.log(`parse + expand only (ref)  median ${ms(median(parseOnly))}`);
    console.log(`incremental (10 changed)   median ${ms(median(incremental))}`);
  } finally {
    await radicale.stop();
  }
}

await main();
