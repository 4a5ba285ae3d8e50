import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { EDITABLE_EMAIL_KINDS } from "../../core/email/email-kinds.ts";
import type { EmailTemplate } from "../../contracts/email-templates.ts";
import type { ServerDeps } from "../deps.ts";
import { presentEmailTemplate } from "./email-template.presenter.ts";

/** Every kind of email the organisation may reword, each with its current wording. */
export async function listEmailTemplates(deps: ServerDeps, orgId: OrgId): Promise<EmailTemplate[]> {
  const own = new Map((await deps.repos.emailTemplates.listForOrg(orgId)).map((row) => [row.kind, row]));
  const names = new Map<UserId, string | null>();
  for (const row of own.values()) {
    if (row.updatedBy && !names.has(row.updatedBy)) {
      names.set(row.updatedBy, (await deps.repos.users.findById(row.updatedBy))?.name ?? null);
    }
  }
  return EDITABLE_EMAIL_KINDS.map((kind) => {
    const row = own.get(kind) ?? null;
    return presentEmailTemplate(kind, row, row?.updatedBy ? (names.get(row.updatedBy) ?? null) : null);
  });
}
