import { OrgIdParamsSchema } from "./common.ts";
import {
  EmailTemplateListSchema,
  EmailTemplateParamsSchema,
  EmailTemplateSchema,
  SaveEmailTemplateRequestSchema,
  SentEmailParamsSchema,
} from "./email-templates.ts";
import { SentEmailSchema } from "./organisations.ts";
import { type RouteContract, route } from "./route-contract.ts";

/** Email: resending, and the organisation's wording of each kind of email (see routes.ts). */
export const emailRoutes = {
  resendEmail: route({
    method: "POST",
    path: "/api/orgs/:orgId/emails/:emailId/resend",
    summary: "Send an email again (a new copy, queued for delivery)",
    tag: "email",
    access: "org-admin",
    status: 202,
    params: SentEmailParamsSchema,
    response: SentEmailSchema,
  }),
  listEmailTemplates: route({
    method: "GET",
    path: "/api/orgs/:orgId/email-templates",
    summary: "Every kind of email the organisation sends, with its wording and variables",
    tag: "email",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: EmailTemplateListSchema,
  }),
  saveEmailTemplate: route({
    method: "PUT",
    path: "/api/orgs/:orgId/email-templates/:kind",
    summary: "Save the organisation's wording of one kind of email",
    tag: "email",
    access: "org-admin",
    status: 200,
    params: EmailTemplateParamsSchema,
    body: SaveEmailTemplateRequestSchema,
    response: EmailTemplateSchema,
  }),
  resetEmailTemplate: route({
    method: "DELETE",
    path: "/api/orgs/:orgId/email-templates/:kind",
    summary: "Go back to the default wording of one kind of email",
    tag: "email",
    access: "org-admin",
    status: 200,
    params: EmailTemplateParamsSchema,
    response: EmailTemplateSchema,
  }),
} satisfies Record<string, RouteContract>;
