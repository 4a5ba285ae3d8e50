import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ICAL from "ical.js";
import { DateTime, IANAZone } from "luxon";

/**
 * Parses iCalendar text into its VCALENDAR component and registers its VTIMEZONEs with ical.js
 * (a zone with a non-IANA name, such as Outlook's "W. Europe Standard Time", is only known
 * through its VTIMEZONE). Throws on text that is not iCalendar.
 */
export function parseCalendar(text: string, options: { shareZones?: boolean } = {}): ICAL.Component {
  // A TZID without its VTIMEZONE (many servers and apps leave it out): ical.js would read the
  // time as floating. Register the IANA zone's definition before any value is read.
  for (const match of text.matchAll(/;TZID="?([^";:\r\n]+)"?/gi)) {
    registerIanaZone(match[1] as string);
  }
  const component = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  for (const zone of component.getAllSubcomponents("vtimezone")) {
    const tzid = zone.getFirstPropertyValue("tzid");
    if (typeof tzid !== "string") continue;
    if (!ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(zone);
    // shareZones: times then use the one shared definition, whose expanded transitions ical.js caches: a
    // definition per object was expanded again for each (about 1 ms an event).
    if (options.shareZones && ICAL.TimezoneService.has(tzid)) component.removeSubcomponent(zone);
  }
  return component;
}

/** Luxon's isValidZone builds an Intl formatter per call (it was 90% of a 2,000-event import): memoised. */
const validZones = new Map<string, boolean>();
function isIanaZone(name: string): boolean {
  let valid = validZones.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (validZones.size < 1000) validZones.set(name, valid);
  }
  return valid;
}

const unknownZones = new Set<string>();
function registerIanaZone(tzid: string): void {
  if (ICAL.TimezoneService.has(tzid) || unknownZones.has(tzid)) return;
  const vtimezone = isIanaZone(tzid) ? getVtimezoneComponent(tzid) : null;
  if (!vtimezone) {
    unknownZones.add(tzid);
    return;
  }
  const wrapper = new ICAL.Component(
    ICAL.parse(`BEGIN:VCALENDAR\r\n${vtimezone.trim()}\r\nEND:VCALENDAR\r\n`) as unknown as unknown[],
  );
  const zone = wrapper.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(zone);
}

/**
 * The instant of a date-time value, in epoch milliseconds. A zone Luxon knows by its IANA name is
 * converted with Luxon (current rules, whatever the sender's VTIMEZONE says); another named zone
 * through its VTIMEZONE; a floating time (no zone) is read in `ownerZone`. A date (all-day) is
 * its local midnight in `ownerZone`.
 */
export function instantOf(time: ICAL.Time, ownerZone: string): number {
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (time.isDate) return DateTime.fromObject(wall, { zone: ownerZone }).toMillis();
  const zone = time.zone;
  if (zone === ICAL.Timezone.utcTimezone) return DateTime.fromObject(wall, { zone: "utc" }).toMillis();
  const tzid = zone?.tzid;
  if (tzid && tzid !== "floating") {
    if (isIanaZone(tzid)) return DateTime.fromObject(wall, { zone: tzid }).toMillis();
    if (zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000;
  }
  return DateTime.fromObject(wall, { zone: ownerZone }).toMillis();
}
