import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type {
  MemberStatus,
  Membership,
  OrgId,
  Role,
  SessionId,
  SessionRecord,
  User,
  UserId,
} from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { emailTokens, memberships, organisations, signInSessions, users } from "../schema.ts";

type UserRow = typeof users.$inferSelect;
type SessionRow = typeof signInSessions.$inferSelect;

function toUser(
  row: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt" | "lastOrgId" | "createdAt">,
): User {
  return {
    id: row.id as UserId,
    email: row.email,
    name: row.name,
    emailVerifiedAt: row.emailVerifiedAt,
    lastOrgId: row.lastOrgId as OrgId | null,
    createdAt: row.createdAt,
  };
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id as SessionId,
    userId: row.userId as UserId,
    csrfToken: row.csrfToken,
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
  };
}

export type EmailTokenPurpose = "password_reset" | "verify_email";

/** Who asks, as the session lookup's one JSON value holds it (timestamps as ISO text). */
interface SessionJson {
  session: {
    id: string;
    userId: string;
    csrfToken: string;
    userAgent: string | null;
    ipAddress: string | null;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
  };
  user: {
    id: string;
    email: string;
    name: string;
    emailVerifiedAt: string | null;
    lastOrgId: string | null;
    createdAt: string;
  };
  memberships: { orgId: string; orgName: string; role: Role; status: MemberStatus; createdAt: string }[];
}

/**
 * Everything a request needs to know about who asks, in one round trip: the session, the person
 * (without the password hash) and their active memberships by organisation name (the order of
 * membershipsOf). It comes back as ONE json value, not fifteen columns: per row the driver then
 * parses one field instead of building a parser for each column and mapping each value, which
 * was a tenth of the server's time on GET /api/me. Prepared once per connection.
 */
function prepareSessionWithUser(db: Database) {
  const active: MemberStatus = "active";
  return db
    .select({
      who: sql<SessionJson>`json_build_object(
        'session', json_build_object('id', ${signInSessions.id}, 'userId', ${signInSessions.userId},
          'csrfToken', ${signInSessions.csrfToken}, 'userAgent', ${signInSessions.userAgent},
          'ipAddress', ${signInSessions.ipAddress}, 'createdAt', ${signInSessions.createdAt},
          'lastSeenAt', ${signInSessions.lastSeenAt}, 'expiresAt', ${signInSessions.expiresAt}),
        'user', json_build_object('id', ${users.id}, 'email', ${users.email}, 'name', ${users.name},
          'emailVerifiedAt', ${users.emailVerifiedAt}, 'lastOrgId', ${users.lastOrgId},
          'createdAt', ${users.createdAt}),
        'memberships', (select coalesce(json_agg(json_build_object(
            'orgId', ${memberships.orgId}, 'orgName', ${organisations.name}, 'role', ${memberships.role},
            'status', ${memberships.status}, 'createdAt', ${memberships.createdAt}) order by ${organisations.name}), '[]'::json)
          from ${memberships} inner join ${organisations} on ${organisations.id} = ${memberships.orgId}
          where ${memberships.userId} = ${signInSessions.userId} and ${memberships.status} = ${active}))`,
    })
    .from(signInSessions)
    .innerJoin(users, eq(users.id, signInSessions.userId))
    .where(
      and(
        eq(signInSessions.tokenHash, sql.placeholder("tokenHash")),
        gt(signInSessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare("trellis_session_with_user");
}

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

/** People, their sign-in sessions and their single-use emailed tokens. */
export function usersRepository(db: Database) {
  let sessionWithUser: ReturnType<typeof prepareSessionWithUser> | undefined;
  return {
    async countUsers(): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
      return row.count;
    },

    async findById(id: UserId): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : null;
    },

    async findByEmailWithHash(email: string): Promise<(User & { passwordHash: string }) | null> {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },

    async findPasswordHash(id: UserId): Promise<string | null> {
      const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
      return row?.hash ?? null;
    },

    /** Returns null when the email is already taken. */
    async create(input: {
      email: string;
      name: string;
      passwordHash: string;
      emailVerifiedAt?: Date | null;
    }): Promise<User | null> {
      const [row] = await db
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash: input.passwordHash,
          emailVerifiedAt: input.emailVerifiedAt ?? null,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();
      return row ? toUser(row) : null;
    },

    async update(
      id: UserId,
      changes: Partial<{ name: string; passwordHash: string; emailVerifiedAt: Date; lastOrgId: OrgId }>,
    ): Promise<void> {
      await db.update(users).set(changes).where(eq(users.id, id));
    },

    async createSession(input: {
      tokenHash: string;
      userId: UserId;
      csrfToken: string;
      userAgent: string | null;
      ipAddress: string | null;
      expiresAt: Date;
    }): Promise<SessionRecord> {
      const [row] = await db.insert(signInSessions).values(input).returning();
      return toSession(row);
    },

    /**
     * The live session for a token hash with its person and their active memberships, in one round
     * trip. Every signed-in request runs it, so it is a named prepared statement.
     */
    async findSessionWithUser(
      tokenHash: string,
      now: Date,
    ): Promise<{ session: SessionRecord; user: User; memberships: Membership[] } | null> {
      sessionWithUser ??= prepareSessionWithUser(db);
      const [row] = await sessionWithUser.execute({ tokenHash, now: now.toISOString() });
      if (!row) return null;
      const { session, user } = row.who;
      const userId = user.id as UserId;
      return {
        session: {
          id: session.id as SessionId,
          userId,
          csrfToken: session.csrfToken,
          userAgent: session.userAgent,
          ipAddress: session.ipAddress,
          createdAt: new Date(session.createdAt),
          lastSeenAt: new Date(session.lastSeenAt),
          expiresAt: new Date(session.expiresAt),
        },
        user: {
          id: userId,
          email: user.email,
          name: user.name,
          emailVerifiedAt: dateOrNull(user.emailVerifiedAt),
          lastOrgId: user.lastOrgId as OrgId | null,
          createdAt: new Date(user.createdAt),
        },
        memberships: row.who.memberships.map((membership) => ({
          orgId: membership.orgId as OrgId,
          orgName: membership.orgName,
          userId,
          role: membership.role,
          status: membership.status,
          createdAt: new Date(membership.createdAt),
        })),
      };
    },

    async touchSession(id: SessionId, now: Date): Promise<void> {
      await db.update(signInSessions).set({ lastSeenAt: now }).where(eq(signInSessions.id, id));
    },

    async listSessions(userId: UserId, now: Date): Promise<SessionRecord[]> {
      const rows = await db
        .select()
        .from(signInSessions)
        .where(and(eq(signInSessions.userId, userId), gt(signInSessions.expiresAt, now)))
        .orderBy(sql`${signInSessions.lastSeenAt} desc`);
      return rows.map(toSession);
    },

    /** Deletes one of the user's sessions; false when it was not theirs or is gone. */
    async deleteSession(userId: UserId, id: SessionId): Promise<boolean> {
      const rows = await db
        .delete(signInSessions)
        .where(and(eq(signInSessions.id, id), eq(signInSessions.userId, userId)))
        .returning({ id: signInSessions.id });
      return rows.length > 0;
    },

    async deleteOtherSessions(userId: UserId, keep: SessionId | null): Promise<void> {
      const condition = keep
        ? and(eq(signInSessions.userId, userId), sql`${signInSessions.id} <> ${keep}`)
        : eq(signInSessions.userId, userId);
      await db.delete(signInSessions).where(condition);
    },

    async createEmailToken(input: {
      tokenHash: string;
      userId: UserId;
      purpose: EmailTokenPurpose;
      expiresAt: Date;
    }): Promise<void> {
      await db.insert(emailTokens).values(input);
    },

    /** Marks every unused token of this purpose of the user used: no older link works afterwards. */
    async useUpEmailTokens(userId: UserId, purpose: EmailTokenPurpose, now: Date): Promise<void> {
      await db
        .update(emailTokens)
        .set({ usedAt: now })
        .where(
          and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)),
        );
    },

    /** Marks a valid, unused token used and returns its user; null when unknown, used or expired. */
    async consumeEmailToken(
      tokenHash: string,
      purpose: EmailTokenPurpose,
      now: Date,
    ): Promise<UserId | null> {
      const [row] = await db
        .update(emailTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(emailTokens.tokenHash, tokenHash),
            eq(emailTokens.purpose, purpose),
            isNull(emailTokens.usedAt),
            gt(emailTokens.expiresAt, now),
          ),
        )
        .returning({ userId: emailTokens.userId });
      return (row?.userId as UserId | undefined) ?? null;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
