import { calendarMultiGet, calendarQuery, propfind, syncCollection } from "tsdav";
import { CalendarInputError, checkCalendarUrl, type Lookup } from "./ssrf-guard.ts";

/** Why talking to a CalDAV server failed; `message` is shown to the person on their connection. */
export type CalDavFailure =
  | "unauthorized"
  | "not_caldav"
  | "server_error"
  | "timeout"
  | "unreachable"
  | "blocked";

export class CalDavError extends Error {
  constructor(
    readonly failure: CalDavFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface CalDavSettings {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
  lookup?: Lookup;
}

export interface CalDavCredentials {
  url: string;
  username: string;
  password: string;
}

export interface RemoteObject {
  href: string;
  etag: string | null;
  data: string;
}

export interface SyncResult {
  /** The token to send next time (null when the server does not do sync-collection). */
  syncToken: string | null;
  /** Everything was read again (first sync, expired token, no sync support): replace what is kept. */
  full: boolean;
  changed: RemoteObject[];
  deleted: string[];
}

const MAX_REDIRECTS = 3;
const MULTIGET_CHUNK = 200;

/**
 * A CalDAV client for one person's calendar, on tsdav's requests with our own fetch: every request
 * (redirects included) passes the SSRF guard, carries Basic auth, and is bounded by a timeout, so
 * a server that never answers fails the sync with a clear message instead of holding it.
 */
export function calDavClient(credentials: CalDavCredentials, settings: CalDavSettings) {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;

  const guardedFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    for (let hop = 0; ; hop += 1) {
      try {
        await checkCalendarUrl(url, settings);
      } catch (error) {
        if (error instanceof CalendarInputError) throw new CalDavError("blocked", error.message);
        throw error;
      }
      const headers = new Headers(init.headers);
      headers.set("authorization", authorization);
      let response: Response;
      try {
        response = await fetch(url, {
          ...init,
          headers,
          redirect: "manual",
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === "TimeoutError" || name === "AbortError") {
          throw new CalDavError(
            "timeout",
            `The calendar server did not answer within ${Math.round(settings.timeoutMs / 1000)} seconds.`,
          );
        }
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new CalDavError(
          "unreachable",
          `Could not reach the calendar server${cause ? ` (${cause})` : ""}. Check the address.`,
        );
      }
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
        await response.body?.cancel();
        url = new URL(location, url).href;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new CalDavError(
          "unauthorized",
          `The calendar server refused the user name or app password (${response.status}). Check them, or make a new app password.`,
          response.status,
        );
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        throw new CalDavError(
          "server_error",
          `The calendar server had an error (HTTP ${response.status}). Trellis will try again later.`,
          response.status,
        );
      }
      return response;
    }
  };
  const fetchOption = { fetch: guardedFetch as typeof fetch };

  /** PROPFIND that must succeed with a multistatus; a page that is not DAV means "not CalDAV". */
  async function props(url: string, wanted: Record<string, object>, depth: "0" | "1") {
    const responses = await propfind({ url, props: wanted, depth, ...fetchOption });
    if (responses.length === 0 || responses.every((response) => !response.props)) return [];
    return responses;
  }

  const hrefOf = (value: unknown): string | null => {
    const href = (value as { href?: unknown } | undefined)?.href;
    const first = Array.isArray(href) ? href[0] : href;
    return typeof first === "string" && first !== "" ? first : null;
  };
  const isCalendar = (resourcetype: unknown) =>
    Object.keys((resourcetype as object) ?? {}).includes("calendar");
  const notCalDav = () =>
    new CalDavError(
      "not_caldav",
      "No CalDAV calendar was found at that address. Use the CalDAV address your calendar provider gives for apps (for Nextcloud: Settings → Calendar → Copy primary CalDAV address).",
    );

  return {
    /**
     * Finds the calendar to use: the URL itself when it is a calendar, else the first calendar for
     * events in the user's calendar home (URL → current-user-principal → calendar-home-set).
     */
    async discover(): Promise<{ calendarUrl: string; displayName: string | null }> {
      const base = credentials.url.endsWith("/") ? credentials.url : `${credentials.url}/`;
      const [self] = await props(
        base,
        {
          "d:resourcetype": {},
          "d:displayname": {},
          "d:current-user-principal": {},
          "c:calendar-home-set": {},
        },
        "0",
      );
      if (!self?.props) throw notCalDav();
      if (isCalendar(self.props.resourcetype)) {
        return {
          calendarUrl: new URL(self.href ?? base, base).href,
          displayName: displayNameOf(self.props.displayname),
        };
      }
      let home = hrefOf(self.props.calendarHomeSet);
      const principal = hrefOf(self.props.currentUserPrincipal);
      if (!home && principal) {
        const [found] = await props(new URL(principal, base).href, { "c:calendar-home-set": {} }, "0");
        home = hrefOf(found?.props?.calendarHomeSet);
      }
      const homeUrl = home ? new URL(home, base).href : base;
      const children = await props(
        homeUrl,
        { "d:resourcetype": {}, "d:displayname": {}, "c:supported-calendar-component-set": {} },
        "1",
      );
      const calendar = children.find(
        (child) =>
          isCalendar(child.props?.resourcetype) && supportsEvents(child.props?.supportedCalendarComponentSet),
      );
      if (!calendar?.href) throw notCalDav();
      return {
        calendarUrl: new URL(calendar.href, homeUrl).href,
        displayName: displayNameOf(calendar.props?.displayname),
      };
    },

    /**
     * What changed in the calendar since `syncToken` (sync-collection, RFC 6578), with the changed
     * objects' data read by calendar-multiget. An expired token, no token or a server without
     * sync-collection reads everything (`full`).
     */
    async sync(calendarUrl: string, syncToken: string | null): Promise<SyncResult> {
      let full = syncToken === null;
      const report = (token: string) =>
        syncCollection({
          url: calendarUrl,
          props: { "d:getetag": {} },
          syncLevel: 1,
          syncToken: token,
          ...fetchOption,
        });
      let responses: Awaited<ReturnType<typeof report>>;
      try {
        responses = await report(syncToken ?? "");
      } catch (error) {
        // A token the server no longer knows is refused with 403 (DAV:valid-sync-token): read all again.
        if (!(error instanceof CalDavError && error.status === 403 && syncToken !== null)) throw error;
        full = true;
        responses = await report("");
      }
      const refused = (list: typeof responses) =>
        list.length === 1 && !list[0]?.props && (list[0]?.status ?? 200) >= 400;
      let multistatus = responses[0]?.raw?.multistatus;
      if (!multistatus) {
        // A 2xx that is not a multistatus (a web page): not a calendar.
        if (!refused(responses)) throw notCalDav();
        // No sync-collection here: list every event with its ETag (a calendar-query) instead.
        full = true;
        responses = await calendarQuery({
          url: calendarUrl,
          props: { "d:getetag": {} },
          filters: {
            "comp-filter": {
              _attributes: { name: "VCALENDAR" },
              "comp-filter": { _attributes: { name: "VEVENT" } },
            },
          },
          depth: "1",
          ...fetchOption,
        });
        if (!responses[0]?.raw?.multistatus) throw notCalDav();
        multistatus = undefined;
      }
      const newToken = multistatus?.syncToken ? String(multistatus.syncToken) : null;
      const objects = responses.filter(
        (response) => typeof response.href === "string" && response.href.endsWith(".ics"),
      );
      const deleted = objects
        .filter((response) => response.status === 404)
        .map((response) => new URL(response.href as string, calendarUrl).href);
      const changedHrefs = objects
        .filter((response) => response.status !== 404)
        .map((response) => new URL(response.href as string, calendarUrl).pathname);
      const changed: RemoteObject[] = [];
      for (let index = 0; index < changedHrefs.length; index += MULTIGET_CHUNK) {
        const chunk = changedHrefs.slice(index, index + MULTIGET_CHUNK);
        const got = await calendarMultiGet({
          url: calendarUrl,
          props: { "d:getetag": {}, "c:calendar-data": {} },
          objectUrls: chunk,
          depth: "1",
          ...fetchOption,
        });
        for (const response of got) {
          const data = response.props?.calendarData?._cdata ?? response.props?.calendarData;
          if (!response.href || typeof data !== "string") continue;
          changed.push({
            href: new URL(response.href, calendarUrl).href,
            etag: response.props?.getetag == null ? null : String(response.props.getetag),
            data,
          });
        }
      }
      return { syncToken: newToken, full, changed, deleted };
    },

    /** The object at `href` now, or null when it is gone. */
    async get(href: string): Promise<RemoteObject | null> {
      const response = await guardedFetch(href, { method: "GET" });
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new CalDavError(
          "server_error",
          `Reading a calendar entry failed (HTTP ${response.status}).`,
          response.status,
        );
      }
      return { href, etag: response.headers.get("etag"), data: await response.text() };
    },

    /**
     * Writes an object: a new one with If-None-Match: * (never overwrite), an update with
     * If-Match: etag. Returns the new ETag, or `{ conflict: true }` on 412 (someone changed it in
     * between; the caller reads it again and retries).
     */
    async put(
      href: string,
      data: string,
      etag: string | null,
    ): Promise<{ conflict: true } | { conflict: false; etag: string | null }> {
      const headers: Record<string, string> = { "content-type": "text/calendar; charset=utf-8" };
      if (etag) headers["if-match"] = etag;
      else headers["if-none-match"] = "*";
      const response = await guardedFetch(href, { method: "PUT", headers, body: data });
      await response.body?.cancel();
      if (response.status === 412) return { conflict: true };
      if (!response.ok) {
        throw new CalDavError(
          "server_error",
          `Saving to the calendar failed (HTTP ${response.status}).`,
          response.status,
        );
      }
      return { conflict: false, etag: response.headers.get("etag") };
    },

    /**
     * Writes our object whatever happened to it meanwhile: on a stale If-Match (412: edited in the
     * calendar app, or our ETag lost) it reads the current ETag and writes again; Trellis owns
     * the session, so its version wins. Returns the new ETag.
     */
    async write(href: string, data: string, knownEtag: string | null): Promise<string | null> {
      let etag = knownEtag;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const result = await this.put(href, data, etag);
        if (!result.conflict) return result.etag ?? (await this.get(href))?.etag ?? null;
        etag = (await this.get(href))?.etag ?? null;
      }
      throw new CalDavError(
        "server_error",
        "The calendar entry kept changing while Trellis saved it; it will try again.",
      );
    },

    /** Deletes an object (If-Match when an ETag is known); gone already counts as deleted. */
    async remove(href: string, etag: string | null): Promise<{ conflict: boolean }> {
      const response = await guardedFetch(href, {
        method: "DELETE",
        headers: etag ? { "if-match": etag } : {},
      });
      await response.body?.cancel();
      if (response.status === 412) return { conflict: true };
      if (!response.ok && response.status !== 404 && response.status !== 410) {
        throw new CalDavError(
          "server_error",
          `Removing from the calendar failed (HTTP ${response.status}).`,
          response.status,
        );
      }
      return { conflict: false };
    },
  };
}

export type CalDavClient = ReturnType<typeof calDavClient>;

function displayNameOf(value: unknown): string | null {
  const text = (value as { _cdata?: unknown } | undefined)?._cdata ?? value;
  return typeof text === "string" && text !== "" ? text : null;
}

function supportsEvents(set: unknown): boolean {
  const comp = (set as { comp?: unknown } | undefined)?.comp;
  if (comp === undefined) return true;
  const list = Array.isArray(comp) ? comp : [comp];
  return list.some((entry) => (entry as { _attributes?: { name?: string } })?._attributes?.name === "VEVENT");
}
