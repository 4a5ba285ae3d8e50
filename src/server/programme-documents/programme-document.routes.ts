import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { attachment } from "../identity/csv.ts";
import { exportProgrammeDocument, importProgrammeDocument } from "./programme-document.ts";

export function registerProgrammeDocumentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.exportProgrammeDocument, async ({ membership, params, reply }) => {
    const document = await exportProgrammeDocument(deps, membership.orgId, params.programmeId as ProgrammeId);
    const slug = document.programme.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", attachment(`${slug || "programme"}.trellis-programme.json`))
      .header("cache-control", "no-store");
    return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8");
  });

  defineRoute(app, deps, routes.importProgrammeDocument, async ({ membership, body }) => {
    const programme = await importProgrammeDocument(deps, membership, body.document);
    return { programmeId: programme.id, name: programme.name };
  });
}
