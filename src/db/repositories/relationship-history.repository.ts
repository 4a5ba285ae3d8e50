import { and, asc, eq, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { RelationshipId, RelationshipStatus } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { domainEvents, relationships, users } from "../schema.ts";

export interface RelationshipEventRecord {
  id: string;
  kind: string;
  fromStatus: RelationshipStatus | null;
  toStatus: RelationshipStatus | null;
  actorId: UserId | null;
  actorName: string | null;
  detail: string | null;
  createdAt: Date;
}

export interface NewRelationshipEvent {
  kind: string;
  fromStatus: RelationshipStatus | null;
  toStatus: RelationshipStatus | null;
  actorId: UserId | null;
  detail: string | null;
}

/**
 * A relationship's history lives in the domain event stream (issue 9): each entry is a
 * `relationship.changed` event whose subject is the relationship, with no deliveries (nobody is
 * told by it; the notices are events of their own). Its payload, as contracts/events.ts states it.
 */
export const HISTORY_KIND = "relationship.changed";

interface HistoryPayload {
  relationshipId: string;
  change: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: string | null;
}

export function historyRow(orgId: OrgId, relationshipId: RelationshipId, event: NewRelationshipEvent) {
  const payload: HistoryPayload = {
    relationshipId,
    change: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    detail: event.detail,
  };
  return {
    orgId,
    kind: HISTORY_KIND,
    payload: payload as unknown as Record<string, unknown>,
    actorId: event.actorId,
    subjectType: "relationship",
    subjectId: relationshipId,
  };
}

/** A relationship's history, kept in the domain event stream: each entry is a relationship.changed event whose subject is the relationship, with no deliveries (nobody is told by it; the notices are events of their own). */
export function relationshipHistoryRepository(db: Database) {
  return {
    /** Writes a history event and counts it as activity of the pair (call under the row lock). */
    async addEvent(
      orgId: OrgId,
      relationshipId: RelationshipId,
      event: NewRelationshipEvent,
      at: Date,
    ): Promise<void> {
      // Strictly after the pair's previous event, so a change that writes several events (confirmed,
      // then activated) reads back in the order it happened, even with clocks a little apart.
      const instant = at.toISOString();
      const occurredAt = sql`greatest(${instant}::timestamptz, (select max(e.occurred_at) + interval '1 millisecond' from ${domainEvents} e where e.subject_id = ${relationshipId} and e.kind = ${HISTORY_KIND}))`;
      await db
        .insert(domainEvents)
        .values({ ...historyRow(orgId, relationshipId, event), occurredAt: occurredAt as unknown as Date });
      await db
        .update(relationships)
        .set({ lastActivityAt: at })
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)));
    },

    /**
     * Claims active pairs whose fit check has opened and who were not reminded yet: writes a
     * "fit_check_due" event for each (once per pair; FOR UPDATE SKIP LOCKED, so instances running
     * the sweep at once share the work) and returns their ids. A reminder is not the pair's own
     * activity, so it leaves last_activity_at alone.
     */
    async claimDueFitChecks(
      today: string,
      at: Date,
      limit: number,
    ): Promise<{ orgId: OrgId; relationshipId: RelationshipId }[]> {
      const result = await db.execute(sql`
        with due as (
          select r.id, r.org_id from ${relationships} r
          where r.status = 'active' and r.fit_check_due_on <= ${today}::date
            and not exists (
              select 1 from ${domainEvents} e
              where e.subject_id = r.id and e.kind = ${HISTORY_KIND}
                and e.payload->>'change' = 'fit_check_due'
            )
          order by r.fit_check_due_on, r.id
          limit ${limit}
          for update of r skip locked
        )
        insert into ${domainEvents} (org_id, kind, payload, subject_type, subject_id, occurred_at)
        select due.org_id, ${HISTORY_KIND},
               jsonb_build_object('relationshipId', due.id, 'change', 'fit_check_due',
                                  'fromStatus', null, 'toStatus', null, 'detail', null),
               'relationship', due.id, ${at.toISOString()}::timestamptz from due
        returning org_id, subject_id`);
      return (result as unknown as { rows: { org_id: OrgId; subject_id: RelationshipId }[] }).rows.map(
        (row) => ({ orgId: row.org_id, relationshipId: row.subject_id }),
      );
    },

    /** The history, oldest first. */
    async listEvents(orgId: OrgId, relationshipId: RelationshipId): Promise<RelationshipEventRecord[]> {
      const rows = await db
        .select({
          id: domainEvents.id,
          payload: domainEvents.payload,
          actorId: domainEvents.actorId,
          actorName: users.name,
          createdAt: domainEvents.occurredAt,
        })
        .from(domainEvents)
        .leftJoin(users, eq(users.id, domainEvents.actorId))
        .where(
          and(
            eq(domainEvents.orgId, orgId),
            eq(domainEvents.subjectId, relationshipId),
            eq(domainEvents.kind, HISTORY_KIND),
          ),
        )
        .orderBy(asc(domainEvents.occurredAt), asc(domainEvents.seq));
      return rows.map((row) => {
        const payload = row.payload as Partial<HistoryPayload>;
        return {
          id: row.id,
          kind: String(payload.change),
          fromStatus: (payload.fromStatus ?? null) as RelationshipStatus | null,
          toStatus: (payload.toStatus ?? null) as RelationshipStatus | null,
          actorId: row.actorId as UserId | null,
          actorName: row.actorName,
          detail: payload.detail ?? null,
          createdAt: row.createdAt,
        };
      });
    },
  };
}
