import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { memberships } from "../schema.ts";
import {
  orgSecuritySettings,
  pendingSignIns,
  twoFactorCredentials,
  twoFactorRecoveryCodes,
} from "../schema/identity.ts";

export interface TwoFactorRecord {
  userId: UserId;
  secretSealed: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export interface PendingSignInRecord {
  id: string;
  userId: UserId;
  failedAttempts: number;
  expiresAt: Date;
}

/** Two-factor credentials, recovery codes, pending sign-ins and organisations' sign-in rules. */
export function identityRepository(db: Database) {
  return {
    async findTwoFactor(userId: UserId): Promise<TwoFactorRecord | null> {
      const [row] = await db
        .select()
        .from(twoFactorCredentials)
        .where(eq(twoFactorCredentials.userId, userId));
      return row ? { ...row, userId: row.userId as UserId } : null;
    },

    /** Starts (or restarts) set-up: a new sealed seed, not yet enabled. Never replaces an enabled one. */
    async startTwoFactorSetUp(userId: UserId, secretSealed: string): Promise<boolean> {
      const rows = await db
        .insert(twoFactorCredentials)
        .values({ userId, secretSealed })
        .onConflictDoUpdate({
          target: twoFactorCredentials.userId,
          set: { secretSealed, lastUsedStep: null, createdAt: sql`now()` },
          setWhere: isNull(twoFactorCredentials.enabledAt),
        })
        .returning({ userId: twoFactorCredentials.userId });
      return rows.length === 1;
    },

    /**
     * Records that a code of `step` was used, only if no code of that step or later was: two
     * requests racing with one code cannot both pass. `enable` also turns the credential on.
     */
    async recordStep(userId: UserId, step: number, enableAt: Date | null = null): Promise<boolean> {
      const rows = await db
        .update(twoFactorCredentials)
        .set({
          lastUsedStep: step,
          ...(enableAt ? { enabledAt: enableAt } : {}),
        })
        .where(
          and(
            eq(twoFactorCredentials.userId, userId),
            enableAt ? isNull(twoFactorCredentials.enabledAt) : isNotNull(twoFactorCredentials.enabledAt),
            or(isNull(twoFactorCredentials.lastUsedStep), lt(twoFactorCredentials.lastUsedStep, step)),
          ),
        )
        .returning({ userId: twoFactorCredentials.userId });
      return rows.length === 1;
    },

    /** Turns two-factor off: the credential and every recovery code go. */
    async deleteTwoFactor(userId: UserId): Promise<void> {
      await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
      await db.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
    },

    async replaceRecoveryCodes(userId: UserId, codeHashes: string[]): Promise<void> {
      await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
      if (codeHashes.length > 0) {
        await db.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      }
    },

    /** Uses one recovery code, once: true only for the request that marked it used. */
    async spendRecoveryCode(userId: UserId, codeHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(twoFactorRecoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(twoFactorRecoveryCodes.userId, userId),
            eq(twoFactorRecoveryCodes.codeHash, codeHash),
            isNull(twoFactorRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: twoFactorRecoveryCodes.id });
      return rows.length === 1;
    },

    async countUnusedRecoveryCodes(userId: UserId): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(twoFactorRecoveryCodes)
        .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
      return row?.count ?? 0;
    },

    async createPendingSignIn(input: { tokenHash: string; userId: UserId; expiresAt: Date }): Promise<void> {
      await db.insert(pendingSignIns).values(input);
    },

    async findPendingSignIn(tokenHash: string, now: Date): Promise<PendingSignInRecord | null> {
      const [row] = await db
        .select({
          id: pendingSignIns.id,
          userId: pendingSignIns.userId,
          failedAttempts: pendingSignIns.failedAttempts,
          expiresAt: pendingSignIns.expiresAt,
        })
        .from(pendingSignIns)
        .where(and(eq(pendingSignIns.tokenHash, tokenHash), gt(pendingSignIns.expiresAt, now)));
      return row ? { ...row, userId: row.userId as UserId } : null;
    },

    /** Counts a wrong code; returns the count after it. */
    async failPendingSignIn(id: string): Promise<number> {
      const [row] = await db
        .update(pendingSignIns)
        .set({ failedAttempts: sql`${pendingSignIns.failedAttempts} + 1` })
        .where(eq(pendingSignIns.id, id))
        .returning({ failedAttempts: pendingSignIns.failedAttempts });
      return row?.failedAttempts ?? Number.POSITIVE_INFINITY;
    },

    /** Ends a pending sign-in; true only for the one request that ended it. */
    async deletePendingSignIn(id: string): Promise<boolean> {
      const rows = await db
        .delete(pendingSignIns)
        .where(eq(pendingSignIns.id, id))
        .returning({ id: pendingSignIns.id });
      return rows.length === 1;
    },

    /** Drops expired pending sign-ins (and a person's others when they sign in). */
    async deleteExpiredPendingSignIns(now: Date, userId?: UserId): Promise<void> {
      await db
        .delete(pendingSignIns)
        .where(
          userId
            ? or(lt(pendingSignIns.expiresAt, now), eq(pendingSignIns.userId, userId))
            : lt(pendingSignIns.expiresAt, now),
        );
    },

    async orgSecurity(orgId: OrgId): Promise<{ requireTwoFactorForAdmins: boolean }> {
      const [row] = await db
        .select({ requireTwoFactorForAdmins: orgSecuritySettings.requireTwoFactorForAdmins })
        .from(orgSecuritySettings)
        .where(eq(orgSecuritySettings.orgId, orgId));
      return { requireTwoFactorForAdmins: row?.requireTwoFactorForAdmins ?? false };
    },

    async setOrgSecurity(
      orgId: OrgId,
      input: { requireTwoFactorForAdmins: boolean },
      now: Date,
    ): Promise<void> {
      await db
        .insert(orgSecuritySettings)
        .values({ orgId, ...input, updatedAt: now })
        .onConflictDoUpdate({ target: orgSecuritySettings.orgId, set: { ...input, updatedAt: now } });
    },

    /**
     * The organisations (of `orgIds`, or all the person's) that require two-factor of admins
     * where this person is an active owner or admin without two-factor turned on.
     */
    async orgsRequiringTwoFactorOf(userId: UserId, orgIds?: OrgId[]): Promise<OrgId[]> {
      const rows = await db
        .select({ orgId: memberships.orgId })
        .from(memberships)
        .innerJoin(orgSecuritySettings, eq(orgSecuritySettings.orgId, memberships.orgId))
        .leftJoin(twoFactorCredentials, eq(twoFactorCredentials.userId, memberships.userId))
        .where(
          and(
            eq(memberships.userId, userId),
            eq(memberships.status, "active"),
            inArray(memberships.role, ["owner", "admin"]),
            eq(orgSecuritySettings.requireTwoFactorForAdmins, true),
            isNull(twoFactorCredentials.enabledAt),
            ...(orgIds ? [inArray(memberships.orgId, orgIds)] : []),
          ),
        );
      return rows.map((row) => row.orgId as OrgId);
    },
  };
}

export type IdentityRepository = ReturnType<typeof identityRepository>;
