import type { Database } from "../connection.ts";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { EnrolmentRole, ProgrammeId } from "../../core/programmes/types.ts";
import { emailTokens, enrolments, memberships, orgSkills, profiles, users } from "../schema.ts";

/** The profile columns an import writes (all of them, after merging with what is stored). */
export interface ImportedProfileRow {
  userId: UserId;
  department: string;
  jobTitle: string;
  location: string;
  timeZone: string;
  languages: string[];
  yearsExperience: number | null;
  skillsOffered: { skill: string; level: number }[];
  skillsWanted: { skill: string; level: number }[];
  topics: string[];
  careerGoals: string;
}

export interface ImportedEnrolmentRow {
  userId: UserId;
  role: EnrolmentRole;
  mentorCapacity: number;
  answers: Record<string, unknown>;
}

/** The rows of a raw statement's result (node-postgres and PGlite both answer { rows }). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Arbitrary constant shared with the profiles feature: serialises reporting-line changes per organisation. */
const REPORTING_LINES_LOCK_CLASS = 7_424_213;

/**
 * Writes of many people at once (a CSV import's chunk, an admin adding by email): accounts,
 * memberships, profiles, enrolments, set-password tokens, managers. Each takes whole columns as
 * array parameters (unnest / = any): one statement of a few parameters per chunk, however many
 * rows, which PostgreSQL parses and plans once.
 */
export function bulkEnrolmentRepository(db: Database) {
  return {
    /** Accounts for these (lower-case) emails. */
    async usersByEmail(emails: readonly string[]): Promise<{ id: UserId; email: string; name: string }[]> {
      if (emails.length === 0) return [];
      const rows = await db
        .select({ id: users.id, email: users.email, name: users.name })
        .from(users)
        .where(sql`${users.email} = any(${sql.param([...emails])}::text[])`);
      return rows.map((row) => ({ ...row, id: row.id as UserId }));
    },

    /** Creates accounts in one statement; emails taken meanwhile are skipped (read them again). */
    async createUsers(
      rows: readonly { email: string; name: string; passwordHash: string }[],
    ): Promise<{ id: UserId; email: string }[]> {
      if (rows.length === 0) return [];
      const result = await db.execute(sql`
        insert into ${users} (email, name, password_hash)
        select email, name, password_hash from unnest(
          ${sql.param(rows.map((row) => row.email))}::text[],
          ${sql.param(rows.map((row) => row.name))}::text[],
          ${sql.param(rows.map((row) => row.passwordHash))}::text[]
        ) as input(email, name, password_hash)
        on conflict (email) do nothing
        returning id, email`);
      return rowsOf<{ id: string; email: string }>(result).map((row) => ({
        id: row.id as UserId,
        email: row.email,
      }));
    },

    async membershipStatuses(
      orgId: OrgId,
      userIds: readonly UserId[],
    ): Promise<Map<UserId, "active" | "deactivated">> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({ userId: memberships.userId, status: memberships.status })
        .from(memberships)
        .where(
          and(
            eq(memberships.orgId, orgId),
            sql`${memberships.userId} = any(${sql.param([...userIds])}::uuid[])`,
          ),
        );
      return new Map(rows.map((row) => [row.userId as UserId, row.status]));
    },

    /** Makes these people members (role member); existing memberships are left as they are. */
    async addMembers(orgId: OrgId, userIds: readonly UserId[]): Promise<void> {
      if (userIds.length === 0) return;
      await db.execute(sql`
        insert into ${memberships} (org_id, user_id, role)
        select ${orgId}::uuid, user_id, 'member' from unnest(${sql.param([...userIds])}::uuid[]) as input(user_id)
        on conflict (org_id, user_id) do nothing`);
    },

    /** Stored profiles of these people, locked until the transaction ends (their fields are merged). */
    async profilesForUpdate(orgId: OrgId, userIds: readonly UserId[]): Promise<ImportedProfileRow[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({
          userId: profiles.userId,
          department: profiles.department,
          jobTitle: profiles.jobTitle,
          location: profiles.location,
          timeZone: profiles.timeZone,
          languages: profiles.languages,
          yearsExperience: profiles.yearsExperience,
          skillsOffered: profiles.skillsOffered,
          skillsWanted: profiles.skillsWanted,
          topics: profiles.topics,
          careerGoals: profiles.careerGoals,
        })
        .from(profiles)
        .where(
          and(eq(profiles.orgId, orgId), sql`${profiles.userId} = any(${sql.param([...userIds])}::uuid[])`),
        )
        .for("update");
      return rows.map((row) => ({ ...row, userId: row.userId as UserId }));
    },

    /** Writes merged profiles in one upsert; search_text follows the offered skills and topics. */
    async upsertProfiles(orgId: OrgId, rows: readonly ImportedProfileRow[]): Promise<void> {
      if (rows.length === 0) return;
      const column = <T>(pick: (row: ImportedProfileRow) => T) => sql.param(rows.map(pick));
      const json = (pick: (row: ImportedProfileRow) => unknown) => column((row) => JSON.stringify(pick(row)));
      await db.execute(sql`
        insert into ${profiles} (org_id, user_id, department, job_title, location, time_zone, languages,
          years_experience, skills_offered, skills_wanted, topics, career_goals, search_text)
        select ${orgId}::uuid, user_id, department, job_title, location, time_zone,
          array(select jsonb_array_elements_text(languages::jsonb)), years_experience,
          skills_offered::jsonb, skills_wanted::jsonb,
          array(select jsonb_array_elements_text(topics::jsonb)), career_goals, search_text
        from unnest(
          ${column((row) => row.userId)}::uuid[],
          ${column((row) => row.department)}::text[],
          ${column((row) => row.jobTitle)}::text[],
          ${column((row) => row.location)}::text[],
          ${column((row) => row.timeZone)}::text[],
          ${json((row) => row.languages)}::text[],
          ${column((row) => row.yearsExperience)}::int[],
          ${json((row) => row.skillsOffered)}::text[],
          ${json((row) => row.skillsWanted)}::text[],
          ${json((row) => row.topics)}::text[],
          ${column((row) => row.careerGoals)}::text[],
          ${column((row) => [...row.skillsOffered.map((item) => item.skill), ...row.topics].join(" "))}::text[]
        ) as input(user_id, department, job_title, location, time_zone, languages, years_experience,
          skills_offered, skills_wanted, topics, career_goals, search_text)
        on conflict (org_id, user_id) do update set
          department = excluded.department, job_title = excluded.job_title, location = excluded.location,
          time_zone = excluded.time_zone, languages = excluded.languages,
          years_experience = excluded.years_experience, skills_offered = excluded.skills_offered,
          skills_wanted = excluded.skills_wanted, topics = excluded.topics,
          career_goals = excluded.career_goals, search_text = excluded.search_text, updated_at = now()`);
    },

    /** Enrolments of these people in the programme, locked until the transaction ends. */
    async enrolmentsForUpdate(
      orgId: OrgId,
      programmeId: ProgrammeId,
      userIds: readonly UserId[],
    ): Promise<
      { userId: UserId; role: EnrolmentRole; mentorCapacity: number; answers: Record<string, unknown> }[]
    > {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({
          userId: enrolments.userId,
          role: enrolments.role,
          mentorCapacity: enrolments.mentorCapacity,
          answers: enrolments.answers,
        })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.programmeId, programmeId),
            sql`${enrolments.userId} = any(${sql.param([...userIds])}::uuid[])`,
          ),
        )
        .for("update");
      return rows.map((row) => ({ ...row, userId: row.userId as UserId }));
    },

    /**
     * Creates or updates enrolments in one upsert (unique per programme and person). New ones start
     * active (an admin put them there); existing ones keep their status. Returns who was new.
     */
    async upsertEnrolments(
      orgId: OrgId,
      programmeId: ProgrammeId,
      rows: readonly ImportedEnrolmentRow[],
      source: "import" | "admin",
    ): Promise<Set<UserId>> {
      if (rows.length === 0) return new Set();
      const result = await db.execute(sql`
        insert into ${enrolments} (org_id, programme_id, user_id, role, status, mentor_capacity, answers, source)
        select ${orgId}::uuid, ${programmeId}::uuid, user_id, role, 'active', mentor_capacity, answers::jsonb, ${source}
        from unnest(
          ${sql.param(rows.map((row) => row.userId))}::uuid[],
          ${sql.param(rows.map((row) => row.role))}::text[],
          ${sql.param(rows.map((row) => row.mentorCapacity))}::int[],
          ${sql.param(rows.map((row) => JSON.stringify(row.answers)))}::text[]
        ) as input(user_id, role, mentor_capacity, answers)
        on conflict (programme_id, user_id) do update set
          role = excluded.role, mentor_capacity = excluded.mentor_capacity, answers = excluded.answers,
          updated_at = now()
        returning user_id, (xmax = 0) as inserted`);
      // xmax = 0 only for rows this statement inserted.
      return new Set(
        rowsOf<{ user_id: string; inserted: boolean }>(result)
          .filter((row) => row.inserted)
          .map((row) => row.user_id as UserId),
      );
    },

    /** Single-use "set your password" tokens (password-reset purpose), one statement. */
    async createPasswordTokens(
      rows: readonly { tokenHash: string; userId: UserId; expiresAt: Date }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        insert into ${emailTokens} (token_hash, user_id, purpose, expires_at)
        select token_hash, user_id, 'password_reset', expires_at from unnest(
          ${sql.param(rows.map((row) => row.tokenHash))}::text[],
          ${sql.param(rows.map((row) => row.userId))}::uuid[],
          ${sql.param(rows.map((row) => row.expiresAt.toISOString()))}::timestamptz[]
        ) as input(token_hash, user_id, expires_at)`);
    },

    /** The organisation's skill list names (imports take its spelling). */
    async skillNames(orgId: OrgId): Promise<string[]> {
      const rows = await db
        .select({ name: orgSkills.name })
        .from(orgSkills)
        .where(eq(orgSkills.orgId, orgId));
      return rows.map((row) => row.name);
    },

    /** Serialises reporting-line changes in the organisation for the rest of the transaction. */
    async lockReportingLines(orgId: OrgId): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(${REPORTING_LINES_LOCK_CLASS}, hashtext(${orgId}))`);
    },

    /** Every reporting line of the organisation: person -> manager. */
    async reportingLines(orgId: OrgId): Promise<Map<UserId, UserId>> {
      const rows = await db
        .select({ userId: profiles.userId, managerId: profiles.managerId })
        .from(profiles)
        .where(and(eq(profiles.orgId, orgId), isNotNull(profiles.managerId)));
      return new Map(rows.map((row) => [row.userId as UserId, row.managerId as UserId]));
    },

    /** Active members of the organisation among these emails: email -> user id. */
    async activeMembersByEmail(orgId: OrgId, emails: readonly string[]): Promise<Map<string, UserId>> {
      if (emails.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, orgId)))
        .where(
          and(sql`${users.email} = any(${sql.param([...emails])}::text[])`, eq(memberships.status, "active")),
        );
      return new Map(rows.map((row) => [row.email, row.id as UserId]));
    },

    /** Sets managers in one statement: [person, manager] pairs of the organisation. */
    async setManagers(orgId: OrgId, pairs: readonly [UserId, UserId][]): Promise<void> {
      if (pairs.length === 0) return;
      await db.execute(sql`
        update ${profiles} set manager_id = pairs.manager_id, updated_at = now()
        from unnest(
          ${sql.param(pairs.map(([userId]) => userId))}::uuid[],
          ${sql.param(pairs.map(([, managerId]) => managerId))}::uuid[]
        ) as pairs(user_id, manager_id)
        where ${profiles.orgId} = ${orgId} and ${profiles.userId} = pairs.user_id`);
    },
  };
}
