import { type DomainEvent, EVENT_SCHEMAS, subjectTypeOf } from "../../contracts/events.ts";
import type { Repositories } from "../../db/index.ts";
import { CONSUMER_NAMES } from "./consumer-names.ts";

/**
 * Records domain events in the outbox with a pending delivery to every consumer. Call it with the
 * transaction's repositories, so the events commit (or roll back) with the change they describe;
 * then call `deps.events.afterCommit()` once the transaction committed, so they go out at once
 * (a periodic sweep delivers them anyway, from any instance, if this one dies first).
 * A payload that does not match its kind's schema is a programming error: it throws, and the
 * change rolls back with it.
 */
export async function recordEvents(repos: Repositories, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    const checked = EVENT_SCHEMAS[event.kind].safeParse(event.payload);
    if (!checked.success) throw new Error(`Event ${event.kind} has a bad payload: ${checked.error.message}`);
  }
  await repos.events.append(
    events.map((event) => ({ ...event, subjectType: subjectTypeOf(event.kind) })),
    CONSUMER_NAMES,
  );
}
