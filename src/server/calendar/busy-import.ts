import ICAL from "ical.js";
import { instantOf, parseCalendar } from "./ical-time.ts";

/** A half-open range of epoch milliseconds, as core/sessions/ranges.ts. */
export interface BusyWindow {
  start: number;
  end: number;
}

export interface BusyInterval {
  start: number;
  end: number;
  /** The UID of the event it comes from (one per occurrence of a recurring event). */
  uid: string;
}

export interface BusyImport {
  busy: BusyInterval[];
  /** Objects that were not iCalendar (kept out; the rest still counts). */
  unreadable: number;
}

/** A runaway rule (FREQ=SECONDLY from 1970) stops here; a daily event over 100 years is 36,500. */
const MAX_OCCURRENCES = 50_000;

/**
 * Busy time in `window` from a person's calendar objects (CalDAV resources or a whole .ics).
 * Recurrences are expanded here (Radicale and others ignore the `expand` request), honouring
 * RRULE, RDATE, EXDATE and RECURRENCE-ID overrides (moved or cancelled occurrences). Skipped:
 * TRANSP:TRANSPARENT ("show as free") and STATUS:CANCELLED events or occurrences. All-day
 * events and floating times are read in `ownerZone`. Intervals are clipped to the window.
 *
 * Example: a weekly 09:00 Europe/Berlin event seen over March-April 2030 is busy 08:00Z on
 * 24 March and 07:00Z from 31 March (the summer-time change between them).
 */
export function busyFromCalendarObjects(
  texts: readonly string[],
  window: BusyWindow,
  ownerZone: string,
): BusyImport {
  const byUid = new Map<string, { master: ICAL.Component | null; overrides: ICAL.Component[] }>();
  let unreadable = 0;
  let anonymous = 0;
  for (const text of texts) {
    let calendar: ICAL.Component;
    try {
      calendar = parseCalendar(text, { shareZones: true });
    } catch {
      unreadable += 1;
      continue;
    }
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      anonymous += 1;
      const uid = String(vevent.getFirstPropertyValue("uid") ?? `no-uid-${anonymous}`);
      const group = byUid.get(uid) ?? { master: null, overrides: [] };
      if (vevent.hasProperty("recurrence-id")) group.overrides.push(vevent);
      else group.master = vevent;
      byUid.set(uid, group);
    }
  }

  const busy: BusyInterval[] = [];
  const add = (uid: string, component: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null) => {
    if (!isBusy(component)) return;
    const from = instantOf(start, ownerZone);
    const to = end ? instantOf(end, ownerZone) : start.isDate ? from + 86_400_000 : from;
    const clippedStart = Math.max(from, window.start);
    const clippedEnd = Math.min(to, window.end);
    if (clippedEnd > clippedStart) busy.push({ start: clippedStart, end: clippedEnd, uid });
  };

  for (const [uid, group] of byUid) {
    if (!group.master) {
      // Overrides whose master is elsewhere (or gone): each stands alone.
      for (const override of group.overrides) {
        const event = new ICAL.Event(override);
        add(uid, override, event.startDate, endOf(event));
      }
      continue;
    }
    const event = new ICAL.Event(group.master);
    for (const override of group.overrides) event.relateException(override);
    if (!event.isRecurring()) {
      add(uid, group.master, event.startDate, endOf(event));
      continue;
    }
    if (!isBusy(group.master)) continue;
    const iterationStart = fastForward(group.master, event, window);
    const expansion = event.iterator(iterationStart);
    const iteratedFrom = iterationStart ? instantOf(iterationStart, ownerZone) : Number.NEGATIVE_INFINITY;
    const seen = new Set<number>();
    for (let count = 0; count < MAX_OCCURRENCES; count += 1) {
      const next = expansion.next();
      if (!next) break;
      seen.add(instantOf(next, ownerZone));
      const details = event.getOccurrenceDetails(next);
      // Stop once the rule's own times pass the window; a later occurrence moved into the window is
      // found among the overrides below.
      if (instantOf(next, ownerZone) >= window.end && instantOf(details.startDate, ownerZone) >= window.end)
        break;
      add(uid, details.item.component, details.startDate, details.endDate);
    }
    for (const override of group.overrides) {
      const recurrenceId = override.getFirstPropertyValue("recurrence-id");
      if (!(recurrenceId instanceof ICAL.Time)) continue;
      const original = instantOf(recurrenceId, ownerZone);
      // Seen: handled with its occurrence. Inside the iterated span but not seen: it overrides no
      // occurrence of the rule (an EXDATE took it), so it adds nothing. Before the span (skipped
      // by fastForward) or after it: an occurrence moved, maybe into the window.
      if (seen.has(original) || (original >= iteratedFrom && original < window.end)) continue;
      const moved = new ICAL.Event(override);
      add(uid, override, moved.startDate, endOf(moved));
    }
  }
  busy.sort((a, b) => a.start - b.start || a.end - b.end);
  return { busy, unreadable };
}

const DAY_MS = 86_400_000;

/**
 * Where to start expanding a long-running simple rule (DAILY or WEEKLY, optionally BYDAY, no
 * COUNT): ical.js steps from DTSTART one occurrence at a time (about 70 µs each), so a daily
 * event since 2010 would cost half a second per import. Starting a whole number of periods
 * later, on the same local wall time, yields the same later occurrences. Undefined: from DTSTART.
 */
function fastForward(master: ICAL.Component, event: ICAL.Event, window: BusyWindow): ICAL.Time | undefined {
  const rules = master.getAllProperties("rrule");
  if (rules.length !== 1 || master.hasProperty("rdate")) return undefined;
  const rule = rules[0]?.getFirstValue();
  if (!(rule instanceof ICAL.Recur) || rule.count) return undefined;
  if (rule.freq !== "DAILY" && rule.freq !== "WEEKLY") return undefined;
  const parts = Object.keys(rule.parts);
  if (parts.some((part) => part !== "BYDAY" || rule.freq !== "WEEKLY")) return undefined;
  const periodDays = (rule.freq === "WEEKLY" ? 7 : 1) * (rule.interval || 1);
  // toUnixTime may read a zone ical.js does not know as UTC: 2 days of margin cover any offset.
  const gap = window.start - event.startDate.toUnixTime() * 1000 - (2 * periodDays + 2) * DAY_MS;
  if (gap <= 0) return undefined;
  const start = event.startDate.clone();
  start.adjust(Math.floor(gap / (periodDays * DAY_MS)) * periodDays, 0, 0, 0);
  return start;
}

function isBusy(component: ICAL.Component): boolean {
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase();
  const transparency = String(component.getFirstPropertyValue("transp") ?? "").toUpperCase();
  return status !== "CANCELLED" && transparency !== "TRANSPARENT";
}

/** DTEND, or DTSTART + DURATION; null when neither is given. */
function endOf(event: ICAL.Event): ICAL.Time | null {
  const component = event.component;
  if (component.hasProperty("dtend") || component.hasProperty("duration")) return event.endDate;
  return null;
}
