import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import { statusList } from "../status-sql.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  EnrolmentRole,
  EnrolmentStatus,
  ProgrammeId,
  ProgrammeRecord,
  ProgrammeStatus,
} from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments, programmes, relationships } from "../schema.ts";

/** The settings columns a programme manager may change. */
export type ProgrammeChanges = Partial<
  Pick<
    typeof programmes.$inferInsert,
    | "name"
    | "description"
    | "type"
    | "status"
    | "evergreen"
    | "startsOn"
    | "endsOn"
    | "rolesOffered"
    | "defaultMentorCapacity"
    | "matchingMode"
    | "registrationForm"
    | "matchConfig"
    | "requestExpiryDays"
    | "requestReminderDays"
    | "pendingRequestCap"
    | "requiresApproval"
  >
>;

/** How many people and pairs a programme holds. */
export interface ProgrammeCountsRow {
  /** Enrolled (active or paused) as mentor or both. */
  mentors: number;
  /** Enrolled (active or paused) as mentee or both. */
  mentees: number;
  pendingApproval: number;
  /** Every relationship the programme started, and those still proposed, active or paused. */
  relationships: number;
  liveRelationships: number;
}

export const NO_COUNTS: ProgrammeCountsRow = {
  mentors: 0,
  mentees: 0,
  pendingApproval: 0,
  relationships: 0,
  liveRelationships: 0,
};

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

    /**
     * Locks the programme row for the rest of the transaction (state changes, matching runs).
     * FOR NO KEY UPDATE: it still lets other transactions insert rows that reference the programme
     * (their foreign-key check takes KEY SHARE), so an accept inserting a relationship while it
     * holds enrolment locks cannot deadlock with a publish holding this lock.
     */
    async findForUpdate(orgId: OrgId, programmeId: ProgrammeId): Promise<ProgrammeRecord | null> {
      const [row] = await db
        .select()
        .from(programmes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)))
        .for("no key update");
      return row ? toProgrammeRecord(row) : null;
    },

    async insert(
      values: Omit<typeof programmes.$inferInsert, "id" | "createdAt" | "updatedAt">,
    ): Promise<ProgrammeRecord> {
      const [row] = await db.insert(programmes).values(values).returning();
      return toProgrammeRecord(row);
    },

    /** Changes settings (or the state); null when the programme is not in this organisation. */
    async update(
      orgId: OrgId,
      programmeId: ProgrammeId,
      changes: ProgrammeChanges & { updatedAt: Date },
    ): Promise<ProgrammeRecord | null> {
      const [row] = await db
        .update(programmes)
        .set(changes)
        .where(and(eq(programmes.orgId, orgId), eq(programmes.id, programmeId)))
        .returning();
      return row ? toProgrammeRecord(row) : null;
    },

    /** The organisation's programmes, newest first: one state, or every state but archived. */
    async list(orgId: OrgId, filter: { status?: ProgrammeStatus } = {}): Promise<ProgrammeRecord[]> {
      const rows = await db
        .select()
        .from(programmes)
        .where(
          and(
            eq(programmes.orgId, orgId),
            filter.status ? eq(programmes.status, filter.status) : ne(programmes.status, "archived"),
          ),
        )
        .orderBy(desc(programmes.createdAt), programmes.id);
      return rows.map(toProgrammeRecord);
    },

    /** A person's enrolment (role and status) in each programme of the organisation they are in. */
    async enrolmentsOf(
      orgId: OrgId,
      userId: UserId,
    ): Promise<Map<ProgrammeId, { role: EnrolmentRole; status: EnrolmentStatus }>> {
      const rows = await db
        .select({ programmeId: enrolments.programmeId, role: enrolments.role, status: enrolments.status })
        .from(enrolments)
        .where(and(eq(enrolments.orgId, orgId), eq(enrolments.userId, userId)));
      return new Map(
        rows.map((row) => [row.programmeId as ProgrammeId, { role: row.role, status: row.status }]),
      );
    },

    /** Who is active in a programme and on which side: ids and roles only (no profiles). */
    async activeRoles(
      orgId: OrgId,
      programmeId: ProgrammeId,
    ): Promise<{ id: UserId; role: EnrolmentRole }[]> {
      const rows = await db
        .select({ id: enrolments.userId, role: enrolments.role })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.status, "active"),
          ),
        );
      return rows as { id: UserId; role: EnrolmentRole }[];
    },

    /** People and relationship counts of some programmes (two grouped queries, whatever their number). */
    async counts(
      orgId: OrgId,
      programmeIds: readonly ProgrammeId[],
    ): Promise<Map<ProgrammeId, ProgrammeCountsRow>> {
      const result = new Map<ProgrammeId, ProgrammeCountsRow>();
      if (programmeIds.length === 0) return result;
      const ids = [...programmeIds];
      const people = await db
        .select({
          programmeId: enrolments.programmeId,
          mentors: sql<number>`(count(*) filter (where ${enrolments.status} in ('active', 'paused') and ${enrolments.role} in ('mentor', 'both')))::int`,
          mentees: sql<number>`(count(*) filter (where ${enrolments.status} in ('active', 'paused') and ${enrolments.role} in ('mentee', 'both')))::int`,
          pendingApproval: sql<number>`(count(*) filter (where ${enrolments.status} = 'pending_approval'))::int`,
        })
        .from(enrolments)
        .where(and(eq(enrolments.orgId, orgId), inArray(enrolments.programmeId, ids)))
        .groupBy(enrolments.programmeId);
      const pairs = await db
        .select({
          programmeId: relationships.programmeId,
          relationships: sql<number>`count(*)::int`,
          liveRelationships: sql<number>`(count(*) filter (where ${relationships.status} in (${statusList(LIVE_RELATIONSHIP_STATUSES)})))::int`,
        })
        .from(relationships)
        .where(and(eq(relationships.orgId, orgId), inArray(relationships.programmeId, ids)))
        .groupBy(relationships.programmeId);
      for (const id of ids) result.set(id, { ...NO_COUNTS });
      for (const { programmeId, ...row } of people)
        Object.assign(result.get(programmeId as ProgrammeId) ?? {}, row);
      for (const { programmeId, ...row } of pairs)
        Object.assign(result.get(programmeId as ProgrammeId) ?? {}, row);
      return result;
    },
  };
}
