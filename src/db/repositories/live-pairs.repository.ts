import { and, count, eq, inArray } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { isFinal, LIVE_RELATIONSHIP_STATUSES } from "../../core/relationships/relationship-status.ts";
import type { Database } from "../connection.ts";
import { relationships } from "../schema.ts";

/**
 * A person's live pairs in a programme, counted for the capacity rule (core hasRoom) and "one
 * mentor per mentee", and a mentee's pairs the matcher must respect (requests, recommendations).
 */
export function livePairsRepository(db: Database) {
  return {
    /** Live relationships (proposed, active, paused) a mentor holds in a programme. */
    async countLiveAsMentor(orgId: OrgId, programmeId: ProgrammeId, mentorId: UserId): Promise<number> {
      const [row] = await db
        .select({ value: count() })
        .from(relationships)
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.programmeId, programmeId),
            eq(relationships.mentorId, mentorId),
            inArray(relationships.status, [...LIVE_RELATIONSHIP_STATUSES]),
          ),
        );
      return row?.value ?? 0;
    },

    /** Live relationships a person holds as mentee in a programme. */
    async countLiveAsMentee(orgId: OrgId, programmeId: ProgrammeId, menteeId: UserId): Promise<number> {
      const [row] = await db
        .select({ value: count() })
        .from(relationships)
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.programmeId, programmeId),
            eq(relationships.menteeId, menteeId),
            inArray(relationships.status, [...LIVE_RELATIONSHIP_STATUSES]),
          ),
        );
      return row?.value ?? 0;
    },

    /** Live relationships per mentor of a programme (mentors with none are absent). */
    async liveCountsByMentor(orgId: OrgId, programmeId: ProgrammeId): Promise<Map<UserId, number>> {
      const rows = await db
        .select({ mentorId: relationships.mentorId, value: count() })
        .from(relationships)
        .where(
          and(
            eq(relationships.orgId, orgId),
            eq(relationships.programmeId, programmeId),
            inArray(relationships.status, [...LIVE_RELATIONSHIP_STATUSES]),
          ),
        )
        .groupBy(relationships.mentorId);
      return new Map(rows.map((row) => [row.mentorId as UserId, row.value]));
    },

    /**
     * The mentee's pairs the matcher must respect: mentors they are matched with now in this
     * programme, and mentors they met before anywhere in the organisation (completed or ended).
     */
    async pairsOfMentee(
      orgId: OrgId,
      programmeId: ProgrammeId,
      menteeId: UserId,
    ): Promise<{ live: Set<UserId>; earlier: Set<UserId> }> {
      const rows = await db
        .select({
          mentorId: relationships.mentorId,
          status: relationships.status,
          programmeId: relationships.programmeId,
        })
        .from(relationships)
        .where(and(eq(relationships.orgId, orgId), eq(relationships.menteeId, menteeId)));
      const live = new Set<UserId>();
      const earlier = new Set<UserId>();
      for (const row of rows) {
        if (isFinal(row.status)) earlier.add(row.mentorId as UserId);
        else if (row.programmeId === programmeId) live.add(row.mentorId as UserId);
      }
      return { live, earlier };
    },
  };
}
