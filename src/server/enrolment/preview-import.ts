import type { ImportPreview, ImportPreviewRequestSchema } from "../../contracts/enrolment.ts";
import type { z } from "zod";
import type { Membership } from "../../core/accounts/types.ts";
import {
  type ColumnMapping,
  checkMapping,
  importTargets,
  parseCsv,
  suggestMapping,
} from "../../core/enrolment/csv-import.ts";
import { readImportRows } from "../../core/enrolment/csv-import-rows.ts";
import type { ServerDeps } from "../deps.ts";
import { presentProblem } from "./enrolment.presenter.ts";
import { programmeFor, registrationForm } from "./enrolment.policy.ts";

const ROWS_SHOWN = 20;
const PROBLEMS_SHOWN = 500;
const SAMPLES_PER_COLUMN = 3;

/**
 * Reads an uploaded CSV without writing anything: its columns with sample values, the targets a
 * column can fill, the mapping (the one given, or one suggested from the headers), the first
 * rows, and every problem of every row with its line.
 */
export async function previewImport(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
  input: z.output<typeof ImportPreviewRequestSchema>,
): Promise<ImportPreview> {
  const programme = await programmeFor(deps.repos, actor, programmeId);
  const form = registrationForm(programme);
  const parsed = parseCsv(input.file.text);
  const mapping: ColumnMapping[] =
    (input.mapping as ColumnMapping[] | undefined) ?? suggestMapping(parsed.headers, form);
  const mappingProblems = parsed.headers.length > 0 ? checkMapping(mapping, parsed.headers.length, form) : [];
  const read =
    mappingProblems.length === 0 && parsed.headers.length > 0
      ? readImportRows(parsed.rows, mapping, {
          form,
          rolesOffered: programme.rolesOffered,
          defaultRole: input.defaultRole,
        })
      : { rows: [], problems: [] };
  const problems = [...parsed.problems, ...read.problems].sort((a, b) => a.line - b.line);
  return {
    columns: parsed.headers.map((header, index) => ({
      index,
      header,
      samples: parsed.rows
        .map((row) => (row.cells[index] ?? "").trim())
        .filter((cell) => cell !== "")
        .slice(0, SAMPLES_PER_COLUMN),
    })),
    targets: importTargets(form),
    mapping,
    mappingProblems,
    rows: parsed.rows.slice(0, ROWS_SHOWN),
    totalRows: parsed.rows.length,
    validRows: read.rows.length,
    problemCount: problems.length,
    problems: problems.slice(0, PROBLEMS_SHOWN).map((problem) => presentProblem(problem, form)),
  };
}
