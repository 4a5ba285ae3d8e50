import type { ServerMessage } from "../../contracts/realtime.ts";
import type { ChangeFeed, RealtimePush } from "../../db/index.ts";

/** What the hub needs of a socket (a `ws` WebSocket has all of it). */
export interface PushTarget {
  send(data: string): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
}

/** A socket that has not read this much of what was sent to it is closed: it reconnects and reads again. */
const MAX_BUFFERED_BYTES = 1_048_576;

/**
 * The instance's sockets by topic. Every instance hears every push (the change feed), and hands
 * each to the sockets here that subscribed to one of its topics: one message per socket and push,
 * naming the topics that socket hears. When the feed may have missed pushes, every socket is told
 * to read everything again ("resync").
 */
export class RealtimeHub {
  private readonly byTopic = new Map<string, Set<PushTarget>>();
  private readonly topicsOf = new Map<PushTarget, Set<string>>();
  private readonly stopListening: () => void;

  constructor(feed: ChangeFeed) {
    this.stopListening = feed.onRealtime({
      push: (push) => this.deliver(push),
      reset: () => this.broadcast({ type: "resync" }),
    });
  }

  /** Registers a socket (with no topics yet). */
  add(target: PushTarget): void {
    if (!this.topicsOf.has(target)) this.topicsOf.set(target, new Set());
  }

  remove(target: PushTarget): void {
    for (const topic of this.topicsOf.get(target) ?? []) this.unsubscribe(target, [topic]);
    this.topicsOf.delete(target);
  }

  topics(target: PushTarget): ReadonlySet<string> {
    return this.topicsOf.get(target) ?? new Set();
  }

  subscribe(target: PushTarget, topics: readonly string[]): void {
    const mine = this.topicsOf.get(target);
    if (!mine) return;
    for (const topic of topics) {
      mine.add(topic);
      const targets = this.byTopic.get(topic) ?? new Set<PushTarget>();
      targets.add(target);
      this.byTopic.set(topic, targets);
    }
  }

  unsubscribe(target: PushTarget, topics: readonly string[]): void {
    const mine = this.topicsOf.get(target);
    for (const topic of topics) {
      mine?.delete(topic);
      const targets = this.byTopic.get(topic);
      targets?.delete(target);
      if (targets?.size === 0) this.byTopic.delete(topic);
    }
  }

  get size(): number {
    return this.topicsOf.size;
  }

  private deliver(push: RealtimePush): void {
    const heard = new Map<PushTarget, string[]>();
    for (const topic of push.topics) {
      for (const target of this.byTopic.get(topic) ?? []) {
        const topics = heard.get(target);
        if (topics) topics.push(topic);
        else heard.set(target, [topic]);
      }
    }
    for (const [target, topics] of heard) this.send(target, { type: "event", seq: push.seq, topics });
  }

  private broadcast(message: ServerMessage): void {
    for (const target of this.topicsOf.keys()) this.send(target, message);
  }

  send(target: PushTarget, message: ServerMessage): void {
    if (target.bufferedAmount > MAX_BUFFERED_BYTES) {
      target.close(4408, "Too far behind; reconnect and read again.");
      this.remove(target);
      return;
    }
    target.send(JSON.stringify(message));
  }

  /** Stops hearing the feed and closes every socket (the server is shutting down). */
  close(): void {
    this.stopListening();
    for (const target of [...this.topicsOf.keys()]) {
      target.close(1001, "Server shutting down.");
      this.remove(target);
    }
  }
}
