/**
 * The one way the web app writes dates and times: "21 Dec 2026" and "21 Dec 2026, 14:05", the
 * same on every page whatever the browser's language. Instants are shown in a named time zone
 * (the viewer's profile zone where the page knows it); calendar days ("2026-12-21") have none.
 */
const LOCALE = "en-GB";
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "day" | "time", timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let found = cache.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === "day"
        ? { day: "numeric", month: "short", year: "numeric" }
        : {
            day: "numeric",
            month: "short",
            year: "numeric",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          };
    try {
      found = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    } catch {
      // An unknown zone name (an old profile value): the browser's zone rather than nothing.
      found = new Intl.DateTimeFormat(LOCALE, options);
    }
    cache.set(key, found);
  }
  return found;
}

/** An instant's date: formatDate("2026-12-21T23:30:00Z", "Asia/Kolkata") === "22 Dec 2026". */
export function formatDate(iso: string, timeZone?: string): string {
  return formatter("day", timeZone).format(new Date(iso));
}

/** An instant's date and time: "21 Dec 2026, 14:05" in the zone given (else the browser's). */
export function formatDateTime(iso: string, timeZone?: string): string {
  return formatter("time", timeZone).format(new Date(iso));
}

/** A calendar day ("2026-12-21") as "21 Dec 2026"; days have no time zone. */
export function formatDay(day: string): string {
  return formatter("day", "UTC").format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** A zone's name as people read it: "Asia/Kolkata" → "Asia/Kolkata", "America/New_York" → "America/New York". */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, " ");
}

/** The note under times: "Times in Europe/Berlin". */
export function zoneNote(timeZone: string): string {
  return `Times in ${zoneName(timeZone)}`;
}

/** The zone this browser is in (the fallback when a page does not know the viewer's profile zone). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A short description of a browser from its user agent: "Chrome on Linux". */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /curl|node|undici/i.test(userAgent)
            ? "Script"
            : "Browser";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "";
  return system ? `${browser} on ${system}` : browser;
}
