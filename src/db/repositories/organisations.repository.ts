import { and, asc, count, eq, gt, ilike, isNull, or, sql } from "drizzle-orm";
import type {
  InvitationId,
  InvitationRecord,
  Membership,
  MemberRecord,
  MemberStatus,
  OrgId,
  Role,
  UserId,
} from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { invitations, memberships, organisations, users } from "../schema.ts";

const invitationColumns = {
  id: invitations.id,
  orgId: invitations.orgId,
  email: invitations.email,
  role: invitations.role,
  invitedByName: users.name,
  createdAt: invitations.createdAt,
  lastSentAt: invitations.lastSentAt,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
};

const memberColumns = {
  orgId: memberships.orgId,
  orgName: organisations.name,
  userId: memberships.userId,
  role: memberships.role,
  status: memberships.status,
  createdAt: memberships.createdAt,
  name: users.name,
  email: users.email,
};

/** Arbitrary constant: the advisory lock key that serialises first-run set-up. */
const FIRST_RUN_SET_UP_LOCK_KEY = 7_424_212;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Organisations, memberships and invitations. Every query is scoped by organisation id. */
export function organisationsRepository(db: Database) {
  return {
    async create(name: string): Promise<OrgId> {
      const [row] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
      return row.id as OrgId;
    },

    /**
     * Serialises first-run set-up: holds a transaction-scoped advisory lock, so two set-ups
     * racing on an empty database cannot both see zero organisations (call inside a transaction).
     */
    async lockFirstRunSetUp(): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(${FIRST_RUN_SET_UP_LOCK_KEY})`);
    },

    async findById(orgId: OrgId): Promise<{ id: OrgId; name: string } | null> {
      const [row] = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, orgId));
      return row ? { id: row.id as OrgId, name: row.name } : null;
    },

    async countOrganisations(): Promise<number> {
      const [row] = await db.select({ value: count() }).from(organisations);
      return row.value;
    },

    async addMember(orgId: OrgId, userId: UserId, role: Role): Promise<void> {
      await db
        .insert(memberships)
        .values({ orgId, userId, role })
        .onConflictDoUpdate({
          target: [memberships.orgId, memberships.userId],
          set: { role, status: "active" },
        });
    },

    async membershipsOf(userId: UserId): Promise<Membership[]> {
      const rows = await db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
        .orderBy(asc(organisations.name));
      return rows.map((row) => ({ ...row, orgId: row.orgId as OrgId, userId: row.userId as UserId }));
    },

    async findMember(orgId: OrgId, userId: UserId): Promise<MemberRecord | null> {
      const [row] = await db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
      return row ? { ...row, orgId: row.orgId as OrgId, userId: row.userId as UserId } : null;
    },

    async listMembers(
      orgId: OrgId,
      filter: { q?: string; role?: Role; status?: MemberStatus; limit: number; offset: number },
    ): Promise<{ members: MemberRecord[]; total: number }> {
      const conditions = [eq(memberships.orgId, orgId)];
      if (filter.role) conditions.push(eq(memberships.role, filter.role));
      if (filter.status) conditions.push(eq(memberships.status, filter.status));
      if (filter.q?.trim()) {
        const pattern = `%${escapeLike(filter.q.trim())}%`;
        conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
      }
      const where = and(...conditions);
      const rows = await db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(filter.limit)
        .offset(filter.offset);
      const [{ value }] = await db
        .select({ value: count() })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where);
      return {
        members: rows.map((row) => ({ ...row, orgId: row.orgId as OrgId, userId: row.userId as UserId })),
        total: value,
      };
    },

    /**
     * Counts active owners, locking their membership rows so that two concurrent demotions of
     * the last two owners cannot both pass the last-owner rule (call inside a transaction).
     */
    async countActiveOwnersForUpdate(orgId: OrgId): Promise<number> {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(eq(memberships.orgId, orgId), eq(memberships.role, "owner"), eq(memberships.status, "active")),
        )
        .for("update");
      return rows.length;
    },

    async updateMember(
      orgId: OrgId,
      userId: UserId,
      changes: { role: Role; status: MemberStatus },
    ): Promise<void> {
      await db
        .update(memberships)
        .set(changes)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    },

    async createInvitation(input: {
      orgId: OrgId;
      email: string;
      role: Role;
      tokenHash: string;
      invitedBy: UserId;
      expiresAt: Date;
    }): Promise<InvitationId> {
      const [row] = await db.insert(invitations).values(input).returning({ id: invitations.id });
      return row.id as InvitationId;
    },

    async listInvitations(orgId: OrgId): Promise<InvitationRecord[]> {
      const rows = await db
        .select(invitationColumns)
        .from(invitations)
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(eq(invitations.orgId, orgId))
        .orderBy(sql`${invitations.createdAt} desc`);
      return rows.map(toInvitation);
    },

    async findInvitation(orgId: OrgId, id: InvitationId): Promise<InvitationRecord | null> {
      const [row] = await db
        .select(invitationColumns)
        .from(invitations)
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
      return row ? toInvitation(row) : null;
    },

    async findInvitationByTokenHash(
      tokenHash: string,
    ): Promise<(InvitationRecord & { orgName: string }) | null> {
      const [row] = await db
        .select({ ...invitationColumns, orgName: organisations.name })
        .from(invitations)
        .innerJoin(organisations, eq(organisations.id, invitations.orgId))
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(eq(invitations.tokenHash, tokenHash));
      return row ? { ...toInvitation(row), orgName: row.orgName } : null;
    },

    /** The pending invitation for this email in this organisation, if any. */
    async findOpenInvitationByEmail(orgId: OrgId, email: string): Promise<InvitationRecord | null> {
      const [row] = await db
        .select(invitationColumns)
        .from(invitations)
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(
          and(
            eq(invitations.orgId, orgId),
            eq(invitations.email, email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        );
      return row ? toInvitation(row) : null;
    },

    async refreshInvitation(
      id: InvitationId,
      changes: { tokenHash: string; role?: Role; lastSentAt: Date; expiresAt: Date },
    ): Promise<void> {
      await db.update(invitations).set(changes).where(eq(invitations.id, id));
    },

    /**
     * Marks a pending invitation accepted, checking again (atomically) that it is still the link
     * that was followed and still open; false when it was accepted, revoked, re-sent with a new
     * link or expired in the meantime.
     */
    async markInvitationAccepted(id: InvitationId, tokenHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(invitations)
        .set({ acceptedAt: now })
        .where(
          and(
            eq(invitations.id, id),
            eq(invitations.tokenHash, tokenHash),
            gt(invitations.expiresAt, now),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .returning({ id: invitations.id });
      return rows.length > 0;
    },

    async revokeInvitation(id: InvitationId, now: Date): Promise<void> {
      await db.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id));
    },
  };
}

function toInvitation(row: {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}): InvitationRecord {
  return { ...row, id: row.id as InvitationId, orgId: row.orgId as OrgId };
}

export type OrganisationsRepository = ReturnType<typeof organisationsRepository>;
