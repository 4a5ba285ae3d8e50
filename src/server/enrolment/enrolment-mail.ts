import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { orgEmailTemplate, renderKind } from "../email/render.ts";
import { type PendingMail, SET_PASSWORD_LIFETIME_DAYS } from "./enrol-people.ts";
import { pages } from "../../contracts/pages.ts";

/** Emails recorded concurrently (fewer than the default pool of 10 connections). */
const MAIL_AT_ONCE = 6;

/**
 * Sends the emails of people just enrolled by an admin (after the transaction committed): a
 * "set your password" link for accounts made for them, and a link to their registration for
 * people who already had one.
 */
export async function sendEnrolmentMail(
  deps: ServerDeps,
  context: { orgId: OrgId; orgName: string; programme: Pick<ProgrammeRecord, "id" | "name"> },
  mail: readonly PendingMail[],
): Promise<void> {
  const registerUrl = new URL(
    pages.programmeRegister(context.programme.id),
    deps.config.publicUrl,
  ).toString();
  // The organisation's wording, read once for the whole batch (an import sends thousands).
  const templates = {
    setPassword: await orgEmailTemplate(deps.repos, context.orgId, "enrolment_set_password"),
    registration: await orgEmailTemplate(deps.repos, context.orgId, "enrolment_registration"),
  };
  const send = async (item: PendingMail) => {
    const values = { name: item.name, orgName: context.orgName, programmeName: context.programme.name };
    const email =
      item.kind === "set_password"
        ? renderKind("enrolment_set_password", templates.setPassword, {
            ...values,
            url: `${deps.config.publicUrl}/reset-password?token=${item.token}`,
            expiresInDays: SET_PASSWORD_LIFETIME_DAYS,
          })
        : renderKind("enrolment_registration", templates.registration, {
            ...values,
            url: registerUrl,
          });
    // A set-password link signs its holder in: like reset links it is an account email (no
    // organisation), shown in the outbox only to owners and only for people in no other organisation.
    return deps.mailer.send({
      to: item.to,
      orgId: item.kind === "set_password" ? null : context.orgId,
      email,
    });
  };
  // Each email is recorded by its own insert: a few at once keep a server's connection pool busy
  // (on the embedded database they queue), and a turn of the event loop between groups lets
  // requests in while a big import's thousands go out (see nextTurn in run-import.ts).
  for (let start = 0; start < mail.length; start += MAIL_AT_ONCE) {
    await Promise.all(mail.slice(start, start + MAIL_AT_ONCE).map(send));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
