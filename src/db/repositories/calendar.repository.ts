import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../connection.ts";
import { memberships, profiles, users } from "../schema.ts";
import {
  calendarBusy,
  calendarConnections,
  calendarFeeds,
  calendarObjects,
  calendarPushed,
} from "../schema/calendar.ts";

export type CalendarConnectionRow = typeof calendarConnections.$inferSelect;
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

const rangeText = (start: number, end: number) =>
  `[${new Date(start).toISOString()},${new Date(end).toISOString()})`;

/** People's CalDAV connections, their synced objects and busy time, pushed sessions and feeds. */
export function calendarRepository(db: Database) {
  return {
    async createConnection(input: {
      userId: string;
      url: string;
      calendarUrl: string;
      displayName: string | null;
      username: string;
      passwordSealed: string;
    }): Promise<CalendarConnectionRow | null> {
      const [row] = await db.insert(calendarConnections).values(input).onConflictDoNothing().returning();
      return row ?? null;
    },

    async listConnections(userId: string): Promise<CalendarConnectionRow[]> {
      return db
        .select()
        .from(calendarConnections)
        .where(eq(calendarConnections.userId, userId))
        .orderBy(asc(calendarConnections.createdAt));
    },

    /** The person's own connection; another person's id is not found. */
    async findConnection(userId: string, connectionId: string): Promise<CalendarConnectionRow | null> {
      const [row] = await db
        .select()
        .from(calendarConnections)
        .where(and(eq(calendarConnections.id, connectionId), eq(calendarConnections.userId, userId)));
      return row ?? null;
    },

    async connectionsOfUsers(userIds: readonly string[]): Promise<CalendarConnectionRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(calendarConnections)
        .where(inArray(calendarConnections.userId, [...userIds]));
    },

    async removeConnection(userId: string, connectionId: string): Promise<boolean> {
      const removed = await db
        .delete(calendarConnections)
        .where(and(eq(calendarConnections.id, connectionId), eq(calendarConnections.userId, userId)))
        .returning({ id: calendarConnections.id });
      return removed.length > 0;
    },

    /**
     * Claims up to `limit` connections not tried since `before` for a sync, marking the try now:
     * several instances running the sweep each get different ones (SKIP LOCKED).
     */
    async claimDueConnections(before: Date, now: Date, limit: number): Promise<CalendarConnectionRow[]> {
      return db
        .update(calendarConnections)
        .set({ lastAttemptAt: now })
        .where(
          inArray(
            calendarConnections.id,
            sql`(select ${calendarConnections.id} from ${calendarConnections}
                 where ${or(isNull(calendarConnections.lastAttemptAt), lt(calendarConnections.lastAttemptAt, before))}
                 order by ${calendarConnections.lastAttemptAt} nulls first
                 limit ${limit} for update skip locked)`,
          ),
        )
        .returning();
    },

    async markSynced(connectionId: string, input: { syncToken: string | null; at: Date }): Promise<void> {
      await db
        .update(calendarConnections)
        .set({
          syncToken: input.syncToken,
          state: "ok",
          lastSyncedAt: input.at,
          lastAttemptAt: input.at,
          lastError: null,
        })
        .where(eq(calendarConnections.id, connectionId));
    },

    /** A failed sync: busy time and objects stay as last synced (stale), the message is shown. */
    async markFailed(connectionId: string, input: { error: string; at: Date }): Promise<void> {
      await db
        .update(calendarConnections)
        .set({ state: "failing", lastAttemptAt: input.at, lastError: input.error })
        .where(eq(calendarConnections.id, connectionId));
    },

    async updateCredentials(connectionId: string, input: { username: string; passwordSealed: string }) {
      await db.update(calendarConnections).set(input).where(eq(calendarConnections.id, connectionId));
    },

    /** Applies a sync's changes to the kept objects (a full sync replaces them all). */
    async applyObjects(
      connectionId: string,
      input: {
        full: boolean;
        changed: { href: string; etag: string | null; data: string }[];
        deleted: string[];
      },
    ): Promise<void> {
      if (input.full) await db.delete(calendarObjects).where(eq(calendarObjects.connectionId, connectionId));
      else if (input.deleted.length > 0) {
        await db
          .delete(calendarObjects)
          .where(
            and(eq(calendarObjects.connectionId, connectionId), inArray(calendarObjects.href, input.deleted)),
          );
      }
      for (let index = 0; index < input.changed.length; index += 500) {
        const chunk = input.changed.slice(index, index + 500).map((object) => ({ connectionId, ...object }));
        await db
          .insert(calendarObjects)
          .values(chunk)
          .onConflictDoUpdate({
            target: [calendarObjects.connectionId, calendarObjects.href],
            set: { etag: sql`excluded.etag`, data: sql`excluded.data` },
          });
      }
    },

    /** The kept objects' text, without the sessions Trellis itself wrote there (not outside busy time). */
    async objectTexts(connectionId: string): Promise<string[]> {
      const rows = await db
        .select({ data: calendarObjects.data })
        .from(calendarObjects)
        .where(
          and(
            eq(calendarObjects.connectionId, connectionId),
            sql`not exists (select 1 from ${calendarPushed} where ${calendarPushed.connectionId} = ${connectionId}
                and ${calendarPushed.href} = ${calendarObjects.href})`,
          ),
        );
      return rows.map((row) => row.data);
    },

    async replaceBusy(
      connectionId: string,
      userId: string,
      intervals: readonly { start: number; end: number; uid: string }[],
    ): Promise<void> {
      await db.delete(calendarBusy).where(eq(calendarBusy.connectionId, connectionId));
      for (let index = 0; index < intervals.length; index += 1000) {
        await db.insert(calendarBusy).values(
          intervals.slice(index, index + 1000).map((interval) => ({
            connectionId,
            userId,
            during: rangeText(interval.start, interval.end),
            sourceUid: interval.uid,
          })),
        );
      }
    },

    /** Busy ranges of these people overlapping the window, in epoch ms. */
    async busyOverlapping(
      userIds: readonly string[],
      window: { start: number; end: number },
    ): Promise<{ userId: string; start: number; end: number }[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({
          userId: calendarBusy.userId,
          start: sql<string>`lower(${calendarBusy.during})`,
          end: sql<string>`upper(${calendarBusy.during})`,
        })
        .from(calendarBusy)
        .where(
          and(
            inArray(calendarBusy.userId, [...userIds]),
            sql`${calendarBusy.during} && ${rangeText(window.start, window.end)}::tstzrange`,
          ),
        );
      return rows.map((row) => ({
        userId: row.userId,
        start: new Date(row.start).getTime(),
        end: new Date(row.end).getTime(),
      }));
    },

    /** The zone all-day events are read in: the person's profile zone (their current organisation's first). */
    async ownerZone(userId: string): Promise<string> {
      const [row] = await db
        .select({ timeZone: profiles.timeZone })
        .from(profiles)
        .innerJoin(users, eq(users.id, profiles.userId))
        .where(eq(profiles.userId, userId))
        .orderBy(sql`(${profiles.orgId} = ${users.lastOrgId}) desc nulls last`)
        .limit(1);
      return row?.timeZone ?? "UTC";
    },

    /** Organisations where the person is an active member (their feed spans them all). */
    async activeOrgIds(userId: string): Promise<string[]> {
      const rows = await db
        .select({ orgId: memberships.orgId })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")));
      return rows.map((row) => row.orgId);
    },

    async emailsOf(userIds: readonly string[]): Promise<Map<string, { name: string; email: string }>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inArray(users.id, [...userIds]));
      return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
    },

    async findPushed(connectionId: string, sessionId: string) {
      const [row] = await db
        .select()
        .from(calendarPushed)
        .where(and(eq(calendarPushed.connectionId, connectionId), eq(calendarPushed.sessionId, sessionId)));
      return row ?? null;
    },

    async savePushed(input: {
      connectionId: string;
      sessionId: string;
      href: string;
      etag: string | null;
      version: number;
      at: Date;
    }) {
      await db
        .insert(calendarPushed)
        .values({ ...input, updatedAt: input.at })
        .onConflictDoUpdate({
          target: [calendarPushed.connectionId, calendarPushed.sessionId],
          set: { href: input.href, etag: input.etag, version: input.version, updatedAt: input.at },
        });
    },

    async forgetPushed(connectionId: string, sessionId: string) {
      await db
        .delete(calendarPushed)
        .where(and(eq(calendarPushed.connectionId, connectionId), eq(calendarPushed.sessionId, sessionId)));
    },

    /** Revokes the person's live feed (if any) and stores a new one; run in a transaction. */
    async replaceFeed(
      userId: string,
      input: { tokenHash: string; tokenSealed: string; at: Date },
    ): Promise<CalendarFeedRow> {
      await db
        .update(calendarFeeds)
        .set({ revokedAt: input.at })
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
      const [row] = await db
        .insert(calendarFeeds)
        .values({ userId, tokenHash: input.tokenHash, tokenSealed: input.tokenSealed, createdAt: input.at })
        .returning();
      return row as CalendarFeedRow;
    },

    async liveFeed(userId: string): Promise<CalendarFeedRow | null> {
      const [row] = await db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
      return row ?? null;
    },

    async revokeFeed(userId: string, at: Date): Promise<boolean> {
      const revoked = await db
        .update(calendarFeeds)
        .set({ revokedAt: at })
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
        .returning({ id: calendarFeeds.id });
      return revoked.length > 0;
    },

    /** The live feed with this token hash (a revoked one is not found); notes the read. */
    async readFeed(tokenHash: string, at: Date): Promise<CalendarFeedRow | null> {
      const [row] = await db
        .update(calendarFeeds)
        .set({ lastReadAt: at })
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
        .returning();
      return row ?? null;
    },
  };
}

export type CalendarRepository = ReturnType<typeof calendarRepository>;
