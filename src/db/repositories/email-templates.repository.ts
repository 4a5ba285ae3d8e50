import { and, eq } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { emailTemplates } from "../schema.ts";

export interface StoredEmailTemplate {
  kind: string;
  subject: string;
  body: string;
  updatedAt: Date;
  updatedBy: UserId | null;
}

function toTemplate(row: typeof emailTemplates.$inferSelect): StoredEmailTemplate {
  return {
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy as UserId | null,
  };
}

/** An organisation's own wording of its emails; a kind without a row uses the default. */
export function emailTemplatesRepository(db: Database) {
  return {
    async listForOrg(orgId: OrgId): Promise<StoredEmailTemplate[]> {
      const rows = await db.select().from(emailTemplates).where(eq(emailTemplates.orgId, orgId));
      return rows.map(toTemplate);
    },

    async find(orgId: OrgId, kind: string): Promise<StoredEmailTemplate | null> {
      const [row] = await db
        .select()
        .from(emailTemplates)
        .where(and(eq(emailTemplates.orgId, orgId), eq(emailTemplates.kind, kind)));
      return row ? toTemplate(row) : null;
    },

    /** Saves the organisation's wording (one statement: insert or replace). */
    async save(input: {
      orgId: OrgId;
      kind: string;
      subject: string;
      body: string;
      updatedBy: UserId;
      now: Date;
    }): Promise<StoredEmailTemplate> {
      const values = {
        subject: input.subject,
        body: input.body,
        updatedBy: input.updatedBy,
        updatedAt: input.now,
      };
      const [row] = await db
        .insert(emailTemplates)
        .values({ orgId: input.orgId, kind: input.kind, ...values })
        .onConflictDoUpdate({ target: [emailTemplates.orgId, emailTemplates.kind], set: values })
        .returning();
      return toTemplate(row);
    },

    /** Back to the default. */
    async remove(orgId: OrgId, kind: string): Promise<void> {
      await db
        .delete(emailTemplates)
        .where(and(eq(emailTemplates.orgId, orgId), eq(emailTemplates.kind, kind)));
    },
  };
}

export type EmailTemplatesRepository = ReturnType<typeof emailTemplatesRepository>;
