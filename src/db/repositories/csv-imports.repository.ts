import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { csvImports, users } from "../schema.ts";

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface CsvImportRecord {
  id: string;
  orgId: OrgId;
  programmeId: ProgrammeId;
  status: "running" | "completed" | "failed";
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  errors: ImportProblem[];
  startedByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const importColumns = {
  id: csvImports.id,
  orgId: csvImports.orgId,
  programmeId: csvImports.programmeId,
  status: csvImports.status,
  totalRows: csvImports.totalRows,
  processedRows: csvImports.processedRows,
  createdCount: csvImports.createdCount,
  updatedCount: csvImports.updatedCount,
  errors: csvImports.errors,
  startedByName: users.name,
  createdAt: csvImports.createdAt,
  finishedAt: csvImports.finishedAt,
};

function toRecord(row: {
  id: string;
  orgId: string;
  programmeId: string;
  status: CsvImportRecord["status"];
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  errors: ImportProblem[];
  startedByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}): CsvImportRecord {
  return { ...row, orgId: row.orgId as OrgId, programmeId: row.programmeId as ProgrammeId };
}

/**
 * CSV import runs and their progress (owned by the enrolment feature), and the batched writes an
 * import (and adding people by email) makes: many users, memberships, profiles and enrolments in
 * a few multi-row statements per chunk. Scoped by organisation and programme.
 */
export function csvImportsRepository(db: Database) {
  return {
    async create(input: {
      orgId: OrgId;
      programmeId: ProgrammeId;
      totalRows: number;
      /** Rows already dealt with: those refused before the run starts. */
      processedRows: number;
      errors: ImportProblem[];
      startedBy: UserId;
    }): Promise<string> {
      const [row] = await db.insert(csvImports).values(input).returning({ id: csvImports.id });
      return row.id;
    },

    async find(orgId: OrgId, programmeId: ProgrammeId, importId: string): Promise<CsvImportRecord | null> {
      const [row] = await db
        .select(importColumns)
        .from(csvImports)
        .leftJoin(users, eq(users.id, csvImports.startedBy))
        .where(
          and(
            eq(csvImports.orgId, orgId),
            eq(csvImports.programmeId, programmeId),
            eq(csvImports.id, importId),
          ),
        );
      return row ? toRecord(row) : null;
    },

    /** Whether an import of the programme is running. */
    async isRunning(orgId: OrgId, programmeId: ProgrammeId): Promise<boolean> {
      const [row] = await db
        .select({ id: csvImports.id })
        .from(csvImports)
        .where(
          and(
            eq(csvImports.orgId, orgId),
            eq(csvImports.programmeId, programmeId),
            eq(csvImports.status, "running"),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** The newest imports of a programme, without their error lists. */
    async listRecent(
      orgId: OrgId,
      programmeId: ProgrammeId,
      limit: number,
    ): Promise<(CsvImportRecord & { errorCount: number })[]> {
      const rows = await db
        .select({
          ...importColumns,
          errors: sql<ImportProblem[]>`'[]'::jsonb`,
          errorCount: sql<number>`jsonb_array_length(${csvImports.errors})::int`,
        })
        .from(csvImports)
        .leftJoin(users, eq(users.id, csvImports.startedBy))
        .where(and(eq(csvImports.orgId, orgId), eq(csvImports.programmeId, programmeId)))
        .orderBy(desc(csvImports.createdAt), desc(csvImports.id))
        .limit(limit);
      return rows.map((row) => ({ ...toRecord(row), errorCount: row.errorCount }));
    },

    /** Adds a chunk's outcome to the running totals (one UPDATE, readable at once by any instance). */
    async recordProgress(
      importId: string,
      progress: { processed: number; created: number; updated: number; errors: ImportProblem[] },
    ): Promise<void> {
      await db
        .update(csvImports)
        .set({
          processedRows: sql`${csvImports.processedRows} + ${progress.processed}`,
          createdCount: sql`${csvImports.createdCount} + ${progress.created}`,
          updatedCount: sql`${csvImports.updatedCount} + ${progress.updated}`,
          errors:
            progress.errors.length > 0
              ? sql`${csvImports.errors} || ${JSON.stringify(progress.errors)}::jsonb`
              : csvImports.errors,
        })
        .where(eq(csvImports.id, importId));
    },

    async finish(
      importId: string,
      status: "completed" | "failed",
      now: Date,
      problem?: ImportProblem,
    ): Promise<void> {
      await db
        .update(csvImports)
        .set({
          status,
          finishedAt: now,
          ...(problem ? { errors: sql`${csvImports.errors} || ${JSON.stringify([problem])}::jsonb` } : {}),
        })
        .where(and(eq(csvImports.id, importId), eq(csvImports.status, "running")));
    },

    /**
     * Marks imports still "running" long after they started as failed: the instance running them
     * stopped (an import of 10,000 rows takes seconds). Conditional, so any instance may do it.
     */
    async failAbandoned(orgId: OrgId, startedBefore: Date, now: Date): Promise<void> {
      await db
        .update(csvImports)
        .set({
          status: "failed",
          finishedAt: now,
          errors: sql`${csvImports.errors} || ${JSON.stringify([
            {
              line: 0,
              field: "file",
              message:
                "The import stopped before it finished (the server restarted). Import the file again: rows already imported are updated, not duplicated.",
            },
          ])}::jsonb`,
        })
        .where(
          and(
            eq(csvImports.orgId, orgId),
            eq(csvImports.status, "running"),
            lt(csvImports.createdAt, startedBefore),
          ),
        );
    },
  };
}
