import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common.ts";

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path in the web app, or null. */
  link: z.string().nullable(),
  readAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.strictObject({
  before: IdSchema.optional().describe("The id of the last notification of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["true", "false"]).optional().describe("true: unread ones only"),
});
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

export const NotificationListSchema = z.object({
  notifications: z.array(NotificationSchema),
  /** Pass as `before` for the next page; null when there is no more. */
  nextBefore: IdSchema.nullable(),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

export const MarkNotificationsReadRequestSchema = z.strictObject({
  ids: z
    .array(z.string({ error: "must be a list of notification ids" }), {
      error: "must be a list of notification ids",
    })
    .min(1, { error: "give at least one id, or leave ids out to mark all read" })
    .max(200, { error: "must be at most 200 ids" })
    // Checked as a whole, so the problem is reported on "body.ids" itself.
    .refine((ids) => ids.every((id) => IdSchema.safeParse(id).success), {
      error: "must be a list of notification ids",
    })
    .optional()
    .describe("Leave out to mark all read"),
});
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequestSchema>;

export const MarkNotificationsReadSchema = z.object({
  marked: z.number().int().describe("How many changed from unread to read"),
  unread: z.number().int(),
});
