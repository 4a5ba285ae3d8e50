import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organisations, users } from "../schema.ts";

/**
 * A person's authenticator (TOTP). The seed is sealed with the instance's secret box
 * (`server/security/secret-box.ts`), never stored in the clear. `enabledAt` is null while set-up
 * waits for the first code. `lastUsedStep` is the last 30-second step a code was accepted for: a
 * code of that step or earlier is refused, so an overheard code cannot be replayed.
 */
export const twoFactorCredentials = pgTable("two_factor_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: createdAt(),
});

/** Single-use recovery codes: only their HMAC under the instance secret is kept. */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("two_factor_recovery_codes_user_code_key").on(table.userId, table.codeHash)],
);

/**
 * A sign-in whose password was right and which waits for the second factor: not a session (it
 * grants nothing), short-lived, and dropped after a few wrong codes. Only the token's HMAC is kept.
 */
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("pending_sign_ins_token_hash_key").on(table.tokenHash),
    index("pending_sign_ins_user_idx").on(table.userId),
  ],
);

/** An organisation's sign-in rules. No row: the defaults (nothing required). */
export const orgSecuritySettings = pgTable("org_security_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  requireTwoFactorForAdmins: boolean("require_two_factor_for_admins").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who did what, when, in an organisation. Append-only: the code has no update or delete path and
 * a trigger (migration) raises on UPDATE, DELETE and TRUNCATE. Entries hold ids, never names or
 * email addresses (names are read from `users` when shown, so erasing a person erases them here
 * too). No foreign keys: a cascade or "set null" would be an update the trigger refuses.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id").notNull(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    subjectId: uuid("subject_id"),
    details: jsonb("details").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("audit_log_org_time_idx").on(table.orgId, table.createdAt, table.id),
    index("audit_log_org_actor_idx").on(table.orgId, table.actorId),
    index("audit_log_org_action_idx").on(table.orgId, table.action),
  ],
);
