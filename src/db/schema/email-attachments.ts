import { integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { sentEmails } from "../schema.ts";

/**
 * Files sent with an email (an ICS invitation), kept beside the email so a retried or resent
 * delivery sends them again. `method` marks an iCalendar invitation (REQUEST, CANCEL): it goes as
 * the text/calendar alternative calendar apps act on, not as a plain attachment.
 */
export const sentEmailAttachments = pgTable(
  "sent_email_attachments",
  {
    emailId: uuid("email_id")
      .notNull()
      .references(() => sentEmails.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    method: text("method"),
    content: text("content").notNull(),
  },
  (table) => [primaryKey({ columns: [table.emailId, table.position] })],
);
