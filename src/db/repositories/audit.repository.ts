import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { users } from "../schema.ts";
import { auditLog } from "../schema/identity.ts";

export interface NewAuditEntry {
  orgId: OrgId;
  actorId: UserId | null;
  action: string;
  subjectId?: string | null;
  /** Ids, roles, counts, settings: never a name or an email address. */
  details?: Record<string, unknown>;
  at: Date;
}

export interface AuditEntryRecord {
  id: number;
  orgId: OrgId;
  actorId: UserId | null;
  actorName: string | null;
  action: string;
  subjectId: string | null;
  subjectName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditFilter {
  actorId?: UserId;
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/**
 * The append-only audit log: `append` and reads, nothing else (the table's trigger refuses
 * UPDATE, DELETE and TRUNCATE too). Names are read from `users` when listed.
 */
export function auditRepository(db: Database) {
  const conditions = (orgId: OrgId, filter: AuditFilter) =>
    and(
      eq(auditLog.orgId, orgId),
      filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
      filter.action ? eq(auditLog.action, filter.action) : undefined,
      filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
      filter.to ? lt(auditLog.createdAt, filter.to) : undefined,
    );
  return {
    async append(entries: NewAuditEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await db.insert(auditLog).values(
        entries.map((entry) => ({
          orgId: entry.orgId,
          actorId: entry.actorId,
          action: entry.action,
          subjectId: entry.subjectId ?? null,
          details: entry.details ?? {},
          createdAt: entry.at,
        })),
      );
    },

    /** Newest first. */
    async list(
      orgId: OrgId,
      filter: AuditFilter,
      page: { limit: number; offset: number },
    ): Promise<{ entries: AuditEntryRecord[]; total: number }> {
      const where = conditions(orgId, filter);
      const rows = await db
        .select({
          id: auditLog.id,
          orgId: auditLog.orgId,
          actorId: auditLog.actorId,
          actorName: sql<string | null>`(select name from users a where a.id = ${auditLog.actorId})`,
          action: auditLog.action,
          subjectId: auditLog.subjectId,
          subjectName: sql<string | null>`(select name from users s where s.id = ${auditLog.subjectId})`,
          details: auditLog.details,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(page.limit)
        .offset(page.offset);
      const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
      return {
        entries: rows.map((row) => ({
          ...row,
          orgId: row.orgId as OrgId,
          actorId: row.actorId as UserId | null,
          details: (row.details ?? {}) as Record<string, unknown>,
        })),
        total: count?.total ?? 0,
      };
    },

    /** The people who appear as actors in an organisation's log (for the filter), by name. */
    async actors(orgId: OrgId): Promise<{ id: UserId; name: string }[]> {
      const rows = await db
        .selectDistinct({ id: users.id, name: users.name })
        .from(auditLog)
        .innerJoin(users, eq(users.id, auditLog.actorId))
        .where(eq(auditLog.orgId, orgId))
        .orderBy(users.name);
      return rows.map((row) => ({ id: row.id as UserId, name: row.name }));
    },

    /** Every entry about or by a person, across organisations (their personal data export). */
    async forPerson(userId: UserId): Promise<Omit<AuditEntryRecord, "actorName" | "subjectName">[]> {
      const rows = await db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.actorId} = ${userId} or ${auditLog.subjectId} = ${userId}`)
        .orderBy(desc(auditLog.createdAt));
      return rows.map((row) => ({
        ...row,
        orgId: row.orgId as OrgId,
        actorId: row.actorId as UserId | null,
        details: (row.details ?? {}) as Record<string, unknown>,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
