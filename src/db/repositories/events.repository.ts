import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../connection.ts";
import { domainEvents, eventDeliveries } from "../schema.ts";

/** An event to write (its kind and payload are checked against contracts/events.ts before). */
export interface NewEventRow {
  kind: string;
  orgId: string;
  payload: unknown;
  actorId?: string | null;
  /** What it happened to: "request", "relationship" (null: nothing in particular). */
  subjectType?: string | null;
  subjectId?: string | null;
}

/** An event as stored (the server reads it as contracts' StoredDomainEvent). */
export interface StoredEventRow extends NewEventRow {
  id: string;
  seq: number;
  occurredAt: Date;
}

/** One delivery claimed by a dispatcher: the event and which consumer is to handle it. */
export interface ClaimedDelivery {
  event: StoredEventRow;
  consumer: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
}

export interface FailedDeliveryRow {
  eventId: string;
  kind: string;
  consumer: string;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
}

/** Rows per insert: 10,000 events at once would pass PostgreSQL's 65,535 parameters. */
const SLICE = 1_000;

/** The outbox (domain_events) and each consumer's progress on it (event_deliveries). */
export function eventsRepository(db: Database) {
  return {
    /**
     * Writes events and a pending delivery of each to every consumer. Call it with a
     * transaction's repositories: the events commit (or roll back) with the change they describe.
     */
    async append(events: readonly NewEventRow[], consumers: readonly string[]): Promise<string[]> {
      const ids: string[] = [];
      for (let at = 0; at < events.length; at += SLICE) {
        const slice = events.slice(at, at + SLICE);
        const rows = await db
          .insert(domainEvents)
          .values(
            slice.map((event) => ({
              orgId: event.orgId,
              kind: event.kind,
              payload: event.payload as Record<string, unknown>,
              actorId: event.actorId ?? null,
              subjectType: event.subjectId ? (event.subjectType ?? null) : null,
              subjectId: event.subjectId ?? null,
            })),
          )
          .returning({ id: domainEvents.id, orgId: domainEvents.orgId });
        const deliveries = rows.flatMap((row) =>
          consumers.map((consumer) => ({ eventId: row.id, consumer, orgId: row.orgId })),
        );
        for (let d = 0; d < deliveries.length; d += SLICE)
          await db.insert(eventDeliveries).values(deliveries.slice(d, d + SLICE));
        ids.push(...rows.map((row) => row.id));
      }
      return ids;
    },

    /**
     * Claims up to `limit` due deliveries for `leaseMs`: pending, due, and not held by a live
     * lease. FOR UPDATE SKIP LOCKED lets dispatchers on several instances claim side by side
     * without taking the same row; an instance that dies lets its lease run out, and another
     * instance takes the delivery then.
     */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const at = now.toISOString();
      const result = await db.execute(sql`
        with claimed as (
          update event_deliveries d
             set locked_until = ${until}::timestamptz, attempts = d.attempts + 1
           where (d.event_id, d.consumer) in (
             select event_id, consumer from event_deliveries
              where state = 'pending' and run_after <= ${at}::timestamptz
                and (locked_until is null or locked_until < ${at}::timestamptz)
              order by run_after
              limit ${limit}
              for update skip locked)
          returning d.event_id, d.consumer, d.attempts)
        select c.consumer, c.attempts, e.id, e.seq, e.org_id, e.kind, e.payload, e.actor_id,
               e.subject_id, e.occurred_at
          from claimed c join domain_events e on e.id = c.event_id
         order by e.seq`);
      const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows ?? result;
      return (rows as Record<string, unknown>[]).map((row) => ({
        consumer: String(row.consumer),
        attempt: Number(row.attempts),
        event: {
          id: String(row.id),
          seq: Number(row.seq),
          orgId: String(row.org_id),
          kind: String(row.kind),
          payload: row.payload,
          actorId: (row.actor_id as string | null) ?? null,
          subjectId: (row.subject_id as string | null) ?? null,
          occurredAt: new Date(row.occurred_at as string),
        },
      }));
    },

    /** Marks many deliveries of one consumer done in one statement. */
    async markDoneMany(eventIds: readonly string[], consumer: string, now: Date): Promise<void> {
      if (eventIds.length === 0) return;
      await db
        .update(eventDeliveries)
        .set({ state: "done", doneAt: now, lockedUntil: null, lastError: null })
        .where(and(inArray(eventDeliveries.eventId, [...eventIds]), eq(eventDeliveries.consumer, consumer)));
    },

    async markDone(eventId: string, consumer: string, now: Date): Promise<void> {
      await db
        .update(eventDeliveries)
        .set({ state: "done", doneAt: now, lockedUntil: null, lastError: null })
        .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.consumer, consumer)));
    },

    /** Gives the delivery back for another try at `runAfter`, or fails it for good (`final`). */
    async markFailed(
      eventId: string,
      consumer: string,
      error: string,
      next: { runAfter: Date } | { final: true },
    ): Promise<void> {
      await db
        .update(eventDeliveries)
        .set(
          "final" in next
            ? { state: "failed", lastError: error, lockedUntil: null }
            : { lastError: error, lockedUntil: null, runAfter: next.runAfter },
        )
        .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.consumer, consumer)));
    },

    /** Deliveries of the organisation's events that failed after their last try, newest first. */
    async listFailed(orgId: string, limit: number): Promise<FailedDeliveryRow[]> {
      return db
        .select({
          eventId: eventDeliveries.eventId,
          kind: domainEvents.kind,
          consumer: eventDeliveries.consumer,
          attempts: eventDeliveries.attempts,
          lastError: eventDeliveries.lastError,
          occurredAt: domainEvents.occurredAt,
        })
        .from(eventDeliveries)
        .innerJoin(domainEvents, eq(domainEvents.id, eventDeliveries.eventId))
        .where(and(eq(eventDeliveries.orgId, orgId), eq(eventDeliveries.state, "failed")))
        .orderBy(desc(domainEvents.seq))
        .limit(limit);
    },

    /** Counts by state (tests, the bench, health). */
    async deliveryCounts(): Promise<Record<string, number>> {
      const rows = await db
        .select({ state: eventDeliveries.state, n: sql<number>`count(*)::int` })
        .from(eventDeliveries)
        .groupBy(eventDeliveries.state);
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    },
  };
}
