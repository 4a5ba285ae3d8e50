import { aliasedTable, and, asc, eq, ilike, inArray, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { profileSearchText } from "../../core/profiles/profile-rules.ts";
import type { Database } from "../connection.ts";
import { enrolments, memberships, orgSkills, profiles, users } from "../schema.ts";

/** A stored profile without its photo bytes. */
export interface ProfileRecord {
  orgId: OrgId;
  userId: UserId;
  headline: string;
  bio: string;
  jobTitle: string;
  department: string;
  managerId: UserId | null;
  managerName: string | null;
  location: string;
  timeZone: string;
  languages: string[];
  yearsExperience: number | null;
  skillsOffered: { skill: string; level: number }[];
  skillsWanted: { skill: string; level: number }[];
  topics: string[];
  careerGoals: string;
  availability: { day: number; start: string; end: string }[];
  links: { label: string; url: string }[];
  /** As stored: section -> level, possibly with gaps (see resolveVisibility). */
  visibility: Record<string, string>;
  photoContentType: string | null;
  photoUpdatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a profile write sets (everything but the photo). */
export type ProfileWrite = Omit<
  ProfileRecord,
  "orgId" | "userId" | "managerName" | "photoContentType" | "photoUpdatedAt" | "createdAt" | "updatedAt"
>;

export interface StoredPhoto {
  contentType: string;
  bytes: Buffer;
  updatedAt: Date;
}

export interface SkillRecord {
  id: string;
  orgId: OrgId;
  name: string;
  category: string | null;
  createdAt: Date;
}

const manager = aliasedTable(users, "manager");

const profileColumns = {
  orgId: profiles.orgId,
  userId: profiles.userId,
  headline: profiles.headline,
  bio: profiles.bio,
  jobTitle: profiles.jobTitle,
  department: profiles.department,
  managerId: profiles.managerId,
  managerName: manager.name,
  location: profiles.location,
  timeZone: profiles.timeZone,
  languages: profiles.languages,
  yearsExperience: profiles.yearsExperience,
  skillsOffered: profiles.skillsOffered,
  skillsWanted: profiles.skillsWanted,
  topics: profiles.topics,
  careerGoals: profiles.careerGoals,
  availability: profiles.availability,
  links: profiles.links,
  visibility: profiles.visibility,
  photoContentType: profiles.photoContentType,
  photoUpdatedAt: profiles.photoUpdatedAt,
  createdAt: profiles.createdAt,
  updatedAt: profiles.updatedAt,
};

/** Arbitrary constant: the first key of the advisory lock that serialises reporting-line changes. */
const REPORTING_LINES_LOCK_CLASS = 7_424_213;
/** Longer chains than this are treated as broken data and not followed further. */
const MAX_CHAIN = 500;

/** Enrolment states in which two people count as sharing a programme. */
const SHARING_STATUSES = ["active", "paused"] as const;

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: string }; code?: string })?.cause?.code ??
    (error as { code?: string })?.code;
  return code === "23505";
}

/** Profiles and the organisation's skill list (owned by the profiles feature). Scoped by organisation. */
export function profilesRepository(db: Database) {
  return {
    async find(orgId: OrgId, userId: UserId): Promise<ProfileRecord | null> {
      const [row] = await db
        .select(profileColumns)
        .from(profiles)
        .leftJoin(manager, eq(manager.id, profiles.managerId))
        .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, userId)));
      return row ? (row as ProfileRecord) : null;
    },

    /**
     * Creates or replaces a profile's fields (not the photo). `search_text` is kept equal to the
     * offered skills and topics, which the generated `search` vector indexes.
     */
    async save(orgId: OrgId, userId: UserId, values: ProfileWrite, now: Date): Promise<void> {
      const fields = { ...values, searchText: profileSearchText(values.skillsOffered, values.topics) };
      await db
        .insert(profiles)
        .values({ orgId, userId, ...fields, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [profiles.orgId, profiles.userId],
          set: { ...fields, updatedAt: now },
        });
    },

    /**
     * Serialises changes of reporting lines in one organisation for the rest of the transaction,
     * so two people cannot each make the other their manager at the same moment.
     */
    async lockReportingLines(orgId: OrgId): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(${REPORTING_LINES_LOCK_CLASS}, hashtext(${orgId}))`);
    },

    /** The managers above a person, nearest first (stops at a loop or after MAX_CHAIN steps). */
    async managerChain(orgId: OrgId, userId: UserId): Promise<UserId[]> {
      const chain: UserId[] = [];
      const seen = new Set<string>([userId]);
      let current: string = userId;
      while (chain.length < MAX_CHAIN) {
        const [row] = await db
          .select({ managerId: profiles.managerId })
          .from(profiles)
          .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, current)));
        const next = row?.managerId;
        if (!next) break;
        chain.push(next as UserId);
        if (seen.has(next)) break;
        seen.add(next);
        current = next;
      }
      return chain;
    },

    /** Whether both people are enrolled (active or paused) in some programme of the organisation. */
    async shareProgramme(orgId: OrgId, userId: UserId, otherUserId: UserId): Promise<boolean> {
      const other = aliasedTable(enrolments, "other");
      const [row] = await db
        .select({ programmeId: enrolments.programmeId })
        .from(enrolments)
        .innerJoin(
          other,
          and(
            eq(other.programmeId, enrolments.programmeId),
            eq(other.orgId, orgId),
            eq(other.userId, otherUserId),
            inArray(other.status, [...SHARING_STATUSES]),
          ),
        )
        .where(
          and(
            eq(enrolments.orgId, orgId),
            eq(enrolments.userId, userId),
            inArray(enrolments.status, [...SHARING_STATUSES]),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** Sets the photo, creating an empty profile first when there is none. */
    async setPhoto(
      orgId: OrgId,
      userId: UserId,
      photo: { contentType: string; bytes: Buffer },
      now: Date,
    ): Promise<void> {
      const fields = { photo: photo.bytes, photoContentType: photo.contentType, photoUpdatedAt: now };
      await db
        .insert(profiles)
        .values({ orgId, userId, ...fields, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [profiles.orgId, profiles.userId],
          set: { ...fields, updatedAt: now },
        });
    },

    /** Removes the photo; false when there was none. */
    async clearPhoto(orgId: OrgId, userId: UserId, now: Date): Promise<boolean> {
      const rows = await db
        .update(profiles)
        .set({ photo: null, photoContentType: null, photoUpdatedAt: null, updatedAt: now })
        .where(
          and(eq(profiles.orgId, orgId), eq(profiles.userId, userId), sql`${profiles.photo} is not null`),
        )
        .returning({ userId: profiles.userId });
      return rows.length > 0;
    },

    async findPhoto(orgId: OrgId, userId: UserId): Promise<StoredPhoto | null> {
      const [row] = await db
        .select({
          contentType: profiles.photoContentType,
          bytes: profiles.photo,
          updatedAt: profiles.photoUpdatedAt,
        })
        .from(profiles)
        .where(and(eq(profiles.orgId, orgId), eq(profiles.userId, userId)));
      if (!row?.bytes || !row.contentType || !row.updatedAt) return null;
      return { contentType: row.contentType, bytes: row.bytes, updatedAt: row.updatedAt };
    },

    /** Active members whose name contains `q` (any case), by name. */
    async searchPeople(orgId: OrgId, q: string, limit: number): Promise<{ userId: UserId; name: string }[]> {
      const escaped = q.replace(/[\\%_]/g, (character) => `\\${character}`);
      const rows = await db
        .select({ userId: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.orgId, orgId),
            eq(memberships.status, "active"),
            q ? ilike(users.name, `%${escaped}%`) : undefined,
          ),
        )
        .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
        .limit(limit);
      return rows as { userId: UserId; name: string }[];
    },

    async listSkills(orgId: OrgId): Promise<SkillRecord[]> {
      const rows = await db
        .select()
        .from(orgSkills)
        .where(eq(orgSkills.orgId, orgId))
        .orderBy(asc(sql`lower(${orgSkills.name})`), asc(orgSkills.name));
      return rows as SkillRecord[];
    },

    async findSkill(orgId: OrgId, skillId: string): Promise<SkillRecord | null> {
      const [row] = await db
        .select()
        .from(orgSkills)
        .where(and(eq(orgSkills.orgId, orgId), eq(orgSkills.id, skillId)));
      return (row as SkillRecord | undefined) ?? null;
    },

    /** Adds a skill; null when the list already has that name (ignoring case). */
    async insertSkill(
      orgId: OrgId,
      input: { name: string; category: string | null },
    ): Promise<SkillRecord | null> {
      const [row] = await db
        .insert(orgSkills)
        .values({ orgId, ...input })
        .onConflictDoNothing()
        .returning();
      return (row as SkillRecord | undefined) ?? null;
    },

    /** Renames or recategorises; null when not found, "conflict" when the new name is taken. */
    async updateSkill(
      orgId: OrgId,
      skillId: string,
      changes: { name?: string; category?: string | null },
    ): Promise<SkillRecord | null | "conflict"> {
      try {
        const [row] = await db
          .update(orgSkills)
          .set(changes)
          .where(and(eq(orgSkills.orgId, orgId), eq(orgSkills.id, skillId)))
          .returning();
        return (row as SkillRecord | undefined) ?? null;
      } catch (error) {
        if (isUniqueViolation(error)) return "conflict";
        throw error;
      }
    },

    async deleteSkill(orgId: OrgId, skillId: string): Promise<boolean> {
      const rows = await db
        .delete(orgSkills)
        .where(and(eq(orgSkills.orgId, orgId), eq(orgSkills.id, skillId)))
        .returning({ id: orgSkills.id });
      return rows.length > 0;
    },
  };
}
