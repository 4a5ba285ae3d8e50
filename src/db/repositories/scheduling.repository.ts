import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { profiles } from "../schema.ts";
import { availabilityOverrides, schedulingPreferences } from "../schema/sessions.ts";

/** Defaults for someone who never set their scheduling preferences. */
export const DEFAULT_MINIMUM_NOTICE_MINUTES = 240;
export const DEFAULT_BUFFER_MINUTES = 0;

export interface SchedulingRecord {
  userId: UserId;
  timeZone: string;
  weekly: { day: number; start: string; end: string }[];
  overrides: { date: string; slots: { start: string; end: string }[] }[];
  minimumNoticeMinutes: number;
  bufferMinutes: number;
}

/**
 * A person's scheduling in one organisation: weekly hours and zone from the profile, date
 * overrides and preferences from their own tables. Scoped by organisation.
 */
export function schedulingRepository(db: Database) {
  return {
    /** Each person's scheduling (overrides limited to dates in [fromDate, toDate] when given). */
    async forUsers(
      orgId: OrgId,
      userIds: readonly string[],
      dates?: { from: string; to: string },
    ): Promise<Map<string, SchedulingRecord>> {
      const result = new Map<string, SchedulingRecord>();
      if (userIds.length === 0) return result;
      const ids = [...userIds];
      // One after another: inside a transaction these share one client.
      const profileRows = await db
        .select({ userId: profiles.userId, timeZone: profiles.timeZone, weekly: profiles.availability })
        .from(profiles)
        .where(and(eq(profiles.orgId, orgId), inArray(profiles.userId, ids)));
      const overrideRows = await db
        .select()
        .from(availabilityOverrides)
        .where(
          and(
            eq(availabilityOverrides.orgId, orgId),
            inArray(availabilityOverrides.userId, ids),
            ...(dates
              ? [gte(availabilityOverrides.date, dates.from), lte(availabilityOverrides.date, dates.to)]
              : []),
          ),
        )
        .orderBy(asc(availabilityOverrides.date));
      const preferenceRows = await db
        .select()
        .from(schedulingPreferences)
        .where(and(eq(schedulingPreferences.orgId, orgId), inArray(schedulingPreferences.userId, ids)));
      for (const id of ids)
        result.set(id, {
          userId: id as UserId,
          timeZone: "UTC",
          weekly: [],
          overrides: [],
          minimumNoticeMinutes: DEFAULT_MINIMUM_NOTICE_MINUTES,
          bufferMinutes: DEFAULT_BUFFER_MINUTES,
        });
      for (const row of profileRows) {
        const record = result.get(row.userId);
        if (record) Object.assign(record, { timeZone: row.timeZone, weekly: row.weekly });
      }
      for (const row of overrideRows)
        result.get(row.userId)?.overrides.push({ date: row.date, slots: row.slots });
      for (const row of preferenceRows) {
        const record = result.get(row.userId);
        if (record)
          Object.assign(record, {
            minimumNoticeMinutes: row.minimumNoticeMinutes,
            bufferMinutes: row.bufferMinutes,
          });
      }
      return result;
    },

    /** Replaces all of a person's overrides and sets their preferences (call inside a transaction). */
    async replace(
      orgId: OrgId,
      userId: UserId,
      value: {
        overrides: { date: string; slots: { start: string; end: string }[] }[];
        minimumNoticeMinutes: number;
        bufferMinutes: number;
      },
      now: Date,
    ): Promise<void> {
      await db
        .delete(availabilityOverrides)
        .where(and(eq(availabilityOverrides.orgId, orgId), eq(availabilityOverrides.userId, userId)));
      if (value.overrides.length > 0)
        await db.insert(availabilityOverrides).values(
          value.overrides.map((override) => ({
            orgId,
            userId,
            date: override.date,
            slots: override.slots,
          })),
        );
      await db
        .insert(schedulingPreferences)
        .values({
          orgId,
          userId,
          minimumNoticeMinutes: value.minimumNoticeMinutes,
          bufferMinutes: value.bufferMinutes,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [schedulingPreferences.orgId, schedulingPreferences.userId],
          set: {
            minimumNoticeMinutes: value.minimumNoticeMinutes,
            bufferMinutes: value.bufferMinutes,
            updatedAt: now,
          },
        });
    },
  };
}
