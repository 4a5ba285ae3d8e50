import { z } from "zod";
import { FileBytesSchema } from "./audit.routes.ts";
import { IdSchema, OrgIdParamsSchema } from "./common.ts";
import { CreateProgrammeRequestSchema, ProgrammeParamsSchema } from "./programmes.ts";
import { route } from "./route-contract.ts";

export const PROGRAMME_DOCUMENT_FORMAT = "trellis-programme";
export const PROGRAMME_DOCUMENT_VERSION = 1;

/**
 * A programme as one versioned JSON document: its settings, registration form and matching
 * criteria (the same shapes the API takes). `format` and `version` let a later Trellis read or
 * refuse it by name.
 */
export const ProgrammeDocumentSchema = z.strictObject({
  format: z.literal(PROGRAMME_DOCUMENT_FORMAT, { error: `must be "${PROGRAMME_DOCUMENT_FORMAT}"` }),
  version: z.literal(PROGRAMME_DOCUMENT_VERSION, {
    error: `must be ${PROGRAMME_DOCUMENT_VERSION} (this Trellis reads version ${PROGRAMME_DOCUMENT_VERSION})`,
  }),
  programme: CreateProgrammeRequestSchema.omit({ template: true }),
});
export type ProgrammeDocument = z.infer<typeof ProgrammeDocumentSchema>;

export const ImportProgrammeRequestSchema = z.strictObject({
  document: z
    .string()
    .min(2, { error: "is required" })
    .max(500_000, { error: "must be at most 500000 characters" })
    .describe("The programme document's JSON text (errors name its line and path)"),
});

export const ImportedProgrammeSchema = z.object({ programmeId: IdSchema, name: z.string() });

export const programmeDocumentRoutes = {
  exportProgrammeDocument: route({
    method: "GET",
    path: "/api/orgs/:orgId/programmes/:programmeId/document",
    summary: "The programme as one versioned JSON document (settings, registration form, criteria)",
    tag: "programmes",
    access: "org-admin",
    status: 200,
    params: ProgrammeParamsSchema,
    response: FileBytesSchema,
  }),
  importProgrammeDocument: route({
    method: "POST",
    path: "/api/orgs/:orgId/programmes/import",
    summary: "Create a draft programme from a programme document; problems name their line and path",
    tag: "programmes",
    access: "org-admin",
    status: 201,
    params: OrgIdParamsSchema,
    body: ImportProgrammeRequestSchema,
    response: ImportedProgrammeSchema,
  }),
};
