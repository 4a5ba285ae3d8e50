import type { StoredDomainEvent } from "../../contracts/events.ts";
import type { ServerDeps } from "../deps.ts";
import type { ConsumerName } from "./consumer-names.ts";
import { BATCH_CONSUMERS, type BatchConsumer, type Consumer, CONSUMERS } from "./consumers.ts";
import type { ClaimedDelivery } from "../../db/repositories/events.repository.ts";

/** Tries of one delivery before it is recorded failed (visible to admins). */
export const MAX_ATTEMPTS = 5;
/** A claim lasts this long; a dispatcher that died lets it lapse and another instance takes over. */
const LEASE_MS = 60_000;
/** Deliveries claimed per round. */
const BATCH = 50;

/** Milliseconds before the next try after `attempt` failed: 2 s, 8 s, 32 s, 128 s (at most 10 minutes). */
export function backoffMs(attempt: number): number {
  return Math.min(2_000 * 4 ** (attempt - 1), 600_000);
}

export interface EventDispatcher {
  /**
   * Call after the transaction that recorded events committed. In the server it starts a
   * dispatch round in the background and returns at once; with `inline` (tests) it waits for it.
   */
  afterCommit(): Promise<void>;
  /** Delivers every due delivery now (until none is left); returns how many were handled. */
  drain(): Promise<number>;
  /** Waits for the background rounds started so far. */
  idle(): Promise<void>;
  /** Binds the dependencies the consumers use (once they exist). */
  bind(deps: ServerDeps): void;
}

/**
 * Delivers the outbox to the consumers, after commit, at least once, from any instance: each
 * round claims due deliveries under FOR UPDATE SKIP LOCKED with a lease, runs the consumer, and
 * marks it done; a consumer that throws is tried again with backoff and after MAX_ATTEMPTS tries
 * is recorded failed. One failing delivery never holds up the others. A periodic job (events.ts
 * in jobs) drains too, so events recorded by an instance that died before dispatching go out.
 */
export function createEventDispatcher(
  options: {
    inline?: boolean;
    consumers?: Record<ConsumerName, Consumer>;
    onError?: (error: unknown, consumer: string, kind: string) => void;
  } = {},
): EventDispatcher {
  const consumers = options.consumers ?? CONSUMERS;
  // Batches only with the real consumers (a test that brings its own runs them one by one).
  const batchConsumers: Partial<Record<string, BatchConsumer>> = options.consumers ? {} : BATCH_CONSUMERS;
  let deps: ServerDeps | undefined;
  let running: Promise<number> | null = null;
  let again = false;

  async function deliverOne(d: ServerDeps, { event, consumer, attempt }: ClaimedDelivery): Promise<void> {
    const handle = consumers[consumer as ConsumerName];
    try {
      if (!handle) throw new Error(`No consumer named ${consumer}.`);
      await handle(d, event as StoredDomainEvent);
      await d.repos.events.markDone(event.id, consumer, d.now());
    } catch (error) {
      options.onError?.(error, consumer, event.kind);
      const message = error instanceof Error ? error.message : String(error);
      await d.repos.events.markFailed(
        event.id,
        consumer,
        message.slice(0, 2_000),
        attempt >= MAX_ATTEMPTS
          ? { final: true }
          : { runAfter: new Date(d.now().getTime() + backoffMs(attempt)) },
      );
    }
  }

  async function round(d: ServerDeps): Promise<number> {
    const claimed = await d.repos.events.claimDue(d.now(), BATCH, LEASE_MS);
    const single: ClaimedDelivery[] = [];
    const batches = new Map<string, ClaimedDelivery[]>();
    for (const delivery of claimed) {
      if (batchConsumers[delivery.consumer]) {
        const list = batches.get(delivery.consumer) ?? [];
        list.push(delivery);
        batches.set(delivery.consumer, list);
      } else single.push(delivery);
    }
    for (const [consumer, list] of batches) {
      try {
        await batchConsumers[consumer]?.(
          d,
          list.map((delivery) => delivery.event as StoredDomainEvent),
        );
      } catch {
        // One bad event must not hold up the rest: try them one by one, each with its own retries.
        single.push(...list);
      }
    }
    await Promise.all(single.map((delivery) => deliverOne(d, delivery)));
    return claimed.length;
  }

  async function drainAll(d: ServerDeps): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await round(d);
      total += handled;
      if (handled < BATCH) return total;
    }
  }

  /** One drain at a time per instance; a wake-up during it runs another right after. */
  function drain(): Promise<number> {
    const d = deps;
    if (!d) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainAll(d);
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    bind(bound) {
      deps = bound;
    },
    drain,
    async afterCommit() {
      const pending = drain().catch((error) => {
        options.onError?.(error, "dispatcher", "round");
        return 0;
      });
      if (options.inline) await pending;
    },
    async idle() {
      while (running) await running.catch(() => 0);
    },
  };
}
