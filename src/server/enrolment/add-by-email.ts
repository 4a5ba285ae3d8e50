import type { AddByEmailRequestSchema, AddByEmailResult } from "../../contracts/enrolment.ts";
import { EmailSchema } from "../../contracts/common.ts";
import type { z } from "zod";
import type { Membership } from "../../core/accounts/types.ts";
import type { ImportRow } from "../../core/enrolment/csv-import-rows.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { type EnrolOutcome, enrolPeople } from "./enrol-people.ts";
import { sendEnrolmentMail } from "./enrolment-mail.ts";
import { programmeFor } from "./enrolment.policy.ts";
import { requireCapacityFits, requireOfferedRole } from "./register.ts";

/** Most addresses one request takes (larger lists go through a CSV import). */
export const MAX_EMAILS_AT_ONCE = 200;

const MESSAGES: Record<EnrolOutcome, string> = {
  enrolled: "Enrolled; they were emailed a link to complete their registration.",
  account_created: "An account was made for them; they were emailed a link to set their password.",
  already_enrolled: "Already in the programme: left as they are.",
  updated: "Updated.",
  refused: "Deactivated in this organisation: reactivate them on the Members page first.",
};

/** The addresses of a pasted list (commas, semicolons, spaces or lines), lower-cased, each once. */
export function emailsFromText(text: string): { emails: string[]; invalid: string[] } {
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const item of text.split(/[\s,;]+/).filter((part) => part !== "")) {
    const parsed = EmailSchema.safeParse(item.replace(/^<|>$/g, ""));
    if (!parsed.success) invalid.push(item);
    else if (!emails.includes(parsed.data)) emails.push(parsed.data);
  }
  return { emails, invalid };
}

/**
 * An admin enrols people by email with one role: members are enrolled and told; unknown emails
 * get an account, an active membership and a "set your password" link; people already in the
 * programme are left as they are. The same path a CSV import takes for each row.
 */
export async function addParticipantsByEmail(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "orgName" | "role">,
  programmeId: string,
  input: z.output<typeof AddByEmailRequestSchema>,
): Promise<AddByEmailResult> {
  const { emails, invalid } = emailsFromText(input.emails);
  const refuse = (message: string) =>
    new AppError("validation_failed", message, [{ path: "body.emails", message }]);
  if (invalid.length > 0)
    throw refuse(
      `${invalid.slice(0, 5).join(", ")}${invalid.length > 5 ? "…" : ""} ${invalid.length === 1 ? "is not a valid email address" : "are not valid email addresses"}`,
    );
  if (emails.length === 0) throw refuse("is empty: enter at least one email address");
  if (emails.length > MAX_EMAILS_AT_ONCE)
    throw refuse(
      `lists ${emails.length} addresses; add at most ${MAX_EMAILS_AT_ONCE} at once, or import a CSV file`,
    );

  const programme = await programmeFor(deps.repos, actor, programmeId);
  requireOfferedRole(programme, input.role);
  requireCapacityFits(input.role, input.mentorCapacity);
  const people: ImportRow[] = emails.map((email, index) => ({
    line: index + 1,
    email,
    name: null,
    role: input.role,
    mentorCapacity: input.mentorCapacity ?? null,
    profile: {},
    answers: {},
    managerEmail: null,
  }));
  const skillNames = await deps.repos.bulkEnrolment.skillNames(actor.orgId);
  const batch = await inTransaction(deps.db, (repos) =>
    enrolPeople(
      repos,
      {
        orgId: actor.orgId,
        programme,
        source: "admin",
        updateExisting: false,
        skillNames,
        secret: deps.secret,
        now: deps.now(),
      },
      people,
    ),
  );
  await deps.events.afterCommit();
  await sendEnrolmentMail(deps, { orgId: actor.orgId, orgName: actor.orgName, programme }, batch.mail);
  return {
    results: batch.outcomes.map((item) => ({
      email: item.email,
      outcome: item.outcome === "updated" ? "already_enrolled" : item.outcome,
      message: MESSAGES[item.outcome],
    })),
  };
}
