import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Repositories } from "../../db/index.ts";

/**
 * What the audit log records. Each is written by its use case in the transaction of the change
 * (`recordAudit(repos, ...)` with the transaction's repos), so an entry exists exactly when the
 * change committed.
 */
export const AUDIT_ACTIONS = [
  "member.role_changed",
  "member.deactivated",
  "member.reactivated",
  "member.reset_link_issued",
  "security.two_factor_requirement_changed",
  "export.members",
  "export.participants",
  "export.relationships",
  "export.audit_log",
  "account.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
