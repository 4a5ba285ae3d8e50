import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The channel the triggers of migration 0002 notify on. */
export const CHANGE_CHANNEL = "trellis_changes";
/** The channel the realtime triggers (the realtime migration) notify on: ids and topics only. */
export const REALTIME_CHANNEL = "trellis_realtime";
/** The listening connection's application_name, as pg_stat_activity shows it. */
export const CHANGE_FEED_APPLICATION = "trellis-change-feed";

/**
 * A committed write to what a programme's mentor search is built from, naming the person whose
 * row it was: a profile (programmeId null), or an enrolment or a relationship (the mentor's) in a
 * programme. userId null means "anyone" (what is kept of the whole programme or organisation).
 */
export interface Change {
  orgId: string;
  programmeId: string | null;
  userId: string | null;
}

export interface ChangeListener {
  change(change: Change): void;
  /** Changes may have been missed (the feed's connection dropped): forget everything kept. */
  reset(): void;
}

/**
 * A committed change announced for live updates: the topics it concerns ("request:<id>",
 * "user:<id>", ...) and a database-wide sequence number. Never content: whoever hears it reads
 * what it wants through the API.
 */
export interface RealtimePush {
  seq: number;
  topics: string[];
}

export interface RealtimeListener {
  push(push: RealtimePush): void;
  /** Pushes may have been missed (the feed's connection dropped): everything shown may be stale. */
  reset(): void;
}

/**
 * Every instance hears every committed change (PostgreSQL LISTEN/NOTIFY, fed by triggers), so an
 * instance can keep data in memory and drop it when any instance changes it.
 */
export interface ChangeFeed {
  /** Starts listening (the first call connects); returns the way to stop. */
  subscribe(listener: ChangeListener): () => void;
  /** Hears the realtime channel (the first call connects); returns the way to stop. */
  onRealtime(listener: RealtimeListener): () => void;
  /**
   * Resolves true once every change committed before the call has reached the listeners: a round
   * trip on the listening connection, after which PostgreSQL has sent every notification queued
   * before it. False when the feed is not connected: nothing kept from it may be trusted then.
   */
  sync(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * "<org>//<user>", "<org>/<programme>/<user>" as the triggers write them, or "<org>" and
 * "<org>/<programme>" for anyone there; null for anything else.
 */
export function parseChange(payload: string): Change | null {
  const parts = payload.split("/");
  const [orgId, programmeId, userId] = parts;
  if (!orgId || parts.length > 3 || (parts.length === 2 && !programmeId) || (parts.length === 3 && !userId))
    return null;
  return { orgId, programmeId: programmeId || null, userId: userId ?? null };
}

/** "<seq> <topic> <topic> ..." as trellis_realtime_push writes it; null for anything else. */
export function parseRealtime(payload: string): RealtimePush | null {
  const [first, ...topics] = payload.split(" ");
  const seq = Number(first);
  if (!Number.isSafeInteger(seq) || seq <= 0 || topics.length === 0 || topics.some((topic) => !topic))
    return null;
  return { seq, topics };
}

function dispatchRealtime(listeners: ReadonlySet<RealtimeListener>, payload: string): void {
  const push = parseRealtime(payload);
  if (!push) return;
  for (const listener of listeners) listener.push(push);
}

function dispatch(listeners: ReadonlySet<ChangeListener>, payload: string): void {
  const change = parseChange(payload);
  for (const listener of listeners) {
    if (change) listener.change(change);
    else listener.reset();
  }
}

/** The feed of an embedded database: one in-process connection, which hears its own commits. */
export function embeddedChangeFeed(client: PGlite): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const realtime = new Set<RealtimeListener>();
  let listening: Promise<unknown> | null = null;
  let listeningRealtime = false;
  let closed = false;
  return {
    subscribe(listener) {
      listeners.add(listener);
      listening ??= client.listen(CHANGE_CHANNEL, (payload) => dispatch(listeners, payload));
      return () => listeners.delete(listener);
    },
    onRealtime(listener) {
      realtime.add(listener);
      if (!listeningRealtime) {
        listeningRealtime = true;
        client.listen(REALTIME_CHANNEL, (payload) => dispatchRealtime(realtime, payload)).catch(() => {});
      }
      return () => realtime.delete(listener);
    },
    async sync() {
      if (closed || !listening || client.closed) return false;
      try {
        await listening;
        // PGlite hands notifications to listeners in microtasks queued as it reads the reply to
        // the writing statement; one more statement and they have all run.
        await client.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      listeners.clear();
      realtime.clear();
    },
  };
}

/**
 * The feed of a PostgreSQL server: one dedicated connection LISTENing. When it drops, listeners
 * are reset and it reconnects (after `retryMs`) while anyone listens.
 */
export function serverChangeFeed(url: string, options: { retryMs?: number } = {}): ChangeFeed {
  const retryMs = options.retryMs ?? 1000;
  const listeners = new Set<ChangeListener>();
  const realtime = new Set<RealtimeListener>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client | null> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  /** A connection was lost: what was pushed between the loss and the next connection is gone. */
  let missed = false;

  const lost = (dead: pg.Client) => {
    if (client !== dead) return;
    client = null;
    missed = true;
    dead.removeAllListeners("notification");
    dead.end().catch(() => {});
    for (const listener of listeners) listener.reset();
    for (const listener of realtime) listener.reset();
    if (!closed && listeners.size + realtime.size > 0 && !retry)
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, retryMs);
  };

  const connect = (): Promise<pg.Client | null> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const fresh = new pg.Client({ connectionString: url, application_name: CHANGE_FEED_APPLICATION });
      // An error on an idle connection is reported here, not thrown; "end" follows a lost socket.
      fresh.on("error", () => lost(fresh));
      fresh.on("end", () => lost(fresh));
      fresh.on("notification", (message) => {
        if (message.channel === REALTIME_CHANNEL) dispatchRealtime(realtime, message.payload ?? "");
        else dispatch(listeners, message.payload ?? "");
      });
      try {
        await fresh.connect();
        await fresh.query(`listen ${CHANGE_CHANNEL}; listen ${REALTIME_CHANNEL}`);
        if (closed) {
          await fresh.end();
          return null;
        }
        client = fresh;
        if (missed) {
          missed = false;
          for (const listener of realtime) listener.reset();
        }
        return fresh;
      } catch {
        fresh.removeAllListeners("notification");
        await fresh.end().catch(() => {});
        return null;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      void connect();
      return () => listeners.delete(listener);
    },
    onRealtime(listener) {
      realtime.add(listener);
      void connect();
      return () => realtime.delete(listener);
    },
    async sync() {
      if (closed || listeners.size + realtime.size === 0) return false;
      const live = client ?? (await connect());
      if (!live) return false;
      try {
        await live.query("select 1");
        return client === live;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      listeners.clear();
      realtime.clear();
      if (retry) clearTimeout(retry);
      const open = client ?? (await connecting);
      client = null;
      await open?.end().catch(() => {});
    },
  };
}
