import { and, eq } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type {
  ProgrammeId,
  RelationshipId,
  RelationshipStatus,
  RequestId,
} from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { agreements, relationshipEvents, relationships } from "../schema.ts";

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
  fitCheck: Record<string, { answer: string; at: string }>;
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

/**
 * Mentoring relationships, their agreements and their history. `create` is shared by every way a
 * pair starts (an accepted request, a published bulk match, an admin); call it inside a transaction.
 */
export function relationshipsRepository(db: Database) {
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
      await db.insert(relationshipEvents).values({
        orgId: input.orgId,
        relationshipId: row.id,
        kind: "created",
        fromStatus: null,
        toStatus: "proposed",
        actorId: input.actorId,
        detail: input.origin,
      });
      return row as RelationshipRecord;
    },

    async find(orgId: OrgId, relationshipId: RelationshipId): Promise<RelationshipRecord | null> {
      const [row] = await db
        .select()
        .from(relationships)
        .where(and(eq(relationships.orgId, orgId), eq(relationships.id, relationshipId)));
      return (row as RelationshipRecord | undefined) ?? null;
    },
  };
}
