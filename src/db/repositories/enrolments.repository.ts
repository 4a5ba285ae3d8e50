import { and, eq } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { EnrolmentRecord, ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments } from "../schema.ts";

export function toEnrolmentRecord(row: typeof enrolments.$inferSelect): EnrolmentRecord {
  return {
    id: row.id,
    orgId: row.orgId as OrgId,
    programmeId: row.programmeId as ProgrammeId,
    userId: row.userId as UserId,
    role: row.role,
    status: row.status,
    mentorCapacity: row.mentorCapacity,
    answers: row.answers,
    source: row.source,
    pausedUntil: row.pausedUntil,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** People's places in programmes. Scoped by organisation and programme. */
export function enrolmentsRepository(db: Database) {
  return {
    async findForUser(
      orgId: OrgId,
      programmeId: ProgrammeId,
      userId: UserId,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .select()
        .from(enrolments)
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.userId, userId),
          ),
        );
      return row ? toEnrolmentRecord(row) : null;
    },

    /** The same, locking the row for the rest of the transaction (capacity checks). */
    async findForUserForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
      userId: UserId,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .select()
        .from(enrolments)
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.userId, userId),
          ),
        )
        .for("update");
      return row ? toEnrolmentRecord(row) : null;
    },

    async insert(
      values: Omit<typeof enrolments.$inferInsert, "id" | "createdAt" | "updatedAt">,
    ): Promise<EnrolmentRecord> {
      const [row] = await db.insert(enrolments).values(values).returning();
      return toEnrolmentRecord(row);
    },
  };
}
