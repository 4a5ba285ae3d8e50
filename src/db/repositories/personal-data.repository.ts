import { sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A column holding a user id (a foreign key to users). */
export interface UserReference {
  table: string;
  column: string;
}

/** A column that can hold text (text, varchar, text[], json, jsonb, tsvector). */
export interface TextColumn {
  schema: string;
  table: string;
  column: string;
  kind: "text" | "array" | "json" | "tsvector";
}

/** Column names that hold secrets (hashes, sealed seeds, tokens): never exported. */
export const SECRET_COLUMN = /(hash|secret|token|csrf|password|sealed)/i;

/**
 * What Trellis holds about a person, found from the database catalog (every foreign key to
 * users), so a table added later is covered without editing this file; and the erasure that
 * goes with it. The only SQL of the personal-data export and account deletion.
 */
export function personalDataRepository(db: Database) {
  return {
    /** Every (table, column) in the public schema with a foreign key to users.id. */
    async userReferences(): Promise<UserReference[]> {
      return rowsOf<UserReference>(
        await db.execute(sql`
          select rel.relname as "table", att.attname as "column"
            from pg_constraint con
            join pg_class rel on rel.oid = con.conrelid
            join pg_namespace ns on ns.oid = rel.relnamespace
            join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[1]
           where con.contype = 'f' and con.confrelid = 'public.users'::regclass and ns.nspname = 'public'
             and array_length(con.conkey, 1) = 1
           order by 1, 2`),
      );
    },

    /** The rows of `table` whose `column` is the person, as JSON objects without secret columns. */
    async rowsReferencing(reference: UserReference, userId: UserId): Promise<Record<string, unknown>[]> {
      const rows = rowsOf<{ row: Record<string, unknown> }>(
        await db.execute(
          sql`select to_jsonb(t) as row from ${sql.identifier(reference.table)} t
               where ${sql.identifier(reference.column)} = ${userId}`,
        ),
      );
      return rows.map(({ row }) =>
        Object.fromEntries(Object.entries(row).filter(([key]) => !SECRET_COLUMN.test(key))),
      );
    },

    /** Emails recorded for an address (subjects and times; bodies carry one-time links). */
    async emailsTo(address: string): Promise<Record<string, unknown>[]> {
      return rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          select subject, state, created_at as "createdAt", delivered_at as "deliveredAt" from sent_emails
           where lower(to_address) = lower(${address}) order by created_at`),
      );
    },

    /** Every column that can hold text, in every schema of ours (the job queue's too). */
    async textColumns(): Promise<TextColumn[]> {
      return rowsOf<TextColumn>(
        await db.execute(sql`
          select c.table_schema as "schema", c.table_name as "table", c.column_name as "column",
                 case when c.data_type in ('json', 'jsonb') then 'json'
                      when c.data_type = 'ARRAY' then 'array'
                      when c.udt_name = 'tsvector' then 'tsvector'
                      else 'text' end as kind
            from information_schema.columns c
            join information_schema.tables t
              on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
           where c.table_schema not in ('pg_catalog', 'information_schema')
             and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                  or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar'))
                  or c.udt_name = 'tsvector')
           order by 1, 2, 3`),
      );
    },

    /** The columns (of `columns`) holding any of `needles` (case-insensitive), as "schema.table.column". */
    async columnsContaining(columns: TextColumn[], needles: string[]): Promise<string[]> {
      const found: string[] = [];
      for (const column of columns) {
        const value =
          column.kind === "text"
            ? sql`${sql.identifier(column.column)}`
            : sql`${sql.identifier(column.column)}::text`;
        const conditions = needles.map((needle) => sql`strpos(lower(${value}), lower(${needle})) > 0`);
        const [row] = rowsOf<{ hit: boolean }>(
          await db.execute(sql`select exists (
              select 1 from ${sql.identifier(column.schema)}.${sql.identifier(column.table)}
               where ${sql.join(conditions, sql` or `)}) as hit`),
        );
        if (row?.hit) found.push(`${column.schema}.${column.table}.${column.column}`);
      }
      return found;
    },

    /**
     * Replaces a pattern (a PostgreSQL regular expression, case-insensitive) in one column of
     * every row holding it. Text, text[] and JSON (as its text, so keys and structure stay).
     */
    async replaceIn(column: TextColumn, pattern: string, replacement: string): Promise<number> {
      const id = sql`${sql.identifier(column.column)}`;
      const table = sql`${sql.identifier(column.schema)}.${sql.identifier(column.table)}`;
      const set =
        column.kind === "text"
          ? sql`regexp_replace(${id}, ${pattern}, ${replacement}, 'gi')`
          : column.kind === "json"
            ? sql`regexp_replace(${id}::text, ${pattern}, ${replacement}, 'gi')::jsonb`
            : sql`array(select regexp_replace(item, ${pattern}, ${replacement}, 'gi') from unnest(${id}) item)`;
      const matches =
        column.kind === "array" || column.kind === "json"
          ? sql`${id}::text ~* ${pattern}`
          : sql`${id} ~* ${pattern}`;
      const rows = rowsOf<{ n: number }>(
        await db.execute(sql`with changed as (update ${table} set ${id} = ${set} where ${matches} returning 1)
                             select count(*)::int as n from changed`),
      );
      return rows[0]?.n ?? 0;
    },

    /** The last-owner check for deletion: organisations where this person is the only active owner. */
    async orgsWhereOnlyOwner(userId: UserId): Promise<{ orgId: OrgId; orgName: string }[]> {
      return rowsOf<{ orgId: OrgId; orgName: string }>(
        await db.execute(sql`
          select m.org_id as "orgId", o.name as "orgName"
            from memberships m join organisations o on o.id = m.org_id
           where m.user_id = ${userId} and m.role = 'owner' and m.status = 'active'
             and not exists (select 1 from memberships other
                              where other.org_id = m.org_id and other.user_id <> m.user_id
                                and other.role = 'owner' and other.status = 'active')
           for update of m`),
      );
    },

    /**
     * Erases what belongs to the person alone and keeps what they share with others:
     * their sign-ins, tokens, two-factor, notifications, profiles and pending invitations go;
     * memberships are deactivated; registration answers are emptied; the users row stays (others'
     * pairs, requests and messages point at it) with the name and address replaced.
     */
    async eraseOwnRows(userId: UserId, email: string): Promise<void> {
      await db.execute(sql`delete from sign_in_sessions where user_id = ${userId}`);
      await db.execute(sql`delete from email_tokens where user_id = ${userId}`);
      await db.execute(sql`delete from pending_sign_ins where user_id = ${userId}`);
      await db.execute(sql`delete from two_factor_recovery_codes where user_id = ${userId}`);
      await db.execute(sql`delete from two_factor_credentials where user_id = ${userId}`);
      await db.execute(sql`delete from notifications where user_id = ${userId}`);
      await db.execute(sql`delete from profiles where user_id = ${userId}`);
      await db.execute(sql`delete from invitations where lower(email) = lower(${email})`);
      await db.execute(sql`update memberships set status = 'deactivated' where user_id = ${userId}`);
      await db.execute(sql`
        update enrolments set answers = '{}'::jsonb,
               status = case when status in ('left', 'declined') then status else 'left' end
         where user_id = ${userId}`);
      await db.execute(sql`
        update users set name = 'Deleted person', email = 'deleted-' || id || '@deleted.invalid',
                         password_hash = '!deleted', email_verified_at = null, last_org_id = null
         where id = ${userId}`);
    },
  };
}

/** An organisation's people and pairs for admins' CSV exports: names, roles, states and dates only. */
export function orgExportsRepository(db: Database) {
  return {
    async members(orgId: OrgId) {
      return rowsOf<Record<string, string | null>>(
        await db.execute(sql`
          select u.name, u.email, m.role, m.status, to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as joined
            from memberships m join users u on u.id = m.user_id
           where m.org_id = ${orgId} order by lower(u.name), u.email`),
      );
    },
    async participants(orgId: OrgId) {
      return rowsOf<Record<string, string | number | null>>(
        await db.execute(sql`
          select p.name as programme, u.name, u.email, e.role, e.status, e.mentor_capacity as "mentorCapacity",
                 to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as enrolled
            from enrolments e join users u on u.id = e.user_id join programmes p on p.id = e.programme_id
           where e.org_id = ${orgId} order by lower(p.name), lower(u.name)`),
      );
    },
    async relationships(orgId: OrgId) {
      return rowsOf<Record<string, string | null>>(
        await db.execute(sql`
          select p.name as programme, mentor.name as mentor, mentee.name as mentee, r.status, r.origin,
                 to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as started,
                 to_char(r.ended_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ended,
                 to_char(r.ends_on, 'YYYY-MM-DD') as "endsOn"
            from relationships r join programmes p on p.id = r.programme_id
            join users mentor on mentor.id = r.mentor_id join users mentee on mentee.id = r.mentee_id
           where r.org_id = ${orgId} order by lower(p.name), r.started_at nulls last, lower(mentee.name)`),
      );
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof personalDataRepository>;
