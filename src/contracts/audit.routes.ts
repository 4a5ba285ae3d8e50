import { z } from "zod";
import { IdSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { route } from "./route-contract.ts";

/** What the audit log records (each written in the transaction of its change). */
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
  "sso.connection_saved",
  "sso.connection_removed",
  "sso.domain_added",
  "sso.domain_verified",
  "sso.domain_removed",
  "sso.requirement_changed",
  "webhook.endpoint_created",
  "webhook.endpoint_changed",
  "webhook.endpoint_deleted",
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** Plain words for each action, for the page and the CSV. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "member.role_changed": "Changed a member's role",
  "member.deactivated": "Deactivated a member",
  "member.reactivated": "Reactivated a member",
  "member.reset_link_issued": "Issued a password reset link",
  "security.two_factor_requirement_changed": "Changed the two-factor requirement for admins",
  "export.members": "Exported members (CSV)",
  "export.participants": "Exported participants (CSV)",
  "export.relationships": "Exported relationships (CSV)",
  "export.audit_log": "Exported the audit log (CSV)",
  "account.deleted": "Deleted their account",
  "sso.connection_saved": "Saved the single sign-on connection",
  "sso.connection_removed": "Removed the single sign-on connection",
  "sso.domain_added": "Added an email domain for single sign-on",
  "sso.domain_verified": "Verified an email domain",
  "sso.domain_removed": "Removed an email domain",
  "sso.requirement_changed": "Changed whether members must use single sign-on",
  "webhook.endpoint_created": "Added a webhook endpoint",
  "webhook.endpoint_changed": "Changed a webhook endpoint",
  "webhook.endpoint_deleted": "Deleted a webhook endpoint",
};

/** The words for an action; an action recorded before it was listed here shows as recorded. */
export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;

export const AuditFilterSchema = z.strictObject({
  actorId: IdSchema.optional(),
  action: AuditActionSchema.optional(),
  from: TimestampSchema.optional().describe("Entries at or after this instant"),
  to: TimestampSchema.optional().describe("Entries before this instant"),
});

export const AuditListQuerySchema = AuditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditListQuery = z.input<typeof AuditListQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string().describe("One of the listed actions (older or newer ones are shown as recorded)"),
  subjectId: IdSchema.nullable(),
  subjectName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({
  entries: z.array(AuditEntrySchema),
  total: z.number().int(),
  /** Everyone who appears as an actor in this organisation's log, for the filter. */
  actors: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export type AuditList = z.infer<typeof AuditListSchema>;

/** A file download: the bytes, with its Content-Type and a Content-Disposition naming the file. */
export const FileBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .describe("The file (text/csv, application/json or text/html), as an attachment");

export const auditRoutes = {
  listAuditLog: route({
    method: "GET",
    path: "/api/orgs/:orgId/audit-log",
    summary: "Who did what and when in this organisation, newest first (admins)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    query: AuditListQuerySchema,
    response: AuditListSchema,
  }),
  exportAuditLog: route({
    method: "GET",
    path: "/api/orgs/:orgId/audit-log/export",
    summary: "The audit log (filtered as the list) as CSV; the export is itself recorded",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    query: AuditFilterSchema,
    response: FileBytesSchema,
  }),
};
