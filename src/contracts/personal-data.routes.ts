import { z } from "zod";
import { FileBytesSchema } from "./audit.routes.ts";
import { NoContentSchema, OrgIdParamsSchema } from "./common.ts";
import { route } from "./route-contract.ts";
import { PasswordConfirmationSchema } from "./two-factor.routes.ts";

export const PersonalDataQuerySchema = z.strictObject({
  format: z.enum(["json", "html"]).default("json"),
});

export const DeleteAccountRequestSchema = PasswordConfirmationSchema;

/** A person's own data (export, deletion) and admins' CSV exports of their organisation. */
export const personalDataRoutes = {
  exportMyData: route({
    method: "GET",
    path: "/api/me/data-export",
    summary: "Everything Trellis holds about me, as JSON or a readable HTML page (a download)",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    query: PersonalDataQuerySchema,
    response: FileBytesSchema,
  }),
  deleteMyAccount: route({
    method: "POST",
    path: "/api/me/delete",
    summary:
      "Delete my account: my personal data is erased or anonymised, what others wrote stays (needs the password; recorded in the audit log)",
    tag: "accounts",
    access: "signed-in",
    status: 204,
    body: DeleteAccountRequestSchema,
    response: NoContentSchema,
  }),
  exportMembers: route({
    method: "GET",
    path: "/api/orgs/:orgId/exports/members",
    summary: "Members as CSV: name, email, role, status, joined (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: FileBytesSchema,
  }),
  exportParticipants: route({
    method: "GET",
    path: "/api/orgs/:orgId/exports/participants",
    summary:
      "Programme participants as CSV: programme, name, email, role, status (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: FileBytesSchema,
  }),
  exportRelationships: route({
    method: "GET",
    path: "/api/orgs/:orgId/exports/relationships",
    summary:
      "Mentoring pairs as CSV: programme, mentor, mentee, status and dates; never private content (recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: FileBytesSchema,
  }),
};
