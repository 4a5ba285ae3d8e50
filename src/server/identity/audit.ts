import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { AuditAction } from "../../contracts/audit.routes.ts";
import type { Repositories } from "../../db/index.ts";

/**
 * Audit entries are written by their use case in the transaction of the change
 * (`recordAudit(repos, now, ...)` with the transaction's repos), so an entry exists exactly when
 * the change committed. The actions are listed once, in contracts/audit.routes.ts.
 */
export interface AuditEntry {
  orgId: OrgId;
  actorId: UserId | null;
  action: AuditAction;
  subjectId?: string | null;
  /** Ids, roles, counts and settings only: never a name or an email address. */
  details?: Record<string, unknown>;
}

export async function recordAudit(repos: Repositories, at: Date, entries: AuditEntry[]): Promise<void> {
  await repos.audit.append(entries.map((entry) => ({ ...entry, at })));
}
