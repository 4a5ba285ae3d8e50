import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { presentEmail } from "../organisations/organisation.presenter.ts";
import { presentEmailTemplate } from "./email-template.presenter.ts";
import { listEmailTemplates } from "./list-email-templates.ts";
import { resendEmail } from "./resend-email.ts";
import { saveEmailTemplate } from "./save-email-template.ts";

/** Resending emails and the organisation's email templates (org admins). */
export function registerEmailRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.resendEmail, async ({ membership, params }) =>
    presentEmail(await resendEmail(deps, membership.orgId, params.emailId)),
  );

  defineRoute(app, deps, routes.listEmailTemplates, async ({ membership }) => ({
    templates: await listEmailTemplates(deps, membership.orgId),
  }));

  defineRoute(app, deps, routes.saveEmailTemplate, async ({ membership, params, body, auth }) => {
    const name = auth.user?.name ?? (await deps.repos.users.findById(membership.userId))?.name ?? "";
    return saveEmailTemplate(deps, { ...membership, name }, params.kind, body);
  });

  defineRoute(app, deps, routes.resetEmailTemplate, async ({ membership, params }) => {
    await deps.repos.emailTemplates.remove(membership.orgId, params.kind);
    return presentEmailTemplate(params.kind, null, null);
  });
}
