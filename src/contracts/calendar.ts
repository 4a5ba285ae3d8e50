import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common.ts";

/**
 * A person's CalDAV connection as they see it. Never carries the app password. `state`: pending
 * (connected, first import not done), ok, failing (`lastError` says why). `stale`: the busy time
 * shown to the slot finder is from `lastSyncedAt` and may be out of date.
 */
export const CalendarConnectionSchema = z.object({
  id: IdSchema,
  url: z.string(),
  calendarUrl: z.string(),
  displayName: z.string().nullable(),
  username: z.string(),
  state: z.enum(["pending", "ok", "failing"]),
  stale: z.boolean(),
  lastSyncedAt: TimestampSchema.nullable(),
  lastAttemptAt: TimestampSchema.nullable(),
  lastError: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type CalendarConnection = z.infer<typeof CalendarConnectionSchema>;

export const CalendarConnectionListSchema = z.object({ connections: z.array(CalendarConnectionSchema) });
export type CalendarConnectionList = z.infer<typeof CalendarConnectionListSchema>;

export const ConnectCalendarRequestSchema = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000).describe("An app password made for Trellis; stored encrypted"),
});
export type ConnectCalendarRequest = z.infer<typeof ConnectCalendarRequestSchema>;

export const CalendarConnectionParamsSchema = z.strictObject({ connectionId: IdSchema });

/**
 * My private feed: `url` is the secret address to subscribe to (anyone holding it reads my
 * sessions' times and names), null when I have none or revoked it.
 */
export const CalendarFeedSchema = z.object({
  url: z.string().nullable(),
  createdAt: TimestampSchema.nullable(),
  lastReadAt: TimestampSchema.nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

export const CalendarFeedTokenParamsSchema = z.strictObject({
  token: z.string().min(20).max(200).describe("The feed's secret, optionally ending in .ics"),
});

export const CalendarFeedBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .describe("text/calendar: the person's sessions");
