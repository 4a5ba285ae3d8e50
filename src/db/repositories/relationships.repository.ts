import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import { statusList } from "../status-sql.ts";
import { alias } from "drizzle-orm/pg-core";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  Cadence,
  MatchingMode,
  MeetingFormat,
  ProgrammeId,
  ProgrammeStatus,
  RelationshipId,
  RelationshipStatus,
  RequestId,
} from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { historyRow } from "./relationship-history.repository.ts";
import {
  agreements,
  enrolments,
  mentoringRequests,
  domainEvents,
  profiles,
  programmes,
  relationships,
  users,
} from "../schema.ts";

export interface RelationshipRecord {
  id: RelationshipId;
  orgId: OrgId;
  programmeId: ProgrammeId;
  menteeId: UserId;
  mentorId: UserId;
  status: RelationshipStatus;
  origin: "request" | "bulk" | "admin";
  requestId: RequestId | null;
  matchRunId: string | null;
  score: number | null;
  endsOn: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  endedBy: UserId | null;
  endReason: string | null;
  fitCheckDueOn: string | null;
  fitCheck: Record<string, { answer: string; at: string; note?: string }>;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRelationship {
  orgId: OrgId;
  programmeId: ProgrammeId;
  menteeId: UserId;
  mentorId: UserId;
  origin: "request" | "bulk" | "admin";
  requestId?: RequestId | null;
  matchRunId?: string | null;
  score?: number | null;
  /** "YYYY-MM-DD": the programme's end date, or null for evergreen programmes. */
  endsOn: string | null;
  /** "YYYY-MM-DD": when the fit check is due (a few weeks in), or null. */
  fitCheckDueOn?: string | null;
  /** Who made it happen (the accepting mentor, the publishing manager). */
  actorId: UserId | null;
  /** Proposed agreement terms, e.g. from the mentee's request; defaults otherwise. */
  agreement?: Partial<
    Pick<typeof agreements.$inferInsert, "cadence" | "formats" | "minutesPerMonth" | "firstGoals">
  >;
}

export interface AgreementRecord {
  relationshipId: RelationshipId;
  cadence: Cadence;
  formats: MeetingFormat[];
  minutesPerMonth: number;
  /** The length of one session, in minutes (30, 45, 60 or 90). */
  sessionMinutes: number;
  confidentiality: string;
  endsOn: string | null;
  firstGoals: string[];
  version: number;
  menteeConfirmedVersion: number | null;
  mentorConfirmedVersion: number | null;
  updatedBy: UserId | null;
  updatedByName: string | null;
  updatedAt: Date;
}

export interface PersonInfo {
  userId: UserId;
  name: string;
  headline: string;
}

/** A relationship with the names around it, as the detail page shows it. */
export interface RelationshipView {
  relationship: RelationshipRecord;
  programmeName: string;
  programmeStartsOn: string | null;
  programmeEndsOn: string | null;
  programmeEvergreen: boolean;
  mentee: PersonInfo;
  mentor: PersonInfo;
  endedByName: string | null;
  agreement: AgreementRecord;
}

/** A row of a list: the relationship, its programme, both people and the agreement's versions. */
export interface RelationshipListRow {
  relationship: RelationshipRecord;
  programmeName: string;
  mentee: PersonInfo;
  mentor: PersonInfo;
  version: number;
  menteeConfirmedVersion: number | null;
  mentorConfirmedVersion: number | null;
}

export interface RelationshipFilter {
  programmeId?: ProgrammeId;
  status?: RelationshipStatus;
  q?: string;
  sort: "newest" | "inactive";
  limit: number;
  offset: number;
}

export interface MyEnrolment {
  programmeId: ProgrammeId;
  programmeName: string;
  programmeStatus: ProgrammeStatus;
  matchingMode: MatchingMode;
  role: "mentee" | "mentor" | "both";
}

const menteeUser = alias(users, "mentee_user");
const mentorUser = alias(users, "mentor_user");
const menteeProfile = alias(profiles, "mentee_profile");
const mentorProfile = alias(profiles, "mentor_profile");
const endedByUser = alias(users, "ended_by_user");
const updatedByUser = alias(users, "updated_by_user");

const listColumns = {
  relationship: relationships,
  programmeName: programmes.name,
  menteeName: menteeUser.name,
  menteeHeadline: sql<string>`coalesce(${menteeProfile.headline}, '')`,
  mentorName: mentorUser.name,
  mentorHeadline: sql<string>`coalesce(${mentorProfile.headline}, '')`,
  version: agreements.version,
  menteeConfirmedVersion: agreements.menteeConfirmedVersion,
  mentorConfirmedVersion: agreements.mentorConfirmedVersion,
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

type ListRow = {
  relationship: typeof relationships.$inferSelect;
  programmeName: string;
  menteeName: string;
  menteeHeadline: string;
  mentorName: string;
  mentorHeadline: string;
  version: number;
  menteeConfirmedVersion: number | null;
  mentorConfirmedVersion: number | null;
};

function toListRow(row: ListRow): RelationshipListRow {
  const relationship = row.relationship as RelationshipRecord;
  return {
    relationship,
    programmeName: row.programmeName,
    mentee: { userId: relationship.menteeId, name: row.menteeName, headline: row.menteeHeadline },
    mentor: { userId: relationship.mentorId, name: row.mentorName, headline: row.mentorHeadline },
    version: row.version,
    menteeConfirmedVersion: row.menteeConfirmedVersion,
    mentorConfirmedVersion: row.mentorConfirmedVersion,
  };
}

/**
 * Mentoring relationships, their agreements and their history. `create` is shared by every way a
 * pair starts (an accepted request, a published bulk match, an admin); call it inside a transaction.
 */
export function relationshipsRepository(db: Database) {
  /** The list query with its joins; callers add where, order and paging. */
  const listQuery = () =>
    db
      .select(listColumns)
      .from(relationships)
      .innerJoin(programmes, eq(programmes.id, relationships.programmeId))
      .innerJoin(agreements, eq(agreements.relationshipId, relationships.id))
      .innerJoin(menteeUser, eq(menteeUser.id, relationships.menteeId))
      .innerJoin(mentorUser, eq(mentorUser.id, relationships.mentorId))
      .leftJoin(
        menteeProfile,
        and(eq(menteeProfile.orgId, relationships.orgId), eq(menteeProfile.userId, relationships.menteeId)),
      )
      .leftJoin(
        mentorProfile,
        and(eq(mentorProfile.orgId, relationships.orgId), eq(mentorProfile.userId, relationships.mentorId)),
      );

  async function findAgreement(
    orgId: OrgId,
    relationshipId: RelationshipId,
  ): Promise<AgreementRecord | null> {
    const [row] = await db
      .select({ agreement: agreements, updatedByName: updatedByUser.name })
      .from(agreements)
      .leftJoin(updatedByUser, eq(updatedByUser.id, agreements.updatedBy))
      .where(and(eq(agreements.orgId, orgId), eq(agreements.relationshipId, relationshipId)));
    if (!row) return null;
    const { orgId: _org, ...agreement } = row.agreement;
    return { ...agreement, updatedByName: row.updatedByName } as AgreementRecord;
  }

  return {
    /** Inserts a relationship (status "proposed"), its agreement draft and a "created" event. */
    async create(input: NewRelationship): Promise<RelationshipRecord> {
      const [row] = await db
        .insert(relationships)
        .values({
          orgId: input.orgId,
          programmeId: input.programmeId,
          menteeId: input.menteeId,
          mentorId: input.mentorId,
          origin: input.origin,
          requestId: input.requestId ?? null,
          matchRunId: input.matchRunId ?? null,
          score: input.score ?? null,
          endsOn: input.endsOn,
          fitCheckDueOn: input.fitCheckDueOn ?? null,
        })
        .returning();
      await db.insert(agreements).values({
        relationshipId: row.id,
        orgId: input.orgId,
        endsOn: input.endsOn,
        ...input.agreement,
      });
      await db.insert(domainEvents).values(
        historyRow(input.orgId, row.id as RelationshipId, {
          kind: "created",
          fromStatus: null,
          toStatus: "proposed",
          actorId: input.actorId,
          detail: input.origin,
        }),
      );
      return row as RelationshipRecord;
    },

    async find(orgId: OrgId, relationshipId: RelationshipId): Promise<RelationshipRecord | null> {
      const [row] = await db
        .select()
        .from(relationships)
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)));
      return (row as RelationshipRecord | undefined) ?? null;
    },

    /** Locks the relationship row for the rest of the transaction: every change to a pair (its
     * status, its agreement, its fit check) takes this lock first, so concurrent changes queue. */
    async findForUpdate(orgId: OrgId, relationshipId: RelationshipId): Promise<RelationshipRecord | null> {
      const [row] = await db
        .select()
        .from(relationships)
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)))
        .for("update");
      return (row as RelationshipRecord | undefined) ?? null;
    },

    /** The relationship with its programme, both people, who ended it and its agreement. */
    async findView(orgId: OrgId, relationshipId: RelationshipId): Promise<RelationshipView | null> {
      const [row] = await listQuery()
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)))
        .limit(1);
      if (!row) return null;
      const [extra] = await db
        .select({
          programmeStartsOn: programmes.startsOn,
          programmeEndsOn: programmes.endsOn,
          programmeEvergreen: programmes.evergreen,
          endedByName: endedByUser.name,
        })
        .from(relationships)
        .innerJoin(programmes, eq(programmes.id, relationships.programmeId))
        .leftJoin(endedByUser, eq(endedByUser.id, relationships.endedBy))
        .where(eq(relationships.id, relationshipId));
      const agreement = await findAgreement(orgId, relationshipId);
      if (!agreement) return null;
      const base = toListRow(row);
      return {
        relationship: base.relationship,
        programmeName: base.programmeName,
        programmeStartsOn: extra.programmeStartsOn,
        programmeEndsOn: extra.programmeEndsOn,
        programmeEvergreen: extra.programmeEvergreen,
        mentee: base.mentee,
        mentor: base.mentor,
        endedByName: extra.endedByName,
        agreement,
      };
    },

    findAgreement,

    /** Replaces the terms with a new version; both confirmations are cleared. */
    async replaceAgreement(
      orgId: OrgId,
      relationshipId: RelationshipId,
      terms: Pick<
        AgreementRecord,
        | "cadence"
        | "formats"
        | "minutesPerMonth"
        | "sessionMinutes"
        | "confidentiality"
        | "endsOn"
        | "firstGoals"
      >,
      change: { version: number; updatedBy: UserId; at: Date },
    ): Promise<void> {
      await db
        .update(agreements)
        .set({
          ...terms,
          version: change.version,
          menteeConfirmedVersion: null,
          mentorConfirmedVersion: null,
          updatedBy: change.updatedBy,
          updatedAt: change.at,
        })
        .where(and(eq(agreements.orgId, orgId), eq(agreements.relationshipId, relationshipId)));
    },

    /** Records one side's confirmation of a version, only if that version is still current. */
    async confirmAgreement(
      orgId: OrgId,
      relationshipId: RelationshipId,
      side: "mentee" | "mentor",
      version: number,
    ): Promise<boolean> {
      const changed = await db
        .update(agreements)
        .set(side === "mentee" ? { menteeConfirmedVersion: version } : { mentorConfirmedVersion: version })
        .where(
          and(
            eq(agreements.orgId, orgId),
            eq(agreements.relationshipId, relationshipId),
            eq(agreements.version, version),
          ),
        )
        .returning({ version: agreements.version });
      return changed.length === 1;
    },

    /**
     * Changes the relationship only if it is still in `expectedStatus` (with the row lock taken
     * this always holds; the condition keeps a forgotten lock from ever writing a wrong move).
     */
    async update(
      orgId: OrgId,
      relationshipId: RelationshipId,
      expectedStatus: RelationshipStatus,
      changes: Partial<
        Pick<
          RelationshipRecord,
          | "status"
          | "endsOn"
          | "startedAt"
          | "endedAt"
          | "endedBy"
          | "endReason"
          | "fitCheckDueOn"
          | "fitCheck"
        >
      > & { at: Date },
    ): Promise<RelationshipRecord | null> {
      const { at, ...values } = changes;
      const [row] = await db
        .update(relationships)
        .set({ ...values, updatedAt: at })
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.id, relationshipId),
            eq(relationships.status, expectedStatus),
          ),
        )
        .returning();
      return (row as RelationshipRecord | undefined) ?? null;
    },

    /** A person's relationships in the organisation, as mentee or mentor: live ones first, newest first. */
    async listForPerson(orgId: OrgId, userId: UserId): Promise<RelationshipListRow[]> {
      const rows = await listQuery()
        .where(
          and(
            eq(relationships.orgId, orgId),
            or(eq(relationships.menteeId, userId), eq(relationships.mentorId, userId)),
          ),
        )
        .orderBy(
          sql`case when ${relationships.status} in (${statusList(LIVE_RELATIONSHIP_STATUSES)}) then 0 else 1 end`,
          desc(relationships.createdAt),
          desc(relationships.id),
        )
        .limit(500);
      return rows.map(toListRow);
    },

    /** The managers' list: filtered, paged, with a total and a count per state. */
    async listForOrg(
      orgId: OrgId,
      filter: RelationshipFilter,
    ): Promise<{ rows: RelationshipListRow[]; total: number; counts: Record<RelationshipStatus, number> }> {
      const scope: SQL[] = [eq(relationships.orgId, orgId)];
      if (filter.programmeId) scope.push(eq(relationships.programmeId, filter.programmeId));
      if (filter.q) {
        const pattern = `%${escapeLike(filter.q)}%`;
        scope.push(or(ilike(menteeUser.name, pattern), ilike(mentorUser.name, pattern))!);
      }
      const where = and(...scope, filter.status ? eq(relationships.status, filter.status) : undefined);
      const order =
        filter.sort === "inactive"
          ? [asc(relationships.lastActivityAt), asc(relationships.id)]
          : [desc(relationships.createdAt), desc(relationships.id)];
      const rows = await listQuery()
        .where(where)
        .orderBy(...order)
        .limit(filter.limit)
        .offset(filter.offset);
      const grouped = await db
        .select({ status: relationships.status, value: count() })
        .from(relationships)
        .innerJoin(menteeUser, eq(menteeUser.id, relationships.menteeId))
        .innerJoin(mentorUser, eq(mentorUser.id, relationships.mentorId))
        .where(and(...scope))
        .groupBy(relationships.status);
      const counts: Record<RelationshipStatus, number> = {
        proposed: 0,
        active: 0,
        paused: 0,
        completed: 0,
        ended_early: 0,
      };
      for (const group of grouped) counts[group.status] = group.value;
      const total = filter.status
        ? counts[filter.status]
        : Object.values(counts).reduce((sum, value) => sum + value, 0);
      return { rows: rows.map(toListRow), total, counts };
    },

    /** The person's active enrolments in programmes that are not over (for "My mentoring"). */
    async listMyEnrolments(orgId: OrgId, userId: UserId): Promise<MyEnrolment[]> {
      const rows = await db
        .select({
          programmeId: programmes.id,
          programmeName: programmes.name,
          programmeStatus: programmes.status,
          matchingMode: programmes.matchingMode,
          role: enrolments.role,
        })
        .from(enrolments)
        .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.userId, userId),
            eq(enrolments.status, "active"),
            inArray(programmes.status, ["registration_open", "matching", "running"]),
          ),
        )
        .orderBy(asc(programmes.name));
      return rows as MyEnrolment[];
    },

    /** Requests waiting for the person: to answer as mentor, and questions to answer as mentee. */
    async countOpenRequests(
      orgId: OrgId,
      userId: UserId,
    ): Promise<{ toAnswer: number; questionsForMe: number }> {
      const [row] = await db
        .select({
          toAnswer: sql<number>`count(*) filter (where ${mentoringRequests.mentorId} = ${userId} and ${mentoringRequests.status} = 'pending')::int`,
          questionsForMe: sql<number>`count(*) filter (where ${mentoringRequests.menteeId} = ${userId} and ${mentoringRequests.status} = 'needs_info')::int`,
        })
        .from(mentoringRequests)
        .where(
          and(
            eq(mentoringRequests.orgId, orgId),
            or(eq(mentoringRequests.mentorId, userId), eq(mentoringRequests.menteeId, userId)),
          ),
        );
      return { toAnswer: row?.toAnswer ?? 0, questionsForMe: row?.questionsForMe ?? 0 };
    },
  };
}
