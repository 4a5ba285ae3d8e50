import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import {
  CLOSE_CODES,
  parseTopic,
  REALTIME_PATH,
  type ServerMessage,
  type Topic,
} from "../../contracts/realtime.ts";

/**
 * Live updates: one WebSocket per tab (GET /api/realtime), shared by every component that wants
 * to hear a topic. A push names topics and a sequence number, never content: the tab refetches
 * the queries a topic concerns through the typed client, so every byte shown still comes from a
 * presenter. The socket reconnects with backoff and subscribes again; after a reconnect, a
 * "resync", or a tab waking up, the queries on screen are read again (what was missed meanwhile).
 */

/** What a component hears: the topics of one push (only those it asked for). */
export type RealtimeHandler = (topics: string[]) => void;

const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
/**
 * Pushes within this window are handled together, and refetches start at most this often: a
 * burst of progress costs a few reads, and each read has time to finish before the next one
 * replaces it (a refetch cancels the one in flight, which may have read before the change).
 */
const COALESCE_MS = 250;
/** A tab hidden for longer than this reads its queries again when it is shown. */
const WAKE_AFTER_MS = 10_000;

/**
 * The queries a push concerns: for an id-named thing (request, relationship, run, import,
 * programme), every query whose key names that id; for "user:<me>" or "org:<org>" (something
 * about me: a notification, one of my requests or pairs), every query of the organisation shown.
 */
export function concerns(topics: readonly string[], queryKey: readonly unknown[]): boolean {
  for (const value of topics) {
    const topic = parseTopic(value);
    if (!topic) continue;
    if (topic.kind === "user" || topic.kind === "org") {
      if (queryKey[0] === "org") return true;
    } else if (queryKey.includes(topic.id)) return true;
  }
  return false;
}

export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private readonly counts = new Map<string, number>();
  private readonly handlers = new Set<{ topics: ReadonlySet<string>; handle: RealtimeHandler }>();
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private pending = new Set<string>();
  private flush: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  private hiddenSince: number | null = null;
  private connectedOnce = false;
  private identity: string | null = null;

  constructor(
    private readonly queries: QueryClient,
    private readonly url: () => string = defaultUrl,
  ) {}

  /** Hears `topics` until the returned function is called. */
  listen(topics: readonly string[], handle?: RealtimeHandler): () => void {
    const entry = { topics: new Set(topics), handle: handle ?? (() => {}) };
    this.handlers.add(entry);
    const fresh: string[] = [];
    for (const topic of entry.topics) {
      const count = this.counts.get(topic) ?? 0;
      this.counts.set(topic, count + 1);
      if (count === 0) fresh.push(topic);
    }
    if (fresh.length > 0) this.send({ type: "subscribe", topics: fresh });
    this.ensureOpen();
    return () => {
      this.handlers.delete(entry);
      const gone: string[] = [];
      for (const topic of entry.topics) {
        const count = (this.counts.get(topic) ?? 1) - 1;
        if (count > 0) this.counts.set(topic, count);
        else {
          this.counts.delete(topic);
          gone.push(topic);
        }
      }
      if (gone.length > 0) this.send({ type: "unsubscribe", topics: gone });
    };
  }

  /** The tab was hidden or offline and is back: reconnect at once, and read what is shown again. */
  wake(): void {
    if (this.counts.size === 0) return;
    if (this.socket?.readyState !== WebSocket.OPEN) {
      this.attempt = 0;
      if (this.retry) clearTimeout(this.retry);
      this.retry = null;
      this.ensureOpen();
    }
    this.catchUp();
  }

  /** The document's visibility changed. */
  visibility(hidden: boolean): void {
    if (hidden) this.hiddenSince ??= Date.now();
    else {
      const since = this.hiddenSince;
      this.hiddenSince = null;
      if (since !== null && Date.now() - since > WAKE_AFTER_MS) this.wake();
    }
  }

  /**
   * The signed-in person. A socket is authorised as whoever held the session when it opened, so
   * when someone else signs in in this tab the socket is opened again with their cookie.
   */
  identify(userId: string | null): void {
    if (userId === this.identity) return;
    const before = this.identity;
    this.identity = userId;
    if (before === null || !this.socket) return;
    const old = this.socket;
    this.socket = null;
    old.close(1000, "Someone else signed in.");
    this.connectedOnce = false;
    this.ensureOpen();
  }

  private send(message: { type: "subscribe" | "unsubscribe"; topics: string[] }): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private ensureOpen(): void {
    if (this.socket || this.retry || this.counts.size === 0) return;
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      const topics = [...this.counts.keys()];
      if (topics.length > 0) socket.send(JSON.stringify({ type: "subscribe", topics }));
      // Whatever happened while there was no socket was not pushed: read it now.
      if (this.connectedOnce) this.catchUp();
      this.connectedOnce = true;
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === CLOSE_CODES.signedOut) {
        // The session ended: /api/me says so, and the app asks to sign in.
        void this.queries.invalidateQueries({ queryKey: ["me"] });
        return;
      }
      if (this.counts.size === 0) return;
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 30_000;
      this.attempt++;
      this.retry = setTimeout(
        () => {
          this.retry = null;
          this.ensureOpen();
        },
        delay / 2 + Math.random() * (delay / 2),
      );
    };
  }

  private receive(data: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === "resync") this.catchUp();
    if (message.type === "subscribed") {
      // What changed between the page's first read and this subscription was not pushed: read a
      // thing shown once more (a run may have finished meanwhile). Not for "user:" and "org:",
      // which would read the whole page again on every page load.
      const things = message.topics.filter((topic) => !/^(user|org):/.test(topic));
      if (things.length > 0) this.later(things);
      return;
    }
    if (message.type !== "event") return;
    this.later(message.topics);
    for (const handler of this.handlers) {
      const heard = message.topics.filter((topic) => handler.topics.has(topic));
      if (heard.length > 0) handler.handle(heard);
    }
  }

  /** Refetches what the topics concern: at once, or once for all pushes within COALESCE_MS. */
  private later(topics: readonly string[]): void {
    for (const topic of topics) this.pending.add(topic);
    if (this.flush) return;
    const wait = Math.max(0, this.lastFlush + COALESCE_MS - Date.now());
    this.flush = setTimeout(() => {
      this.flush = null;
      this.lastFlush = Date.now();
      const topics = [...this.pending];
      this.pending.clear();
      void this.queries.invalidateQueries({ predicate: (query) => concerns(topics, query.queryKey) });
    }, wait);
  }

  /** Reads again every query on screen (the others are marked stale and read when next shown). */
  private catchUp(): void {
    void this.queries.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "me" });
  }
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}${REALTIME_PATH}`;
}

let shared: RealtimeConnection | null = null;

/** The tab's one connection, made on first use, woken by visibilitychange and online. */
export function realtimeConnection(queries: QueryClient): RealtimeConnection {
  if (shared) return shared;
  const connection = new RealtimeConnection(queries);
  shared = connection;
  document.addEventListener("visibilitychange", () => connection.visibility(document.hidden));
  window.addEventListener("online", () => connection.wake());
  return connection;
}

/** Tells the tab's connection who is signed in (see RealtimeConnection.identify). */
export function useRealtimeIdentity(userId: string | null): void {
  const queries = useQueryClient();
  useEffect(() => realtimeConnection(queries).identify(userId), [userId, queries]);
}

/**
 * Hears `topics` while the component is mounted (none while the list is empty): the queries they
 * concern are refetched on each push; `onEvent`, when given, is called too.
 */
export function useRealtime(
  topics: readonly (Topic | "" | null | undefined | false)[],
  onEvent?: RealtimeHandler,
): void {
  const queries = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = topics
    .filter((topic): topic is Topic => Boolean(topic))
    .sort()
    .join(" ");
  useEffect(() => {
    if (!key) return;
    return realtimeConnection(queries).listen(key.split(" "), (heard) => handler.current?.(heard));
  }, [key, queries]);
}
