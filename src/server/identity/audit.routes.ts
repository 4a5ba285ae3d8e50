import type { FastifyInstance } from "fastify";
import { type AuditAction, type AuditEntry, auditActionLabel } from "../../contracts/audit.routes.ts";
import { routes } from "../../contracts/routes.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { AuditEntryRecord } from "../../db/repositories/audit.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { recordAudit } from "./audit.ts";
import { attachment, toCsv } from "./csv.ts";

/** The most entries one CSV export holds (newest first). */
const EXPORT_LIMIT = 100_000;

export function presentAuditEntry(entry: AuditEntryRecord): AuditEntry {
  return {
    id: entry.id,
    at: entry.createdAt.toISOString(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    subjectId: entry.subjectId,
    subjectName: entry.subjectName,
    details: entry.details,
  };
}

const filterOf = (query: { actorId?: string; action?: AuditAction; from?: string; to?: string }) => ({
  actorId: query.actorId as UserId | undefined,
  action: query.action,
  from: query.from ? new Date(query.from) : undefined,
  to: query.to ? new Date(query.to) : undefined,
});

export function registerAuditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.listAuditLog, async ({ membership, query }) => {
    const [page, actors] = await Promise.all([
      deps.repos.audit.list(membership.orgId, filterOf(query), { limit: query.limit, offset: query.offset }),
      deps.repos.audit.actors(membership.orgId),
    ]);
    return { entries: page.entries.map(presentAuditEntry), total: page.total, actors };
  });

  defineRoute(app, deps, routes.exportAuditLog, async ({ membership, query, reply }) => {
    const now = deps.now();
    // The export is recorded in the same transaction that reads it (and is in the file it writes).
    const entries = await inTransaction(deps.db, async (repos) => {
      await recordAudit(repos, now, [
        {
          orgId: membership.orgId,
          actorId: membership.userId,
          action: "export.audit_log",
          details: { filter: { ...query } },
        },
      ]);
      return (await repos.audit.list(membership.orgId, filterOf(query), { limit: EXPORT_LIMIT, offset: 0 }))
        .entries;
    });
    const csv = toCsv(
      ["time (UTC)", "actor", "actor id", "action", "what", "subject", "subject id", "details"],
      entries.map((entry) => [
        entry.createdAt.toISOString(),
        entry.actorName,
        entry.actorId,
        entry.action,
        auditActionLabel(entry.action),
        entry.subjectName,
        entry.subjectId,
        JSON.stringify(entry.details),
      ]),
    );
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", attachment(`audit-log-${now.toISOString().slice(0, 10)}.csv`))
      .header("cache-control", "no-store");
    return csv;
  });
}
