import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { domainEvents, notifications } from "../schema.ts";

export interface NotificationRecord {
  id: string;
  orgId: OrgId;
  userId: UserId;
  /** The event it tells of (its text is rendered from it when read); null for older rows. */
  eventId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
  /** The event's payload, when it tells of one (rendered by the notifications presenter). */
  payload?: Record<string, unknown> | null;
}

export interface NewNotification {
  orgId: OrgId;
  userId: UserId;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

/** In-app notifications, always read for one person in one organisation. */
export function notificationsRepository(db: Database) {
  return {
    async insertMany(items: readonly NewNotification[]): Promise<void> {
      if (items.length === 0) return;
      await db.insert(notifications).values(
        items.map((item) => ({
          orgId: item.orgId,
          userId: item.userId,
          kind: item.kind,
          title: item.title,
          body: item.body ?? "",
          link: item.link ?? null,
        })),
      );
    },

    /**
     * One notification of an event per recipient. A second delivery of the same event (the
     * dispatcher retried after a crash) adds nothing: (event, user) is unique.
     */
    async insertForEvents(
      items: readonly {
        event: { id: string; orgId: string; kind: string; occurredAt: Date };
        userIds: readonly string[];
      }[],
    ): Promise<number> {
      const values = items.flatMap(({ event, userIds }) =>
        [...new Set(userIds)].map((userId) => ({
          orgId: event.orgId,
          userId,
          eventId: event.id,
          kind: event.kind,
          createdAt: event.occurredAt,
        })),
      );
      let inserted = 0;
      // In slices: PostgreSQL takes at most 65,535 parameters in one statement.
      for (let at = 0; at < values.length; at += 1_000) {
        const rows = await db
          .insert(notifications)
          .values(values.slice(at, at + 1_000))
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        inserted += rows.length;
      }
      return inserted;
    },

    /** Newest first; `before` pages back by creation time. */
    async list(
      orgId: OrgId,
      userId: UserId,
      options: { limit: number; before?: Date; unreadOnly?: boolean },
    ): Promise<NotificationRecord[]> {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.orgId, orgId),
            eq(notifications.userId, userId),
            options.before ? lt(notifications.createdAt, options.before) : undefined,
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.limit);
      return rows as unknown as NotificationRecord[];
    },

    /**
     * Newest first, paged by a cursor: the id of the last notification of the previous page
     * (created_at then id, so notices written in one transaction never fall between pages). A
     * cursor that is not this person's notification in this organisation gives an empty page.
     */
    async page(
      orgId: OrgId,
      userId: UserId,
      options: { limit: number; beforeId?: string; unreadOnly?: boolean },
    ): Promise<NotificationRecord[]> {
      const cursor = options.beforeId
        ? sql`(${notifications.createdAt}, ${notifications.id}) < (select c.created_at, c.id from notifications c where c.id = ${options.beforeId} and c.org_id = ${orgId} and c.user_id = ${userId})`
        : undefined;
      const rows = await db
        .select({
          id: notifications.id,
          orgId: notifications.orgId,
          userId: notifications.userId,
          eventId: notifications.eventId,
          kind: notifications.kind,
          title: notifications.title,
          body: notifications.body,
          link: notifications.link,
          readAt: notifications.readAt,
          createdAt: notifications.createdAt,
          payload: domainEvents.payload,
        })
        .from(notifications)
        .leftJoin(domainEvents, eq(domainEvents.id, notifications.eventId))
        .where(
          and(
            eq(notifications.orgId, orgId),
            eq(notifications.userId, userId),
            cursor,
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.limit);
      return rows as unknown as NotificationRecord[];
    },

    async unreadCount(orgId: OrgId, userId: UserId): Promise<number> {
      const [row] = await db
        .select({ value: count() })
        .from(notifications)
        .where(
          and(eq(notifications.orgId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt)),
        );
      return row?.value ?? 0;
    },

    /** Marks the given notifications (or all, when ids is null) read; returns how many changed. */
    async markRead(orgId: OrgId, userId: UserId, ids: readonly string[] | null, at: Date): Promise<number> {
      const changed = await db
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(
            eq(notifications.orgId, orgId),
            eq(notifications.userId, userId),
            isNull(notifications.readAt),
            ids ? inArray(notifications.id, [...ids]) : undefined,
          ),
        )
        .returning({ id: notifications.id });
      return changed.length;
    },
  };
}
