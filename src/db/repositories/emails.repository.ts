import { and, asc, desc, eq, inArray, isNull, lte, ne, notExists, or, sql } from "drizzle-orm";
import type { OrgId } from "../../core/accounts/types.ts";
import type { EmailState } from "../../core/email/delivery.ts";
import type { Database } from "../connection.ts";
import { memberships, sentEmails, users } from "../schema.ts";
import { sentEmailAttachments } from "../schema/email-attachments.ts";

/** A file sent with an email; `method` (REQUEST, CANCEL) marks an iCalendar invitation. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  method: string | null;
  content: string;
}

export interface StoredEmail {
  id: string;
  orgId: OrgId | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
  transport: "smtp" | "outbox";
  state: EmailState;
  deliveredAt: Date | null;
  attempts: number;
  /** The next try (retrying), or the end of a sender's claim (queued, being sent). */
  nextAttemptAt: Date | null;
  lastError: string | null;
  resendOf: string | null;
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
    state: row.state,
    deliveredAt: row.deliveredAt,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    resendOf: row.resendOf,
  };
}

/** The record of every email sent, which doubles as the outbox when no SMTP server is set. */
export function emailsRepository(db: Database) {
  return {
    /**
     * Records an email: with SMTP it is queued, due at once (`now`); without, it is stored in the
     * outbox for admins to read. With a `dedupeKey` already recorded nothing is added and the
     * earlier email's id is returned (a retried sender sends once).
     */
    async record(input: {
      orgId: OrgId | null;
      to: string;
      subject: string;
      text: string;
      html: string;
      transport: "smtp" | "outbox";
      now: Date;
      resendOf?: string;
      dedupeKey?: string;
      attachments?: readonly EmailAttachment[];
    }): Promise<string> {
      const attachments = input.attachments ?? [];
      if (attachments.length > 0) {
        // The email and its files in one transaction: a sender never claims an email whose
        // attachments are not there yet.
        return db.transaction(async (tx) => {
          const id = await emailsRepository(tx as unknown as Database).record({ ...input, attachments: [] });
          await tx
            .insert(sentEmailAttachments)
            .values(attachments.map((attachment, position) => ({ emailId: id, position, ...attachment })))
            .onConflictDoNothing();
          return id;
        });
      }
      const [row] = await db
        .insert(sentEmails)
        .values({
          orgId: input.orgId,
          toAddress: input.to,
          subject: input.subject,
          textBody: input.text,
          htmlBody: input.html,
          transport: input.transport,
          state: input.transport === "smtp" ? "queued" : "stored",
          nextAttemptAt: input.transport === "smtp" ? input.now : null,
          resendOf: input.resendOf ?? null,
          dedupeKey: input.dedupeKey ?? null,
        })
        .onConflictDoNothing({ target: sentEmails.dedupeKey })
        .returning({ id: sentEmails.id });
      if (row) return row.id;
      const [earlier] = await db
        .select({ id: sentEmails.id })
        .from(sentEmails)
        .where(eq(sentEmails.dedupeKey, input.dedupeKey ?? ""));
      if (!earlier) throw new Error("sent_emails: insert skipped without an earlier email");
      return earlier.id;
    },

    /** The files sent with an email, in order. */
    async attachmentsOf(emailId: string): Promise<EmailAttachment[]> {
      return db
        .select({
          filename: sentEmailAttachments.filename,
          contentType: sentEmailAttachments.contentType,
          method: sentEmailAttachments.method,
          content: sentEmailAttachments.content,
        })
        .from(sentEmailAttachments)
        .where(eq(sentEmailAttachments.emailId, emailId))
        .orderBy(asc(sentEmailAttachments.position));
    },

    /**
     * Claims up to `limit` emails due for a try (queued or retrying, next try at or before `now`)
     * in one statement: the rows are locked with SKIP LOCKED, so two senders never claim the same
     * one, and each claim counts a try and moves the next try to `leaseUntil`, so a sender that
     * dies mid-send lets another retry after the lease.
     */
    async claimDue(input: { now: Date; leaseUntil: Date; limit: number }): Promise<StoredEmail[]> {
      const due = db
        .select({ id: sentEmails.id })
        .from(sentEmails)
        .where(
          and(inArray(sentEmails.state, ["queued", "retrying"]), lte(sentEmails.nextAttemptAt, input.now)),
        )
        .orderBy(asc(sentEmails.nextAttemptAt))
        .limit(input.limit)
        .for("update", { skipLocked: true });
      const rows = await db
        .update(sentEmails)
        .set({ attempts: sql`${sentEmails.attempts} + 1`, nextAttemptAt: input.leaseUntil })
        .where(inArray(sentEmails.id, due))
        .returning();
      return rows.map(toStoredEmail);
    },

    /**
     * Records the outcome of the claimed try number `attempts`. Conditional on the row still
     * being at that try, so a sender whose lease ran out cannot overwrite a later outcome.
     */
    async recordAttempt(
      id: string,
      attempts: number,
      outcome:
        | { state: "sent"; at: Date }
        | { state: "retrying" | "failed"; nextAttemptAt: Date | null; error: string },
    ): Promise<boolean> {
      const values =
        outcome.state === "sent"
          ? { state: "sent" as const, deliveredAt: outcome.at, nextAttemptAt: null, lastError: null }
          : {
              state: outcome.state,
              nextAttemptAt: outcome.nextAttemptAt,
              lastError: outcome.error.slice(0, 1000),
            };
      const rows = await db
        .update(sentEmails)
        .set(values)
        .where(and(eq(sentEmails.id, id), eq(sentEmails.attempts, attempts)))
        .returning({ id: sentEmails.id });
      return rows.length === 1;
    },

    /** One email an organisation sent, or null (also for another organisation's). */
    async findForOrg(orgId: OrgId, id: string): Promise<StoredEmail | null> {
      const [row] = await db
        .select()
        .from(sentEmails)
        .where(and(eq(sentEmails.id, id), eq(sentEmails.orgId, orgId)));
      return row ? toStoredEmail(row) : null;
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
