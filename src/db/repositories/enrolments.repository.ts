import { and, asc, count, eq, ilike, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  EnrolmentRecord,
  EnrolmentRole,
  EnrolmentStatus,
  ProgrammeId,
} from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments, programmes, relationships, users } from "../schema.ts";

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

/** An enrolment with the person's name and email, as admins list them. */
export interface ParticipantRecord extends EnrolmentRecord {
  name: string;
  email: string;
}

export interface ParticipantFilter {
  q?: string;
  role?: EnrolmentRole;
  status?: EnrolmentStatus;
  limit: number;
  offset: number;
}

export type EnrolmentChanges = Partial<
  Pick<
    typeof enrolments.$inferInsert,
    "role" | "status" | "mentorCapacity" | "answers" | "source" | "pausedUntil"
  >
>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** People's places in programmes. Scoped by organisation and programme. */
export function enrolmentsRepository(db: Database) {
  const byId = (orgId: OrgId, programmeId: ProgrammeId, enrolmentId: string) =>
    and(eq(enrolments.orgId, orgId), eq(enrolments.programmeId, programmeId), eq(enrolments.id, enrolmentId));
  const byUser = (orgId: OrgId, programmeId: ProgrammeId, userId: UserId) =>
    and(eq(enrolments.orgId, orgId), eq(enrolments.programmeId, programmeId), eq(enrolments.userId, userId));

  return {
    async findForUser(
      orgId: OrgId,
      programmeId: ProgrammeId,
      userId: UserId,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .select()
        .from(enrolments)
        .where(byUser(orgId, programmeId, userId));
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
        .where(byUser(orgId, programmeId, userId))
        .for("update");
      return row ? toEnrolmentRecord(row) : null;
    },

    async insert(
      values: Omit<typeof enrolments.$inferInsert, "id" | "createdAt" | "updatedAt">,
    ): Promise<EnrolmentRecord> {
      const [row] = await db.insert(enrolments).values(values).returning();
      return toEnrolmentRecord(row);
    },

    /** Inserts unless the person already has a place in the programme (then null: no race can duplicate). */
    async insertIfAbsent(
      values: Omit<typeof enrolments.$inferInsert, "id" | "createdAt" | "updatedAt">,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .insert(enrolments)
        .values(values)
        .onConflictDoNothing({ target: [enrolments.programmeId, enrolments.userId] })
        .returning();
      return row ? toEnrolmentRecord(row) : null;
    },

    async findById(
      orgId: OrgId,
      programmeId: ProgrammeId,
      enrolmentId: string,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .select()
        .from(enrolments)
        .where(byId(orgId, programmeId, enrolmentId));
      return row ? toEnrolmentRecord(row) : null;
    },

    async findByIdForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
      enrolmentId: string,
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .select()
        .from(enrolments)
        .where(byId(orgId, programmeId, enrolmentId))
        .for("update");
      return row ? toEnrolmentRecord(row) : null;
    },

    async findParticipant(
      orgId: OrgId,
      programmeId: ProgrammeId,
      enrolmentId: string,
    ): Promise<ParticipantRecord | null> {
      const [row] = await db
        .select({ enrolment: enrolments, name: users.name, email: users.email })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.userId))
        .where(byId(orgId, programmeId, enrolmentId));
      return row ? { ...toEnrolmentRecord(row.enrolment), name: row.name, email: row.email } : null;
    },

    /**
     * Changes an enrolment; with `fromStatuses`, only while it is in one of them (a conditional
     * UPDATE, so two concurrent moves cannot both pass). Null when nothing matched.
     */
    async update(
      orgId: OrgId,
      programmeId: ProgrammeId,
      enrolmentId: string,
      changes: EnrolmentChanges,
      fromStatuses?: readonly EnrolmentStatus[],
    ): Promise<EnrolmentRecord | null> {
      const [row] = await db
        .update(enrolments)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(
          and(
            byId(orgId, programmeId, enrolmentId),
            fromStatuses ? inArray(enrolments.status, [...fromStatuses]) : undefined,
          ),
        )
        .returning();
      return row ? toEnrolmentRecord(row) : null;
    },

    async delete(orgId: OrgId, programmeId: ProgrammeId, enrolmentId: string): Promise<boolean> {
      const rows = await db
        .delete(enrolments)
        .where(byId(orgId, programmeId, enrolmentId))
        .returning({ id: enrolments.id });
      return rows.length > 0;
    },

    async listParticipants(
      orgId: OrgId,
      programmeId: ProgrammeId,
      filter: ParticipantFilter,
    ): Promise<{ participants: ParticipantRecord[]; total: number }> {
      const conditions = [eq(enrolments.orgId, orgId), eq(enrolments.programmeId, programmeId)];
      if (filter.role) conditions.push(eq(enrolments.role, filter.role));
      if (filter.status) conditions.push(eq(enrolments.status, filter.status));
      if (filter.q?.trim()) {
        const pattern = `%${escapeLike(filter.q.trim())}%`;
        conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
      }
      const where = and(...conditions);
      const rows = await db
        .select({ enrolment: enrolments, name: users.name, email: users.email })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.userId))
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(filter.limit)
        .offset(filter.offset);
      const [{ value }] = await db
        .select({ value: count() })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.userId))
        .where(where);
      return {
        participants: rows.map((row) => ({
          ...toEnrolmentRecord(row.enrolment),
          name: row.name,
          email: row.email,
        })),
        total: value,
      };
    },

    /** How many people of the programme hold each role and status. */
    async countParticipants(
      orgId: OrgId,
      programmeId: ProgrammeId,
    ): Promise<{ role: EnrolmentRole; status: EnrolmentStatus; count: number }[]> {
      return db
        .select({ role: enrolments.role, status: enrolments.status, count: count() })
        .from(enrolments)
        .where(and(eq(enrolments.orgId, orgId), eq(enrolments.programmeId, programmeId)))
        .groupBy(enrolments.role, enrolments.status);
    },

    /** Whether the person is in a proposed, active or paused relationship of the programme. */
    async hasLiveRelationship(orgId: OrgId, programmeId: ProgrammeId, userId: UserId): Promise<boolean> {
      const [row] = await db
        .select({ id: relationships.id })
        .from(relationships)
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.programmeId, programmeId),
            or(eq(relationships.menteeId, userId), eq(relationships.mentorId, userId)),
            inArray(relationships.status, [...LIVE_RELATIONSHIP_STATUSES]),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** Ends holiday mode for every pause whose end date has come; returns the enrolments resumed. */
    async resumeEndedPauses(
      today: string,
    ): Promise<{ orgId: OrgId; programmeId: ProgrammeId; userId: UserId }[]> {
      const rows = await db
        .update(enrolments)
        .set({ status: "active", pausedUntil: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(enrolments.status, "paused"),
            isNotNull(enrolments.pausedUntil),
            lte(enrolments.pausedUntil, today),
          ),
        )
        .returning({
          orgId: enrolments.orgId,
          programmeId: enrolments.programmeId,
          userId: enrolments.userId,
        });
      return rows.map((row) => ({
        orgId: row.orgId as OrgId,
        programmeId: row.programmeId as ProgrammeId,
        userId: row.userId as UserId,
      }));
    },

    // The programme's join link: the enrolment feature owns programmes.join_token_hash.

    /** Sets (or, with null, clears) the HMAC of the programme's join-link token; false when no such programme. */
    async setJoinTokenHash(
      orgId: OrgId,
      programmeId: ProgrammeId,
      tokenHash: string | null,
    ): Promise<boolean> {
      const rows = await db
        .update(programmes)
        .set({ joinTokenHash: tokenHash })
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)))
        .returning({ id: programmes.id });
      return rows.length > 0;
    },

    async hasJoinLink(orgId: OrgId, programmeId: ProgrammeId): Promise<boolean> {
      const [row] = await db
        .select({ hash: programmes.joinTokenHash })
        .from(programmes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)));
      return Boolean(row?.hash);
    },

    /** The programme a join-link token (by its HMAC) opens, with its organisation's name. */
    async findProgrammeByJoinTokenHash(
      tokenHash: string,
    ): Promise<{ orgId: OrgId; programmeId: ProgrammeId } | null> {
      const [row] = await db
        .select({ orgId: programmes.orgId, programmeId: programmes.id })
        .from(programmes)
        .where(eq(programmes.joinTokenHash, tokenHash));
      return row ? { orgId: row.orgId as OrgId, programmeId: row.programmeId as ProgrammeId } : null;
    },
  };
}
