import { and, desc, eq, inArray, isNull, ne, notExists, or } from "drizzle-orm";
import type { OrgId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { memberships, sentEmails, users } from "../schema.ts";

export interface StoredEmail {
  id: string;
  orgId: OrgId | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
  transport: "smtp" | "outbox";
  deliveredAt: Date | null;
  attempts: number;
  lastError: string | null;
}

function toStoredEmail(row: typeof sentEmails.$inferSelect): StoredEmail {
  return {
    id: row.id,
    orgId: row.orgId as OrgId | null,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    createdAt: row.createdAt,
    transport: row.transport,
    deliveredAt: row.deliveredAt,
    attempts: row.attempts,
    lastError: row.lastError,
  };
}

/** The record of every email sent, which doubles as the outbox when no SMTP server is set. */
export function emailsRepository(db: Database) {
  return {
    async record(input: {
      orgId: OrgId | null;
      to: string;
      subject: string;
      text: string;
      html: string;
      transport: "smtp" | "outbox";
    }): Promise<string> {
      const [row] = await db
        .insert(sentEmails)
        .values({
          orgId: input.orgId,
          toAddress: input.to,
          subject: input.subject,
          textBody: input.text,
          htmlBody: input.html,
          transport: input.transport,
        })
        .returning({ id: sentEmails.id });
      return row.id;
    },

    async markDelivered(id: string, now: Date): Promise<void> {
      await db.update(sentEmails).set({ deliveredAt: now }).where(eq(sentEmails.id, id));
    },

    async markFailed(id: string, error: string): Promise<void> {
      const [row] = await db
        .select({ attempts: sentEmails.attempts })
        .from(sentEmails)
        .where(eq(sentEmails.id, id));
      await db
        .update(sentEmails)
        .set({ lastError: error.slice(0, 500), attempts: (row?.attempts ?? 0) + 1 })
        .where(eq(sentEmails.id, id));
    },

    /**
     * Emails an organisation's admins may read: those sent on its behalf, plus (when asked: for
     * owners, with no SMTP server to deliver them) account emails with no organisation sent to
     * people who belong to this organisation and no other. Someone who is also in another
     * organisation is never shown: their reset link would hand this owner their account there.
     */
    async listForOrg(
      orgId: OrgId,
      options: { includeAccountEmails: boolean; limit: number },
    ): Promise<StoredEmail[]> {
      const otherMembership = db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.userId, users.id), ne(memberships.orgId, orgId)));
      const onlyHereEmails = db
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), notExists(otherMembership)));
      const scope = options.includeAccountEmails
        ? or(
            eq(sentEmails.orgId, orgId),
            and(isNull(sentEmails.orgId), inArray(sentEmails.toAddress, onlyHereEmails)),
          )
        : eq(sentEmails.orgId, orgId);
      const rows = await db
        .select()
        .from(sentEmails)
        .where(scope)
        .orderBy(desc(sentEmails.createdAt))
        .limit(options.limit);
      return rows.map(toStoredEmail);
    },

    /** Emails sent to one address, newest first. */
    async listSentTo(address: string, limit: number): Promise<StoredEmail[]> {
      const rows = await db
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.toAddress, address))
        .orderBy(desc(sentEmails.createdAt))
        .limit(limit);
      return rows.map(toStoredEmail);
    },
  };
}

export type EmailsRepository = ReturnType<typeof emailsRepository>;
