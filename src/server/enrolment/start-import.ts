import type { StartImportRequestSchema } from "../../contracts/enrolment.ts";
import type { z } from "zod";
import type { Membership } from "../../core/accounts/types.ts";
import { type ColumnMapping, checkMapping, parseCsv } from "../../core/enrolment/csv-import.ts";
import { readImportRows } from "../../core/enrolment/csv-import-rows.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { CsvImportRecord } from "../../db/repositories/csv-imports.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { programmeFor, registrationForm } from "./enrolment.policy.ts";
import { runImport, trackImport } from "./run-import.ts";

/**
 * Starts importing a CSV file with a mapping: checks the file and the mapping (400 naming
 * body.file or body.mapping), reads every row, records the import with the rows refused up front
 * and their problems, and imports the rest in the background. Answers 202 at once; the import's
 * progress is read from its row. One import of a programme runs at a time.
 */
export async function startImport(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "orgName" | "role" | "userId">,
  programmeId: string,
  input: z.output<typeof StartImportRequestSchema>,
  onError: (error: unknown) => void,
): Promise<{ record: CsvImportRecord; programme: ProgrammeRecord }> {
  const programme = await programmeFor(deps.repos, actor, programmeId);
  const form = registrationForm(programme);
  const parsed = parseCsv(input.file.text);
  if (parsed.headers.length === 0 || parsed.rows.length === 0) {
    const message = parsed.problems[0]?.message ?? "The file has nobody in it.";
    throw new AppError("validation_failed", message, [{ path: "body.file", message }]);
  }
  const mapping = input.mapping as ColumnMapping[];
  const mappingProblems = checkMapping(mapping, parsed.headers.length, form);
  if (mappingProblems.length > 0)
    throw new AppError(
      "validation_failed",
      `The mapping cannot be used: ${mappingProblems.map((problem) => problem.message).join("; ")}.`,
      mappingProblems.map((problem) => ({ path: "body.mapping", message: problem.message })),
    );
  if (await deps.repos.csvImports.isRunning(actor.orgId, programme.id))
    throw new AppError("conflict", "An import of this programme is still running. Wait for it to finish.");

  const read = readImportRows(parsed.rows, mapping, {
    form,
    rolesOffered: programme.rolesOffered,
    defaultRole: input.defaultRole,
  });
  const importId = await deps.repos.csvImports.create({
    orgId: actor.orgId,
    programmeId: programme.id,
    totalRows: parsed.rows.length,
    processedRows: parsed.rows.length - read.rows.length,
    errors: [...parsed.problems, ...read.problems],
    startedBy: actor.userId,
  });
  trackImport(
    deps,
    runImport(
      deps,
      { importId, orgId: actor.orgId, orgName: actor.orgName, programme, rows: read.rows },
      onError,
    ),
  );
  const record = await deps.repos.csvImports.find(actor.orgId, programme.id, importId);
  return { record: record!, programme };
}
