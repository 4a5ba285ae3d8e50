import { and, eq, inArray, sql } from "drizzle-orm";
import { isFinal } from "../../core/relationships/relationship-status.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { EnrolmentRole, ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { enrolments, profiles, relationships, users } from "../schema.ts";

/** What the matcher and the recommendation list need of one enrolled person: enrolment plus profile. */
export interface ParticipantRow {
  userId: UserId;
  name: string;
  role: EnrolmentRole;
  mentorCapacity: number;
  answers: Record<string, unknown>;
  headline: string;
  bio: string;
  jobTitle: string;
  department: string;
  managerId: UserId | null;
  location: string;
  timeZone: string;
  languages: string[];
  yearsExperience: number | null;
  skillsOffered: { skill: string; level: number }[];
  skillsWanted: { skill: string; level: number }[];
  topics: string[];
  careerGoals: string;
  availability: { day: number; start: string; end: string }[];
}

/** Read-only views of a programme's people for matching. */
export function participantsRepository(db: Database) {
  return {
    /**
     * Active enrolments of a programme with their profiles (a person with no profile yet gets
     * empty fields). `userIds` narrows to some people (e.g. one mentee).
     */
    async listActive(
      orgId: OrgId,
      programmeId: ProgrammeId,
      options: { userIds?: readonly UserId[] } = {},
    ): Promise<ParticipantRow[]> {
      const rows = await db
        .select({
          userId: enrolments.userId,
          name: users.name,
          role: enrolments.role,
          mentorCapacity: enrolments.mentorCapacity,
          answers: enrolments.answers,
          headline: sql<string>`coalesce(${profiles.headline}, '')`,
          bio: sql<string>`coalesce(${profiles.bio}, '')`,
          jobTitle: sql<string>`coalesce(${profiles.jobTitle}, '')`,
          department: sql<string>`coalesce(${profiles.department}, '')`,
          managerId: profiles.managerId,
          location: sql<string>`coalesce(${profiles.location}, '')`,
          timeZone: sql<string>`coalesce(${profiles.timeZone}, 'UTC')`,
          languages: sql<string[]>`coalesce(${profiles.languages}, '{}'::text[])`,
          yearsExperience: profiles.yearsExperience,
          skillsOffered: sql<
            { skill: string; level: number }[]
          >`coalesce(${profiles.skillsOffered}, '[]'::jsonb)`,
          skillsWanted: sql<
            { skill: string; level: number }[]
          >`coalesce(${profiles.skillsWanted}, '[]'::jsonb)`,
          topics: sql<string[]>`coalesce(${profiles.topics}, '{}'::text[])`,
          careerGoals: sql<string>`coalesce(${profiles.careerGoals}, '')`,
          availability: sql<
            { day: number; start: string; end: string }[]
          >`coalesce(${profiles.availability}, '[]'::jsonb)`,
        })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.userId))
        .leftJoin(profiles, and(eq(profiles.orgId, enrolments.orgId), eq(profiles.userId, enrolments.userId)))
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.status, "active"),
            options.userIds ? inArray(enrolments.userId, [...options.userIds]) : undefined,
          ),
        )
        .orderBy(enrolments.createdAt, enrolments.userId);
      return rows as ParticipantRow[];
    },

    /**
     * Pairs of the programme that hold capacity now (proposed, active or paused) and pairs of the
     * organisation that met before (completed or ended, in any programme): [menteeId, mentorId].
     */
    async pairs(
      orgId: OrgId,
      programmeId: ProgrammeId,
    ): Promise<{ existing: [UserId, UserId][]; earlier: [UserId, UserId][] }> {
      const rows = await db
        .select({
          menteeId: relationships.menteeId,
          mentorId: relationships.mentorId,
          status: relationships.status,
          programmeId: relationships.programmeId,
        })
        .from(relationships)
        .where(eq(relationships.orgId, orgId));
      const existing: [UserId, UserId][] = [];
      const earlier: [UserId, UserId][] = [];
      for (const row of rows) {
        const pair: [UserId, UserId] = [row.menteeId as UserId, row.mentorId as UserId];
        if (isFinal(row.status)) earlier.push(pair);
        else if (row.programmeId === programmeId) existing.push(pair);
      }
      return { existing, earlier };
    },
  };
}
