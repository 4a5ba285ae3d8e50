import type { z } from "zod";
import type { ErrorDetail } from "../../contracts/errors.ts";
import {
  PROGRAMME_DOCUMENT_FORMAT,
  PROGRAMME_DOCUMENT_VERSION,
  type ProgrammeDocument,
  ProgrammeDocumentSchema,
} from "../../contracts/programme-document.routes.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { createProgramme } from "../programmes/create-programme.ts";
import { jsonLines, lineAndColumn, lineOf } from "./json-lines.ts";

const DOCUMENT = "body.document";

/** A programme's document: what another organisation or instance needs to create it again. */
export function programmeDocument(programme: ProgrammeRecord): ProgrammeDocument {
  return {
    format: PROGRAMME_DOCUMENT_FORMAT,
    version: PROGRAMME_DOCUMENT_VERSION,
    programme: {
      name: programme.name,
      description: programme.description,
      type: programme.type,
      evergreen: programme.evergreen,
      startsOn: programme.startsOn ?? undefined,
      endsOn: programme.endsOn ?? undefined,
      rolesOffered: programme.rolesOffered as ProgrammeDocument["programme"]["rolesOffered"],
      defaultMentorCapacity: programme.defaultMentorCapacity,
      matchingMode: programme.matchingMode,
      registrationForm: programme.registrationForm as ProgrammeDocument["programme"]["registrationForm"],
      matchConfig: programme.matchConfig as ProgrammeDocument["programme"]["matchConfig"],
      requestExpiryDays: programme.requestExpiryDays,
      requestReminderDays: programme.requestReminderDays,
      pendingRequestCap: programme.pendingRequestCap,
      requiresApproval: programme.requiresApproval,
    },
  };
}

export async function exportProgrammeDocument(
  deps: ServerDeps,
  orgId: Membership["orgId"],
  programmeId: ProgrammeId,
): Promise<ProgrammeDocument> {
  const programme = await deps.repos.programmes.find(orgId, programmeId);
  if (!programme) throw notFound("Programme not found.");
  return programmeDocument(programme);
}

const refuse = (details: ErrorDetail[]): never => {
  throw new AppError(
    "validation_failed",
    `The programme document has problems: ${details.map((detail) => detail.message).join("; ")}`,
    details,
  );
};

/**
 * Creates a draft programme from a document's JSON text. Every problem names where it is: its
 * path in the document (`body.document.programme.registrationForm.2.label`) and, in the message,
 * its line ("line 14: is required"). The settings are checked by the same rules as creating a
 * programme through the API.
 */
export async function importProgrammeDocument(
  deps: ServerDeps,
  actor: Membership,
  text: string,
): Promise<ProgrammeRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? Number.NaN);
    const where = Number.isFinite(offset) ? lineAndColumn(text, offset) : null;
    return refuse([
      {
        path: DOCUMENT,
        message: `${where ? `line ${where.line}, column ${where.column}: ` : ""}is not valid JSON (${(error as Error).message})`,
      },
    ]);
  }
  const lines = jsonLines(text);
  const result = ProgrammeDocumentSchema.safeParse(parsed);
  if (!result.success) {
    return refuse(
      result.error.issues.map((issue: z.core.$ZodIssue) => {
        const path = issue.path.map(String);
        return {
          path: [DOCUMENT, ...path].join("."),
          message: `line ${lineOf(lines, path)}: ${path.length ? `${path.join(".")} ` : ""}${issue.message}`,
        };
      }),
    );
  }
  try {
    return await createProgramme(deps, actor, result.data.programme);
  } catch (error) {
    // The settings rules name body.<field>: the same field under the document's programme.
    if (error instanceof AppError && error.code === "validation_failed" && error.details) {
      return refuse(
        error.details.map((detail) => {
          const path = [
            "programme",
            ...detail.path
              .replace(/^body\.?/, "")
              .split(".")
              .filter(Boolean),
          ];
          return {
            path: [DOCUMENT, ...path].join("."),
            message: `line ${lineOf(lines, path)}: ${path.join(".")} ${detail.message}`,
          };
        }),
      );
    }
    throw error;
  }
}
