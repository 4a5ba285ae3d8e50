import { and, eq } from "drizzle-orm";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { programmes } from "../schema.ts";

export function toProgrammeRecord(row: typeof programmes.$inferSelect): ProgrammeRecord {
  return {
    id: row.id as ProgrammeId,
    orgId: row.orgId as OrgId,
    name: row.name,
    description: row.description,
    type: row.type,
    status: row.status,
    template: row.template,
    evergreen: row.evergreen,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    rolesOffered: row.rolesOffered,
    defaultMentorCapacity: row.defaultMentorCapacity,
    matchingMode: row.matchingMode,
    registrationForm: row.registrationForm,
    matchConfig: row.matchConfig,
    requestExpiryDays: row.requestExpiryDays,
    requestReminderDays: row.requestReminderDays,
    pendingRequestCap: row.pendingRequestCap,
    requiresApproval: row.requiresApproval,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Programmes. Every query is scoped by organisation: another organisation's programme is "not found". */
export function programmesRepository(db: Database) {
  return {
    async find(orgId: OrgId, programmeId: ProgrammeId): Promise<ProgrammeRecord | null> {
      const [row] = await db
        .select()
        .from(programmes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)));
      return row ? toProgrammeRecord(row) : null;
    },

    /** Locks the programme row for the rest of the transaction (state changes, matching runs). */
    async findForUpdate(orgId: OrgId, programmeId: ProgrammeId): Promise<ProgrammeRecord | null> {
      const [row] = await db
        .select()
        .from(programmes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)))
        .for("update");
      return row ? toProgrammeRecord(row) : null;
    },

    async insert(
      values: Omit<typeof programmes.$inferInsert, "id" | "createdAt" | "updatedAt">,
    ): Promise<ProgrammeRecord> {
      const [row] = await db.insert(programmes).values(values).returning();
      return toProgrammeRecord(row);
    },
  };
}
